#!/usr/bin/env bash
# week.sh - bytes uploaded by a week of daily backups of a Prometheus that keeps compacting.
#
#   bench/week.sh [--days N] [--every HOURS] [--instances N] [--keep] [-h|--help]
#
# Simulates N days (default 7) of a Prometheus backed up every HOURS hours (default 24: daily;
# 2, 4, 6, 8, 12 or 24): each backup interval brings HOURS h of new 2 h blocks
# (bench/OpenMetricsGenerator.java + promtool, 153 node-exporter-like and HTTP-service series per
# instance, one sample every 15 s; default 4 instances, a small scale: ~1 MB of blocks a day), then
# a real Prometheus compacts the data directory the way a long-running server does (2h -> 6h ->
# 18h -> 54h -> 162h, the newest block left alone), then each tool backs up the whole data
# directory into its own bucket on S3Proxy (127.0.0.1):
#   promdr    promdr backup (snapshot API; compacted blocks whose sources are stored already are
#             recorded as references to them, docs/repository-format.md "Composed blocks")
#   restic    restic backup of the block directories (content-defined chunking, deduplication)
#   pipeline  tar | zstd -3 -T2 | aws s3 cp -   (a full copy every day)
# and prints, per day and in total, the bytes each tool added to its bucket (= uploaded), as a
# Markdown table (the one in docs/performance.md), then the ratios. Each interval waits about a
# minute for Prometheus' compaction planner (it runs once a minute), so a daily week takes ~10 min.
#
# Needs what bench/run.sh installs (restic, awscli, zstd, prometheus, python3, maven, a JDK) and
# its S3Proxy jar; run bench/run.sh once first, or let this script fetch S3Proxy itself.
#
# Env: PROMDR_BENCH_CACHE  generated blocks and S3Proxy jar (default ~/.cache/promdr-bench)
#      PROMDR_BENCH_WORK   scratch space, removed at the end (default a new dir under /var/tmp)
#      PROMDR_BENCH_JAR    a promdr jar to use instead of building one
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
}

DAYS=7
EVERY=24
INSTANCES=4
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --days) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "week.sh: --days needs a positive number" >&2; usage >&2; exit 2; }
            DAYS=$2; shift ;;
    --every) [ $# -ge 2 ] && [[ "$2" =~ ^(2|4|6|8|12|24)$ ]] || { echo "week.sh: --every needs 2, 4, 6, 8, 12 or 24 (hours)" >&2; usage >&2; exit 2; }
            EVERY=$2; shift ;;
    --instances) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "week.sh: --instances needs a positive number" >&2; usage >&2; exit 2; }
            INSTANCES=$2; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "week.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
CACHE=${PROMDR_BENCH_CACHE:-$HOME/.cache/promdr-bench}
S3PROXY_VERSION=2.6.0
STEP=15
START=1767290400          # 2026-01-01T18:00:00Z = 9091 x 54 h, as bench/dataset.sh: fixed block boundaries
log() { printf 'week: %s\n' "$*" >&2; }
for tool in restic aws zstd promtool prometheus python3 curl java javac; do
  command -v "$tool" >/dev/null || { echo "week.sh: $tool is not installed (bench/run.sh installs it)" >&2; exit 1; }
done
mkdir -p "$CACHE"
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

# --- data: one 2 h block per window, generated once and cached ---------------------------------
GEN="$CACHE/week-$INSTANCES"
mkdir -p "$GEN/blocks" "$GEN/classes"
[ -e "$GEN/classes/OpenMetricsGenerator.class" ] || javac -d "$GEN/classes" "$BENCH/OpenMetricsGenerator.java"
window_block() { # window_block FROM_S: the cached block dir of the 2 h window starting at FROM_S
  local from=$1 out="$GEN/blocks/$1"
  if [ ! -e "$out/READY" ]; then
    rm -rf "$out"; mkdir -p "$out"
    java -cp "$GEN/classes" OpenMetricsGenerator "$out/w.om" "$INSTANCES" "$from" $(( from + 7200 )) "$STEP" >/dev/null
    promtool tsdb create-blocks-from openmetrics "$out/w.om" "$out" >/dev/null
    rm -f "$out/w.om"; touch "$out/READY"
  fi
  ls -d "$out"/01*
}

