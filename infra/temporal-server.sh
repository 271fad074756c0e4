#!/usr/bin/env bash
# The Temporal server (go.temporal.io/server) with PostgreSQL persistence: the engine a province runs when it
# outgrows one process (TEMPORAL_ENGINE=server). Reused when its frontend already answers.
#
#   bash infra/temporal-server.sh                          the four services in one process
#   TEMPORAL_TOPOLOGY=split bash infra/temporal-server.sh  frontend, history, matching and worker as separate
#                                                          processes, as they would run on separate machines
#   TEMPORAL_SERVICES=history bash infra/temporal-server.sh  (split) starts just these services again, after one
#                                                          of them stopped or was killed
#
# Settings (environment): TEMPORAL_PORT (frontend gRPC; the other ports follow from it), TEMPORAL_SQL_DATABASE
# (its databases: <name> and <name>_visibility on the machine's PostgreSQL), TEMPORAL_HISTORY_SHARDS (only read
# when the databases are created), TEMPORAL_RETENTION (how long closed workflows' histories stay), and
# TEMPORAL_SERVER_NAME (names its pid and log files, so a second one can run beside it).
source "$(dirname "$0")/lib.sh"

bash "$ROOT/infra/postgres.sh"
server="$(ensure_go_tool temporal-server "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" server)"
sqltool="$(ensure_go_tool temporal-sql-tool "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" sql)"
# The CLI speaks to the server for the namespace and its search attributes (and tests start dev servers with it).
cli="$(ensure_go_tool temporal "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION")"

name="${TEMPORAL_SERVER_NAME:-temporal-server}"
topology="${TEMPORAL_TOPOLOGY:-single}"
namespace="${TEMPORAL_NAMESPACE:-default}"
retention="${TEMPORAL_RETENTION:-7d}"
export TEMPORAL_PORT
export TEMPORAL_SQL_DATABASE="${TEMPORAL_SQL_DATABASE:-temporal}"
export TEMPORAL_SQL_HOST="${TEMPORAL_SQL_HOST:-127.0.0.1}" TEMPORAL_SQL_PORT="${TEMPORAL_SQL_PORT:-5432}"
export TEMPORAL_SQL_USER="${TEMPORAL_SQL_USER:-postgres}" TEMPORAL_SQL_PASSWORD="${TEMPORAL_SQL_PASSWORD:-}"
# Every port follows from the frontend's, so servers on frontend ports 100 apart never meet (7233: membership 5933…).
export TEMPORAL_HISTORY_PORT=$((TEMPORAL_PORT + 1)) TEMPORAL_MATCHING_PORT=$((TEMPORAL_PORT + 2))
export TEMPORAL_WORKER_PORT=$((TEMPORAL_PORT + 6)) TEMPORAL_SERVER_HTTP_PORT=$((TEMPORAL_PORT + 10))
export TEMPORAL_FRONTEND_MEMBERSHIP_PORT=$((TEMPORAL_PORT - 1300)) TEMPORAL_HISTORY_MEMBERSHIP_PORT=$((TEMPORAL_PORT - 1299))
export TEMPORAL_MATCHING_MEMBERSHIP_PORT=$((TEMPORAL_PORT - 1298)) TEMPORAL_WORKER_MEMBERSHIP_PORT=$((TEMPORAL_PORT - 1294))
export TEMPORAL_SERVER_METRICS_PORT=$((TEMPORAL_PORT + 767))
export TEMPORAL_SERVER_DYNAMIC_CONFIG="$ROOT/infra/temporal-server/dynamicconfig/province.yaml"
address="127.0.0.1:$TEMPORAL_PORT"
# The server keeps membership ports in a smallint column.
((TEMPORAL_PORT >= 2400 && TEMPORAL_PORT <= 32000)) || die "TEMPORAL_PORT=$TEMPORAL_PORT: the Temporal server needs a port from 2400 to 32000"

# The schemas are the server module's own, at the version built.
go="$(go_bin)"
schema_dir="$("$go" mod download -json "go.temporal.io/server@$TEMPORAL_SERVER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')/schema/postgresql/v12"
[[ -d "$schema_dir/temporal/versioned" ]] || die "no PostgreSQL schema of the Temporal server at $schema_dir"

