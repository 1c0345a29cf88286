#!/usr/bin/env bash
# run.sh - benchmark promdr against the tools users would pick instead, on this machine.
#
#   bench/run.sh [small|large] [--runs N] [--keep] [-h|--help]
#
# One command: installs what is missing (Debian packages restic, rclone, awscli, zstd, prometheus,
# python3; S3Proxy 2.6.0 from Maven Central with `mvn dependency:copy`), builds promdr's jar,
# generates the data set once (bench/dataset.sh, cached), starts S3Proxy on 127.0.0.1, then
# measures in the same run and the same way, N times (default 3), for each tool:
#   full backup, incremental backup (one new 2 h block), restore, verify
# of the same TSDB blocks into its own bucket, and prints medians: wall time, MB/s, bytes and
# objects stored, client CPU seconds, the S3 server's CPU seconds, peak RSS of the process tree.
# The last line holds the ratios the targets in docs/performance.md are stated in.
#
# Tools: pipeline (`tar | zstd -3 -T2 | aws s3 cp -`), restic (Debian's), rclone copy, promdr
# (compression.level 3) and promdr-fast (compression.level 1).
#
# Env: PROMDR_BENCH_CACHE  data sets and S3Proxy jar (default ~/.cache/promdr-bench)
#      PROMDR_BENCH_WORK   scratch space, removed at the end (default a new dir under /var/tmp)
#      PROMDR_BENCH_TOOLS  subset, e.g. "promdr restic" (default all five)
#      PROMDR_BENCH_JAR    a promdr jar to use instead of building one
#      PROMDR_BENCH_JAVA_OPTS  more JVM options for promdr, after the launcher's own (PROMDR_JAVA_OPTS)
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
}

SIZE=small
RUNS=3
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    small|large) SIZE=$1 ;;
    --runs) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs needs a positive number" >&2; usage >&2; exit 2; }
            RUNS=$2; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
CACHE=${PROMDR_BENCH_CACHE:-$HOME/.cache/promdr-bench}
TOOLS=${PROMDR_BENCH_TOOLS:-pipeline restic rclone promdr promdr-fast}
S3PROXY_VERSION=2.6.0
log() { printf '\nbench: %s\n' "$*" >&2; }
mkdir -p "$CACHE"

# --- install ----------------------------------------------------------------------------------
missing=()
for pair in restic:restic rclone:rclone aws:awscli zstd:zstd promtool:prometheus python3:python3 mvn:maven \
            javac:openjdk-17-jdk-headless curl:curl; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq </dev/null
  apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confdef \
    -o Dpkg::Options::=--force-confold "${missing[@]}" </dev/null >/dev/null
fi
S3PROXY_JAR="$CACHE/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
if [ ! -s "$S3PROXY_JAR" ]; then
  log "fetching S3Proxy $S3PROXY_VERSION"
  mvn -B -q -ntp dependency:copy -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
    -DoutputDirectory="$CACHE" </dev/null
fi
JAR=${PROMDR_BENCH_JAR:-$ROOT/cli/target/promdr.jar}
if [ -z "${PROMDR_BENCH_JAR:-}" ]; then
  log "building promdr"
  (cd "$ROOT" && mvn -B -q -ntp -DskipTests package -pl cli -am </dev/null)
fi

# --- data -------------------------------------------------------------------------------------
bash "$BENCH/dataset.sh" "$SIZE" "$CACHE"
DATA="$CACHE/$SIZE"
NEW_ULID=$(ls "$DATA/new")

