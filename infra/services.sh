#!/usr/bin/env bash
# Starts the real services the system needs (each reused when already running): PostgreSQL, Temporal, MinIO.
source "$(dirname "$0")/lib.sh"
bash "$ROOT/infra/postgres.sh"
# The two Go builds are independent; on a cold machine they overlap.
bash "$ROOT/infra/temporal.sh" &
t=$!
bash "$ROOT/infra/minio.sh" &
m=$!
wait $t || die "Temporal did not start"
wait $m || die "MinIO did not start"