sql() { "$sqltool" --plugin postgres12 --ep "$TEMPORAL_SQL_HOST" -p "$TEMPORAL_SQL_PORT" -u "$TEMPORAL_SQL_USER" --pw "$TEMPORAL_SQL_PASSWORD" "$@"; }
db_exists() { [[ "$(psql -h "$TEMPORAL_SQL_HOST" -p "$TEMPORAL_SQL_PORT" -U "$TEMPORAL_SQL_USER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" == 1 ]]; }

prepare_database() { # database schema-folder
  if ! db_exists "$1"; then
    log "creating the database $1 and its Temporal schema"
    sql --db "$1" create-database >>"$LOG_DIR/$name-schema.log" 2>&1
    sql --db "$1" setup-schema -v 0.0 >>"$LOG_DIR/$name-schema.log" 2>&1
  fi
  # Idempotent: brings an existing database to the schema of the server version built.
  sql --db "$1" update-schema -d "$schema_dir/$2/versioned" >>"$LOG_DIR/$name-schema.log" 2>&1 \
    || die "the Temporal schema of $1 could not be applied: see $LOG_DIR/$name-schema.log"
}

if [[ -n "${TEMPORAL_SERVICES:-}" ]]; then
  for svc in $TEMPORAL_SERVICES; do
    log "starting the Temporal $svc service again"
    start_bg "$name-$svc" "$server" --root "$ROOT/infra/temporal-server" --config config --env province --allow-no-auth start --service "$svc"
  done
  exit 0
fi

if port_open "$TEMPORAL_PORT"; then
  log "Temporal answers on $address"
else
  prepare_database "$TEMPORAL_SQL_DATABASE" temporal
  prepare_database "${TEMPORAL_SQL_DATABASE}_visibility" visibility
  run=("$server" --root "$ROOT/infra/temporal-server" --config config --env province --allow-no-auth start)
  if [[ "$topology" == split ]]; then
    # The first process writes the cluster's metadata on fresh databases; started together, the others would
    # race it and stop. History first, the rest once it listens.
    log "starting the Temporal history service"
    start_bg "$name-history" "${run[@]}" --service history
    wait_port "$TEMPORAL_HISTORY_PORT" "Temporal history service" 120
    for svc in matching frontend worker; do
      log "starting the Temporal $svc service"
      start_bg "$name-$svc" "${run[@]}" --service "$svc"
    done
  else
    log "starting the Temporal server (PostgreSQL persistence, database $TEMPORAL_SQL_DATABASE)"
    start_bg "$name" "${run[@]}"
  fi
  wait_port "$TEMPORAL_PORT" "Temporal server" 120
fi

# The namespace and its search attributes; the frontend answers before its cluster is ready, so retry.
for ((i = 0; i < 60; i++)); do
  "$cli" operator namespace describe --address "$address" -n "$namespace" >/dev/null 2>&1 && break
  "$cli" operator namespace create --address "$address" -n "$namespace" --retention "$retention" >/dev/null 2>&1 && break
  sleep 1
done
"$cli" operator namespace describe --address "$address" -n "$namespace" >/dev/null 2>&1 || die "namespace $namespace could not be created on $address"
# A new namespace reaches every service's cache within seconds: until then creating its attributes fails.
for sa in "${SEARCH_ATTRIBUTES[@]}"; do
  for ((i = 0; ; i++)); do
    "$cli" operator search-attribute list --address "$address" -n "$namespace" 2>/dev/null | grep -qw "${sa%%=*}" && break
    "$cli" operator search-attribute create --address "$address" -n "$namespace" --name "${sa%%=*}" --type "${sa#*=}" \
      >>"$LOG_DIR/$name-setup.log" 2>&1 && break
    ((i < 60)) || die "search attribute ${sa%%=*} could not be created: see $LOG_DIR/$name-setup.log"
    sleep 1
  done
done
log "Temporal server ready on $address (namespace $namespace, retention $retention)"
