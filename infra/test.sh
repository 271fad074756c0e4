#!/usr/bin/env bash
# One command: starts what the tests need (reusing what runs) and runs the whole suite.
# Each run gets its own databases, bucket prefix and task queues, and removes them afterwards.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_node_modules
bash infra/services.sh
bash infra/chromium.sh
export TEMPORAL_BIN="$BIN_DIR/temporal" MINIO_BIN="$BIN_DIR/minio"
bash infra/build-web.sh
npx tsc --noEmit
npx tsc --noEmit -p web
npx tsc --noEmit -p bench
# Formatting and lint (Biome), and no import circle (dependency-cruiser): zero findings on the whole tree.
npx biome check .
npx depcruise --config .dependency-cruiser.cjs api activities workflows worker domain clients config national records tools infra bench test web api-client
if (($#)); then
  npx vitest run "$@"
  exit 0
fi
npx vitest run

# The suites that exercise the workflow engine, again on the Temporal server with PostgreSQL persistence
# (TEMPORAL_ENGINE=server): a fresh one of this run's own, beside the dev server, stopped afterwards.
# TEST_ENGINE_SERVER=0 leaves it out; TEST_ENGINE_SERVER=all runs the whole suite on it (nightly).
if [[ "${TEST_ENGINE_SERVER:-1}" != 0 ]]; then
  export TEMPORAL_SERVER_NAME=temporal-server-test TEMPORAL_PORT="${TEST_TEMPORAL_SERVER_PORT:-7433}" TEMPORAL_SQL_DATABASE=temporal_test
  stop_bg "$TEMPORAL_SERVER_NAME"
  for db in "$TEMPORAL_SQL_DATABASE" "${TEMPORAL_SQL_DATABASE}_visibility"; do
    psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  done
  bash infra/temporal-server.sh
  trap 'stop_bg "$TEMPORAL_SERVER_NAME"' EXIT
  engine_suites=(test/foundation test/collection test/transfers test/replay test/operations/faults.test.ts)
  [[ "${TEST_ENGINE_SERVER:-1}" == all ]] && engine_suites=()
  log "the engine suites on the Temporal server with PostgreSQL persistence (127.0.0.1:$TEMPORAL_PORT)"
  TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT" npx vitest run "${engine_suites[@]}"
fi
