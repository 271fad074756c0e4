#!/usr/bin/env bash
# Starts the real services the system needs (each reused when already running): PostgreSQL, Temporal, MinIO, Mailpit (SMTP).
# TEMPORAL_ENGINE=server runs the Temporal server on PostgreSQL instead of the dev server.
source "$(dirname "$0")/lib.sh"
bash "$ROOT/infra/postgres.sh"
# The two Go builds are independent; on a cold machine they overlap.
if [[ "$TEMPORAL_ENGINE" == server ]]; then bash "$ROOT/infra/temporal-server.sh" & else bash "$ROOT/infra/temporal.sh" & fi
t=$!
bash "$ROOT/infra/minio.sh" &
m=$!
bash "$ROOT/infra/mailpit.sh" &
mp=$!
wait $t || die "Temporal did not start"
wait $m || die "MinIO did not start"
wait $mp || die "Mailpit did not start"
