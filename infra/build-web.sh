#!/usr/bin/env bash
# Builds the web pages (web/ → web/dist, served by the API at /) when a source is newer than the build.
# Sources: web/ outside dist, and what the pages import from api-client/ and domain/.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
stamp="web/dist/index.html"
if [[ -f "$stamp" && "${1:-}" != "--force" ]] &&
  [[ -z "$(find web api-client domain package-lock.json -path web/dist -prune -o -type f -newer "$stamp" -print -quit)" ]]; then
  exit 0
fi
log "building the web pages (web/dist)"
npx vite build --config web/vite.config.ts --logLevel warn
