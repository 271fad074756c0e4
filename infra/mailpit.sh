#!/usr/bin/env bash
# Mailpit: a real SMTP server (SMTP_PORT, 1025) that keeps what it receives and shows it over HTTP (MAILPIT_HTTP_PORT,
# 8025: the web page and GET /api/v1/messages); built once from source and reused. Notifications are emailed to it.
source "$(dirname "$0")/lib.sh"

bin="$(ensure_go_tool mailpit "github.com/axllent/mailpit@$MAILPIT_VERSION")"
if port_open "$SMTP_PORT"; then
  log "an SMTP server answers on 127.0.0.1:$SMTP_PORT"
  exit 0
fi
log "starting Mailpit"
start_bg mailpit "$bin" --smtp "127.0.0.1:$SMTP_PORT" --listen "127.0.0.1:$MAILPIT_HTTP_PORT" --quiet
wait_http "http://127.0.0.1:$MAILPIT_HTTP_PORT/livez" "Mailpit" 60
