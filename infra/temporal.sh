#!/usr/bin/env bash
# Temporal dev server: the real server, persisted in a SQLite file so workflows survive a restart.
source "$(dirname "$0")/lib.sh"

# Custom search attributes every workflow uses; none carries personal data.
SEARCH_ATTRIBUTES=(
  RequestKind=Keyword
  RequestState=Keyword
  DistrictCode=Keyword
  ProvinceCode=Keyword
  ReviewOverdue=Bool
)

# The binary is needed even when a server already answers: tests start private ones.
bin="$(ensure_go_tool temporal "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION")"
if port_open "$TEMPORAL_PORT"; then
  log "Temporal answers on 127.0.0.1:$TEMPORAL_PORT"
  exit 0
fi
mkdir -p "$DATA_DIR/temporal"
args=(server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT"
  --db-filename "$DATA_DIR/temporal/temporal.db" --namespace "${TEMPORAL_NAMESPACE:-default}" --log-level warn)
for sa in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$sa"); done
# SQLite settings shared with the private servers of tests and benchmarks (tools/lib/deployment.ts).
while read -r pragma; do
  if [[ -n "$pragma" && "$pragma" != \#* ]]; then args+=(--sqlite-pragma "$pragma"); fi
done <"$ROOT/infra/temporal-sqlite-pragmas"
# Payloads are encrypted; the UI asks the API's codec endpoint (administrators only) to show them.
args+=(--ui-codec-endpoint "http://127.0.0.1:$API_PORT/codec")
log "starting Temporal dev server"
start_bg temporal "$bin" "${args[@]}"
wait_port "$TEMPORAL_PORT" "Temporal" 120
wait_port "$TEMPORAL_UI_PORT" "Temporal UI" 60