WORK=${PROMDR_BENCH_WORK:-$(mktemp -d /var/tmp/promdr-week-XXXXXX)}
mkdir -p "$WORK"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ "$KEEP" = 1 ]; then echo "week: kept $WORK" >&2; else rm -rf "$WORK"; fi
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
wait_http() { # wait_http URL PID [CURL_FLAGS]: until URL answers (with -f: answers 2xx)
  local url=$1 pid=$2 flags=${3:--s}
  for _ in $(seq 1 600); do
    curl $flags -o /dev/null "$url" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# --- S3 server (as bench/run.sh) ---------------------------------------------------------------
S3_PORT=$(free_port)
export AWS_ACCESS_KEY_ID=bench-access-key AWS_SECRET_ACCESS_KEY=bench-secret-key AWS_DEFAULT_REGION=us-east-1
unset AWS_CA_BUNDLE
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
wait_http "$ENDPOINT/" "$S3_PID" || { tail -20 "$WORK/s3proxy.log" >&2; echo "week: S3Proxy did not start" >&2; exit 1; }
s3() { aws --endpoint-url "$ENDPOINT" s3 "$@"; }
stored_bytes() { s3 ls "s3://$1" --recursive --summarize | awk '/Total Size:/ { s = $3 } END { printf "%.0f\n", s }'; }

# --- the source Prometheus: compaction as a long-running server (default ranges) ---------------
SRC="$WORK/prometheus-data"
mkdir -p "$SRC"
PROM_PORT=$(free_port)
PROM="http://127.0.0.1:$PROM_PORT"
printf 'global:\n  scrape_interval: 1h\nscrape_configs: []\n' > "$WORK/prometheus.yml"
PROM_PID=
start_prometheus() {
  prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$SRC" --web.enable-admin-api \
    --storage.tsdb.retention.time=3650d --web.listen-address="127.0.0.1:$PROM_PORT" >>"$WORK/prometheus.log" 2>&1 &
  PROM_PID=$!
  PIDS+=("$PROM_PID")
  wait_http "$PROM/-/ready" "$PROM_PID" -sf || { tail -20 "$WORK/prometheus.log" >&2; exit 1; }
}
stop_prometheus() { kill "$PROM_PID"; wait "$PROM_PID" 2>/dev/null || true; PROM_PID=; }
metric() { curl -sf "$PROM/metrics" | awk -v m="$1" '$1 == m { print $2 }'; }
# Prometheus plans compactions a minute after start, then repeats until nothing is left to plan,
# holding its compaction lock; a snapshot takes the same lock, so it returns once that is over.
await_compaction() {
  for _ in $(seq 1 1800); do
    [ "$(metric prometheus_tsdb_compactions_triggered_total)" != 0 ] && break
    kill -0 "$PROM_PID" 2>/dev/null || { tail -20 "$WORK/prometheus.log" >&2; exit 1; }
    sleep 0.2
  done
  local name
  name=$(curl -sf -X POST "$PROM/api/v1/admin/tsdb/snapshot?skip_head=true" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["name"])')
  rm -rf "${SRC:?}/snapshots/$name"
}
blocks_of() { (cd "$SRC" && ls -d 01*); }

# --- the tools ----------------------------------------------------------------------------------
cat > "$WORK/promdr.yaml" <<YAML
repository:
  uri: s3://week-promdr
  s3:
    region: us-east-1
    endpoint: $ENDPOINT
    pathStyle: true
    accessKeyId: $AWS_ACCESS_KEY_ID
    secretAccessKey: $AWS_SECRET_ACCESS_KEY
prometheus:
  url: $PROM
  dataDir: $SRC
source: week
compression:
  level: 3
stateDir: $WORK/promdr-state
YAML
promdr() { java -jar "$JAR" --config "$WORK/promdr.yaml" -q "$@"; }
export RESTIC_REPOSITORY="s3:$ENDPOINT/week-restic" RESTIC_PASSWORD=bench RESTIC_CACHE_DIR="$WORK/restic-cache"
for bucket in week-promdr week-restic week-pipeline; do s3 mb "s3://$bucket" >/dev/null; done
promdr init >/dev/null
restic -q init >/dev/null
backup() { # backup TOOL DAY
  case "$1" in
    promdr) promdr backup >>"$WORK/promdr.out" ;;
    restic) (cd "$SRC" && restic -q backup $(blocks_of | tr '\n' ' ') >/dev/null) ;;
    pipeline) (set -o pipefail; tar -C "$SRC" -cf - $(blocks_of | tr '\n' ' ') | zstd -q -3 -T2 \
                | aws --endpoint-url "$ENDPOINT" s3 cp - "s3://week-pipeline/day-$2.tar.zst") ;;
  esac
}

