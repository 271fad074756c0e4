#!/usr/bin/env bash
# The collection benchmark's full runs, for a quiet machine (nothing else running: the figures are CPU-bound),
# one after another, each on an engine of its own (bench/collection.ts --engine). Results in bench/results/.
#
#   bash bench/collection-runs.sh            the three runs of the README's table (about 1 h 15 min with the preload)
#   bash bench/collection-runs.sh tuning     worker settings (worker/tuning.ts), 100 requests each, dev server, fresh
#   bash bench/collection-runs.sh server-preload   the Temporal server holding 50,000 closed workflows
#
# Needs PostgreSQL and MinIO running (bash infra/services.sh) and, for the server runs, the Temporal server
# built once (bash infra/temporal-server.sh builds it); the shared dev server on :7233 is not used.
set -euo pipefail
cd "$(dirname "$0")/.."

run() {
  echo "== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): npx tsx bench/collection.ts $*" >&2
  npx tsx bench/collection.ts "$@"
}

case "${1:-full}" in
  full)
    run --engine dev                   # the dev server, fresh
    run --engine dev --preload 50000   # the dev server holding 50,000 closed workflows (preloading: about 25 min)
    run --engine server                # the Temporal server on PostgreSQL, fresh
    ;;
  server-preload)
    run --engine server --preload 50000
    ;;
  tuning)
    small=(--requests 100 --latency-submits 50 --latency-status 200 --steady-submits 20)
    run "${small[@]}"                                          # worker/tuning.ts as committed
    WORKER_WORKFLOW_TASK_SLOTS=8 run "${small[@]}"             # fewer workflow slots than requests in flight
    WORKER_WORKFLOW_TASK_SLOTS=100 run "${small[@]}"
    WORKER_WORKFLOW_POLLERS=2 WORKER_ACTIVITY_POLLERS=2 run "${small[@]}"
    WORKER_WORKFLOW_POLLERS=20 run "${small[@]}"
    WORKER_CACHED_WORKFLOWS=10 run "${small[@]}"               # a cache smaller than the requests in flight: replays
    ;;
  *)
    echo "usage: bash bench/collection-runs.sh [full|server-preload|tuning]" >&2
    exit 2
    ;;
esac