WORK=${PROMDR_BENCH_WORK:-$(mktemp -d /var/tmp/promdr-bench-XXXXXX)}
mkdir -p "$WORK"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ "$KEEP" = 1 ]; then echo "bench: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}
wait_http() {
  local url=$1 pid=$2
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "$url" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# --- S3 server --------------------------------------------------------------------------------
S3_PORT=$(free_port)
export AWS_ACCESS_KEY_ID=bench-access-key AWS_SECRET_ACCESS_KEY=bench-secret-key AWS_DEFAULT_REGION=us-east-1
# Plain HTTP on loopback: a CA bundle from the environment only breaks rclone's S3 client.
unset AWS_CA_BUNDLE
# S3Proxy rejects the newer CLI's default checksum headers (NotImplemented).
export AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required
ENDPOINT="http://127.0.0.1:$S3_PORT"
mkdir -p "$WORK/s3"
cat > "$WORK/s3proxy.properties" <<PROPS
s3proxy.endpoint=$ENDPOINT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$AWS_ACCESS_KEY_ID
s3proxy.credential=$AWS_SECRET_ACCESS_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/s3
jclouds.identity=$AWS_ACCESS_KEY_ID
jclouds.credential=$AWS_SECRET_ACCESS_KEY
PROPS
java -jar "$S3PROXY_JAR" --properties "$WORK/s3proxy.properties" >"$WORK/s3proxy.log" 2>&1 &
S3_PID=$!
PIDS+=("$S3_PID")
wait_http "$ENDPOINT/" "$S3_PID" || { tail -20 "$WORK/s3proxy.log" >&2; echo "bench: S3Proxy did not start" >&2; exit 1; }
s3() { aws --endpoint-url "$ENDPOINT" s3 "$@"; }

# --- the source: a Prometheus on a hard-linked copy of the data set ------------------------------
SRC="$WORK/prometheus-data"
PROM_PORT=$(free_port)
printf 'global:\n  scrape_interval: 1h\nscrape_configs: []\n' > "$WORK/prometheus.yml"
PROM_PID=
# Compaction off (min = max = 2h), so the blocks stay exactly the data set's during the run.
start_prometheus() {
  prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$SRC" --web.enable-admin-api \
    --storage.tsdb.retention.time=3650d --storage.tsdb.min-block-duration=2h --storage.tsdb.max-block-duration=2h \
    --web.listen-address="127.0.0.1:$PROM_PORT" >>"$WORK/prometheus.log" 2>&1 &
  PROM_PID=$!
  PIDS+=("$PROM_PID")
  wait_http "http://127.0.0.1:$PROM_PORT/-/ready" "$PROM_PID" || { tail -20 "$WORK/prometheus.log" >&2; exit 1; }
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PROM_PORT/-/ready" >/dev/null && return 0; sleep 0.1; done
}
stop_prometheus() { kill "$PROM_PID"; wait "$PROM_PID" 2>/dev/null || true; }
# with_new_block yes|no: the source holds the 72 h blocks, and with yes also the next 2 h block.
with_new_block() {
  [ -n "$PROM_PID" ] && stop_prometheus
  rm -rf "$SRC"; mkdir -p "$SRC"
  cp -al "$DATA/blocks/." "$SRC/"
  [ "$1" = yes ] && cp -al "$DATA/new/$NEW_ULID" "$SRC/"
  start_prometheus
}
blocks_of() { (cd "$SRC" && ls -d 01*); }
DATA_BYTES=$(du -sb "$DATA/blocks" | cut -f1)
NEW_BYTES=$(du -sb "$DATA/new" | cut -f1)

# --- one function per tool and operation; each runs in the current directory -----------------
MEASURE=(python3 "$BENCH/measure.py" --server-pid "$S3_PID" --)
RESULTS="$WORK/results.tsv"
: > "$RESULTS"
record() { # record TOOL OP RUN JSON [STORED_BYTES OBJECTS]
  [ -n "$4" ] || { echo "bench: $1 $2 failed (run $3); see the lines above" >&2; exit 1; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:-}" "${6:-}" >> "$RESULTS"
}
stored() { # bytes and objects in a bucket
  s3 ls "s3://$1" --recursive --summarize | awk '/Total Objects:/ { o = $3 } /Total Size:/ { s = $3 } END { printf "%.0f %.0f\n", s, o }'
}

promdr_config() { # promdr_config BUCKET LEVEL
  cat > "$WORK/promdr.yaml" <<YAML
repository:
  uri: s3://$1
  s3:
    region: us-east-1
    endpoint: $ENDPOINT
    pathStyle: true
    accessKeyId: $AWS_ACCESS_KEY_ID
    secretAccessKey: $AWS_SECRET_ACCESS_KEY
prometheus:
  url: http://127.0.0.1:$PROM_PORT
  dataDir: $SRC
source: bench
compression:
  level: $2
stateDir: $WORK/promdr-state
YAML
}
# promdr runs the way users run it: through its launcher (extracted jar, class-data archive,
# measured JVM options; docs/performance.md, "Start-up and memory"), prepared once here so that no
# measured operation pays the one-off extraction and training.
LAUNCHER="$ROOT/cli/src/main/dist/promdr"
PROMDR_JAR="$JAR" sh "$LAUNCHER" --launcher-prepare >/dev/null
PROMDR="PROMDR_JAR='$JAR' PROMDR_JAVA_OPTS='${PROMDR_BENCH_JAVA_OPTS:-}' sh '$LAUNCHER' --config '$WORK/promdr.yaml' -q"
promdr() { eval "$PROMDR" '"$@"'; }

op() { # op TOOL OPERATION BUCKET -> runs the operation under measure.py, prints its JSON
  local tool=$1 what=$2 bucket=$3 target="$WORK/restore"
  case "$tool:$what" in
    pipeline:backup|pipeline:incremental)
      "${MEASURE[@]}" bash -c "set -o pipefail; tar -C '$SRC' -cf - $(blocks_of | tr '\n' ' ') \
        | zstd -q -3 -T2 | aws --endpoint-url '$ENDPOINT' s3 cp - 's3://$bucket/$what.tar.zst'" ;;
    pipeline:restore)
      local key; key=$(s3 ls "s3://$bucket/" | awk '{ print $4 }' | sort | tail -1)
      "${MEASURE[@]}" bash -c "set -o pipefail; mkdir -p '$target' && aws --endpoint-url '$ENDPOINT' s3 cp 's3://$bucket/$key' - \
        | zstd -q -d -T2 | tar -C '$target' -xf - && sync -f '$target'" ;;
    pipeline:verify)
      local key; key=$(s3 ls "s3://$bucket/" | awk '{ print $4 }' | sort | tail -1)
      "${MEASURE[@]}" bash -c "set -o pipefail; aws --endpoint-url '$ENDPOINT' s3 cp 's3://$bucket/$key' - | zstd -q -t" ;;
    restic:backup|restic:incremental)
      "${MEASURE[@]}" bash -c "cd '$SRC' && restic -q backup $(blocks_of | tr '\n' ' ')" ;;
    restic:restore)
      "${MEASURE[@]}" bash -c "restic -q restore latest --target '$target' && sync -f '$target'" ;;
    restic:verify)
      "${MEASURE[@]}" restic -q check --read-data ;;
    rclone:backup|rclone:incremental)
      "${MEASURE[@]}" bash -c "cd '$SRC' && rclone -q copy --exclude '/wal/**' --exclude '/chunks_head/**' \
        --exclude '/snapshots/**' --exclude '/lock' --exclude '/queries.active' . 'bench:$bucket/data'" ;;
    rclone:restore)
      "${MEASURE[@]}" bash -c "rclone -q copy 'bench:$bucket/data' '$target' && sync -f '$target'" ;;
    rclone:verify)
      "${MEASURE[@]}" bash -c "cd '$SRC' && rclone -q check --one-way --exclude '/wal/**' --exclude '/chunks_head/**' \
        --exclude '/snapshots/**' --exclude '/lock' --exclude '/queries.active' . 'bench:$bucket/data' 2>/dev/null" ;;
    promdr*:backup|promdr*:incremental)
      "${MEASURE[@]}" bash -c "$PROMDR backup >/dev/null" ;;
    promdr*:restore)
      # promdr restores into a directory it creates and fsyncs everything itself, checks included.
      "${MEASURE[@]}" bash -c "$PROMDR restore latest --to '$target' >/dev/null" ;;
    promdr*:verify)
      "${MEASURE[@]}" bash -c "$PROMDR verify latest --read-data >/dev/null" ;;
  esac
}

