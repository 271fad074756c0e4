#!/usr/bin/env bash
# Debian's Chromium for the browser tests and the web benchmark, with CJK fonts so Chinese pages render
# (and their screenshots show text, not boxes). A no-op when /usr/bin/chromium is there.
source "$(dirname "$0")/lib.sh"

CHROMIUM="${CHROMIUM_BIN:-/usr/bin/chromium}"
if [[ -x "$CHROMIUM" ]]; then
  log "Chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi
command -v apt-get >/dev/null || die "Chromium is missing at $CHROMIUM and apt-get is not available: install Chromium and set CHROMIUM_BIN"
# Root runs apt-get directly (CI's fresh machine, containers); anyone else through sudo.
sudo=()
if [[ "$(id -u)" != 0 ]]; then
  command -v sudo >/dev/null || die "Chromium is missing at $CHROMIUM: run as root or install sudo"
  sudo=(sudo)
fi
log "installing Chromium and CJK fonts (apt-get)"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
[[ -x "$CHROMIUM" ]] || die "apt-get installed chromium but $CHROMIUM is missing"
log "Chromium: $("$CHROMIUM" --version)"
