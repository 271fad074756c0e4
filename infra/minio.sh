#!/usr/bin/env bash
# MinIO: the real S3 server, built once from source and reused; data under .data/minio.
source "$(dirname "$0")/lib.sh"

# The binary is needed even when a server already answers: tests start private ones.
bin="$(ensure_go_tool minio "github.com/minio/minio@$MINIO_VERSION")"
if port_open "$MINIO_PORT"; then
  log "MinIO answers on 127.0.0.1:$MINIO_PORT"
  exit 0
fi
mkdir -p "$DATA_DIR/minio"
log "starting MinIO"
MINIO_BROWSER_REDIRECT=off start_bg minio "$bin" server "$DATA_DIR/minio" --quiet \
  --address "127.0.0.1:$MINIO_PORT" --console-address "127.0.0.1:$MINIO_CONSOLE_PORT"
wait_http "http://127.0.0.1:$MINIO_PORT/minio/health/ready" "MinIO" 60
