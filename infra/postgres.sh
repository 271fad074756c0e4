#!/usr/bin/env bash
# PostgreSQL: use the server on 127.0.0.1:5432 when one answers; otherwise install Debian's and start it.
source "$(dirname "$0")/lib.sh"

pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if ! command -v pg_isready >/dev/null 2>&1 || ! pg_ready; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    log "installing PostgreSQL from Debian's packages"
    command -v apt-get >/dev/null || die "PostgreSQL is not running on 127.0.0.1:5432 and apt-get is not available to install it"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null
    ver="$(ls /etc/postgresql | sort -V | tail -1)"
    # Local development trusts loopback connections, as the machine's own server does.
    sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "/etc/postgresql/$ver/main/pg_hba.conf"
    sed -i -E 's/^(local\s+all\s+all\s+)\S+/\1trust/; s/^(local\s+all\s+postgres\s+)\S+/\1trust/' "/etc/postgresql/$ver/main/pg_hba.conf"
  fi
  ver="$(ls /etc/postgresql | sort -V | tail -1)"
  log "starting PostgreSQL $ver"
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  for _ in $(seq 1 100); do pg_ready && break; sleep 0.2; done
  pg_ready || die "PostgreSQL did not start on 127.0.0.1:5432"
fi
log "PostgreSQL answers on 127.0.0.1:5432"
