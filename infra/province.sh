#!/usr/bin/env bash
# Starts a second deployment of this system for another province beside the default one:
#   bash infra/province.sh 130000 3100
# It shares PostgreSQL (its own database), Temporal (its own task queue), MinIO (its own key prefix)
# and the national-platform stand-in with the deployment `up.sh` started, as two real provinces would
# share only the national platform.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
code="${1:?usage: infra/province.sh <province code, e.g. 130000> <API port, e.g. 3100>}"
port="${2:?usage: infra/province.sh <province code> <API port>}"
port_open "$NATIONAL_PORT" || die "start the default deployment first: bash infra/up.sh"

export PROVINCE_CODE="$code" API_PORT="$port" DATABASE_URL="postgresql://postgres@127.0.0.1:5432/accounting_$code" STORAGE_PREFIX="province-$code/"
log "province $code: applying migrations and seeding its accounts"
npx tsx prisma/migrate.ts
npx tsx prisma/seed.ts >"$LOG_DIR/seed-$code.log" 2>&1 || { cat "$LOG_DIR/seed-$code.log" >&2; die "seeding failed"; }
pid_alive "worker-$code" || start_bg "worker-$code" npx tsx worker/main.ts
# shellcheck disable=SC2046 # the command tools/build-api.ts prints: node, its flags, the built file
port_open "$port" || start_bg "api-$code" $(npx tsx tools/build-api.ts)
wait_http "http://127.0.0.1:$port/readyz" "API of province $code" 60
log "province $code: API http://127.0.0.1:$port (docs /docs); accounts in $LOG_DIR/seed-$code.log"