# --- the week -------------------------------------------------------------------------------------
log "$DAYS days of $INSTANCES instances x 153 series at ${STEP}s, a backup every $EVERY h; work in $WORK"
TABLE="$WORK/table.tsv"
: > "$TABLE"
declare -A before
for tool in promdr restic pipeline; do before[$tool]=0; done
PER_DAY=$(( 24 / EVERY ))
for tick in $(seq 1 $(( DAYS * PER_DAY ))); do
  day="$(( (tick - 1) / PER_DAY + 1 ))"
  [ "$PER_DAY" -gt 1 ] && day="$day.$(( (tick - 1) % PER_DAY + 1 ))"
  first=$(( START + (tick - 1) * EVERY * 3600 ))
  for w in $(seq 0 $(( EVERY / 2 - 1 ))); do cp -al "$(window_block $(( first + w * 7200 )))" "$SRC/"; done
  start_prometheus
  await_compaction
  blocks=$(blocks_of | wc -l)
  data=$(cd "$SRC" && du -scb $(blocks_of) | tail -1 | cut -f1)
  row="$day	$blocks	$data"
  for tool in promdr restic pipeline; do
    backup "$tool" "$day"
    after=$(stored_bytes "week-$tool")
    row="$row	$(( after - ${before[$tool]} ))"
    before[$tool]=$after
  done
  composed=$(promdr show latest -o json | python3 -c 'import json,sys; print(sum(1 for b in json.load(sys.stdin)["blocks"] if b.get("composedOf")))')
  echo "$row	$composed" >> "$TABLE"
  stop_prometheus
  log "day $day: $blocks blocks, $data bytes; uploaded $(cut -f4-6 <<<"$row" | tr '\t' ' ') (promdr restic pipeline); $composed composed"
done
promdr verify all --read-data >/dev/null || { echo "week: promdr verify failed" >&2; exit 1; }

python3 - "$TABLE" "$INSTANCES" "$EVERY" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
mb = lambda b: f"{int(b) / 1e6:,.2f}"
print(f"week: {len(rows)} backups, one every {sys.argv[3]} h, {sys.argv[2]} instances x 153 series, 15 s step, bytes uploaded (MB)\n")
print("| backup (day) | blocks | data on disk | promdr | restic | pipeline (full) | promdr: composed blocks |")
print("|---|---|---|---|---|---|---|")
tot = [0, 0, 0]
for day, blocks, data, p, r, f, composed in rows:
    tot = [tot[0] + int(p), tot[1] + int(r), tot[2] + int(f)]
    print(f"| {day} | {blocks} | {mb(data)} | {mb(p)} | {mb(r)} | {mb(f)} | {composed} |")
print(f"| **total** | | {mb(rows[-1][2])} (last day) | **{mb(tot[0])}** | **{mb(tot[1])}** | **{mb(tot[2])}** | |")
# The reference: the data compressed once, i.e. the last day's full copy (zstd -3, as promdr's default).
once = int(rows[-1][5])
print(f"\nratios: over {len(rows)} backups promdr uploaded {tot[0] / once:.2f}x the data compressed once "
      f"(the last full copy, {mb(once)} MB), restic {tot[1] / once:.2f}x, the pipeline {tot[2] / once:.2f}x; "
      f"promdr/restic {tot[0] / tot[1]:.2f}, promdr/pipeline {tot[0] / tot[2]:.2f}")
PY
