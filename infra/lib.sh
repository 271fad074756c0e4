# Shared helpers for the infra scripts. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="${DATA_DIR:-$ROOT/.data}"
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"
BIN_DIR="$DATA_DIR/bin"
mkdir -p "$RUN_DIR" "$LOG_DIR" "$BIN_DIR"

TEMPORAL_CLI_VERSION="v1.5.1"
# MinIO publishes no semver tags; this pseudo-version is the newest commit that `go install` resolves.
MINIO_VERSION="v0.0.0-20260212201848-7aac2a2c5b7c"

# Which workflow engine runs: `dev` (the Temporal CLI's dev server on a SQLite file, the default) or `server`
# (the Temporal server with PostgreSQL persistence: infra/temporal-server.sh).
TEMPORAL_ENGINE="${TEMPORAL_ENGINE:-dev}"
TEMPORAL_SERVER_VERSION="v1.29.1"
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
MINIO_PORT="${MINIO_PORT:-9000}"
MINIO_CONSOLE_PORT="${MINIO_CONSOLE_PORT:-9001}"
# Mailpit: the SMTP server notifications are emailed through in development, with an HTTP API to read them.
MAILPIT_VERSION="v1.33.1"
SMTP_PORT="${SMTP_PORT:-1025}"
MAILPIT_HTTP_PORT="${MAILPIT_HTTP_PORT:-8025}"
NATIONAL_PORT="${NATIONAL_PORT:-4100}"
API_PORT="${API_PORT:-3000}"
export MINIO_ROOT_USER="${MINIO_ACCESS_KEY:-minioadmin}"
export MINIO_ROOT_PASSWORD="${MINIO_SECRET_KEY:-minioadmin}"

# Custom search attributes every workflow uses (tools/lib/deployment.ts has the same list); none carries personal data.
SEARCH_ATTRIBUTES=(
  RequestKind=Keyword
  RequestState=Keyword
  DistrictCode=Keyword
  ProvinceCode=Keyword
  ReviewOverdue=Bool
)

log() { printf '\033[1;34m[infra]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[infra] %s\033[0m\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # port name seconds
  local i
  for ((i = 0; i < ${3:-60} * 5; i++)); do port_open "$1" && return 0; sleep 0.2; done
  die "$2 did not open port $1 (see $LOG_DIR)"
}

wait_http() { # url name seconds
  local i
  for ((i = 0; i < ${3:-60} * 5; i++)); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
  die "$2 did not answer at $1 (see $LOG_DIR)"
}

pid_alive() { [[ -f "$RUN_DIR/$1.pid" ]] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }

# start_bg name command... : runs in its own session so `down` can stop the whole group.
start_bg() {
  local name="$1"; shift
  setsid nohup "$@" >>"$LOG_DIR/$name.log" 2>&1 < /dev/null &
  echo $! >"$RUN_DIR/$name.pid"
}

stop_bg() { # name
  local f="$RUN_DIR/$1.pid" pid i
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    log "stopped $1"
  fi
  rm -f "$f"
}

go_bin() { command -v go 2>/dev/null || { [[ -x /usr/local/go/bin/go ]] && echo /usr/local/go/bin/go; } || true; }

# ensure_go_tool name module@version [built-name] : prints the path of a binary, building it once when missing
# (built-name: the name `go install` gives it, when that is not the name the project uses).
ensure_go_tool() {
  local name="$1" module="$2" built="${3:-$1}" go gobin
  if [[ -x "$BIN_DIR/$name" ]]; then echo "$BIN_DIR/$name"; return; fi
  if [[ "$name" == temporal ]] && command -v temporal >/dev/null 2>&1; then
    ln -sf "$(command -v temporal)" "$BIN_DIR/temporal"; echo "$BIN_DIR/temporal"; return
  fi
  go="$(go_bin)"
  [[ -n "$go" ]] || die "Go is needed to build $name (install Go 1.26, e.g. to /usr/local/go)"
  gobin="$("$go" env GOPATH)/bin"
  # A tool that runs answers --version (or, like Mailpit, at least --help).
  if [[ ! -x "$gobin/$built" ]] || ! { "$gobin/$built" --version || "$gobin/$built" --help; } 2>/dev/null | grep -q . ; then
    log "building $name with: go install $module (once; a few minutes on a cold machine)"
    "$go" install "$module" >>"$LOG_DIR/go-install-$name.log" 2>&1 \
      || die "go install $module failed: see $LOG_DIR/go-install-$name.log"
  fi
  ln -sf "$gobin/$built" "$BIN_DIR/$name"
  echo "$BIN_DIR/$name"
}

ensure_node_modules() {
  cd "$ROOT"
  if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
    log "installing npm dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  # Prisma's CLI looks for its native schema engine before every command and would try to download it;
  # `generate` itself runs on WebAssembly, so any existing file satisfies the check.
  export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$ROOT/infra/no-schema-engine}"
  if [[ ! -f generated/prisma/client.ts ]] || [[ prisma/schema.prisma -nt generated/prisma/client.ts ]]; then
    log "generating the Prisma client"
    npx prisma generate >>"$LOG_DIR/prisma-generate.log" 2>&1 || { cat "$LOG_DIR/prisma-generate.log" >&2; die "prisma generate failed"; }
  fi
}
