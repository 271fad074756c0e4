#!/usr/bin/env bash
# One command: installs what is missing and starts everything on the default configuration.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_node_modules
bash infra/services.sh

bash infra/build-web.sh

log "applying database migrations"
npx tsx prisma/migrate.ts
npx tsx prisma/seed.ts >"$LOG_DIR/seed.log" 2>&1 || { cat "$LOG_DIR/seed.log" >&2; die "seeding failed"; }

if ! port_open "$NATIONAL_PORT"; then
  log "starting the national-platform stand-in"
  start_bg national npx tsx infra/national/main.ts
  wait_http "http://127.0.0.1:$NATIONAL_PORT/healthz" "national platform stand-in" 60
fi
if ! pid_alive worker; then
  log "starting the worker"
  start_bg worker npx tsx worker/main.ts
fi
if ! port_open "$API_PORT"; then
  log "building and starting the API (plain Node, no TypeScript loader: tools/build-api.ts)"
  # shellcheck disable=SC2046 # the command tools/build-api.ts prints: node, its flags, the built file
  start_bg api $(npx tsx tools/build-api.ts)
  wait_http "http://127.0.0.1:$API_PORT/healthz" "API" 60
fi
wait_http "http://127.0.0.1:$API_PORT/readyz" "API readiness" 60

if [[ "$TEMPORAL_ENGINE" == server ]]; then
  engine_line="Temporal server 127.0.0.1:$TEMPORAL_PORT (PostgreSQL persistence; no Web UI: use the temporal CLI)"
else
  engine_line="Temporal UI    http://127.0.0.1:$TEMPORAL_UI_PORT"
fi
cat <<TXT

  Open in a browser:  http://127.0.0.1:$API_PORT/

  API            http://127.0.0.1:$API_PORT        (ready: /readyz)
  API docs       http://127.0.0.1:$API_PORT/docs   (OpenAPI: /openapi.json)
  $engine_line
  MinIO console  http://127.0.0.1:$MINIO_CONSOLE_PORT  (user $MINIO_ROOT_USER)
  Mailpit (mail)  http://127.0.0.1:$MAILPIT_HTTP_PORT  (the notifications sent by email)
  National platform stand-in  http://127.0.0.1:$NATIONAL_PORT/docs

  Demo accounts: see $LOG_DIR/seed.log     Logs: $LOG_DIR     Stop: bash infra/down.sh
TXT
cat "$LOG_DIR/seed.log"
