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
# The whole suite also runs the web benchmark's smoke (under a minute): the applicant's first pages within
# 250 KB of gzipped JavaScript and loading no other audience's code, or it fails; the inbox scrolled.
if [[ $# -eq 0 ]]; then npx tsx bench/web.ts --smoke; fi
npx vitest run "$@"
