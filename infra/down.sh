#!/usr/bin/env bash
# Stops everything infra/up.sh started. Data stays in .data/ (delete it for a clean slate).
source "$(dirname "$0")/lib.sh"
for name in api worker national minio temporal; do stop_bg "$name"; done
log "stopped; PostgreSQL is the machine's own server and keeps running"
