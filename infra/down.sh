#!/usr/bin/env bash
# Stops everything infra/up.sh started. Data stays in .data/ (delete it for a clean slate).
source "$(dirname "$0")/lib.sh"
# Second provinces (infra/province.sh) first, then the default deployment and the services.
for f in "$RUN_DIR"/api-*.pid "$RUN_DIR"/worker-*.pid; do [[ -e "$f" ]] && stop_bg "$(basename "$f" .pid)"; done
for name in api worker national minio mailpit temporal; do stop_bg "$name"; done
for f in "$RUN_DIR"/temporal-server*.pid; do [[ -e "$f" ]] && stop_bg "$(basename "$f" .pid)"; done
log "stopped; PostgreSQL is the machine's own server and keeps running"