setup_tool() { # setup_tool TOOL BUCKET: empty bucket and the tool's repository in it
  local tool=$1 bucket=$2
  s3 mb "s3://$bucket" >/dev/null
  case "$tool" in
    restic)
      export RESTIC_REPOSITORY="s3:$ENDPOINT/$bucket" RESTIC_PASSWORD=bench RESTIC_CACHE_DIR="$WORK/restic-cache"
      rm -rf "$RESTIC_CACHE_DIR"; restic -q init >/dev/null ;;
    rclone)
      export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ENDPOINT="$ENDPOINT" \
        RCLONE_CONFIG_BENCH_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" \
        RCLONE_CONFIG_BENCH_REGION=us-east-1 RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true ;;
    promdr) promdr_config "$bucket" 3; rm -rf "$WORK/promdr-state"; promdr init >/dev/null ;;
    promdr-fast) promdr_config "$bucket" 1; rm -rf "$WORK/promdr-state"; promdr init >/dev/null ;;
  esac
}

log "measuring $SIZE ($(( DATA_BYTES / 1000000 )) MB in $(ls "$DATA/blocks" | wc -l) blocks, new block $(( NEW_BYTES / 1000000 )) MB), $RUNS runs; tools: $TOOLS"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq 1 "$RUNS"); do
  for tool in $TOOLS; do
    bucket="bench-$tool-$run"
    with_new_block no
    setup_tool "$tool" "$bucket"
    record "$tool" backup "$run" "$(op "$tool" backup "$bucket")" $(stored "$bucket")
    read -r before _ < <(stored "$bucket")
    with_new_block yes
    json=$(op "$tool" incremental "$bucket")
    read -r after objects < <(stored "$bucket")
    record "$tool" incremental "$run" "$json" $(( after - before )) "$objects"
    rm -rf "$WORK/restore"
    [[ "$tool" == promdr* ]] || mkdir -p "$WORK/restore"
    record "$tool" restore "$run" "$(op "$tool" restore "$bucket")"
    rm -rf "$WORK/restore"
    record "$tool" verify "$run" "$(op "$tool" verify "$bucket")"
    s3 rb --force "s3://$bucket" >/dev/null
    printf '.' >&2
  done
done
echo >&2
VERSION_JSON=$(PROMDR_JAR="$JAR" python3 "$BENCH/measure.py" -- sh "$LAUNCHER" --version)
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 "$BENCH/report.py" "$RESULTS" "$SIZE" "$DATA_BYTES" "$NEW_BYTES" "$RUNS" "$VERSION_JSON" \
  "$LOAD_BEFORE" "$LOAD_AFTER" "$(nproc)"
