#!/usr/bin/env bash
# dataset.sh - build a benchmark TSDB once and cache it: bench/dataset.sh small|large CACHE_DIR
#
# Writes CACHE_DIR/<size>/blocks/<ULID>... (72 h of history, as a long-running Prometheus leaves it)
# and CACHE_DIR/<size>/new/<ULID> (the next 2 h block, for the incremental backup), then
# CACHE_DIR/<size>/READY. A second call finds READY and returns at once.
#
#  1. bench/OpenMetricsGenerator.java writes each 2 h window of node-exporter-like and HTTP-service
#     series (153 per instance, one sample every 15 s, values a closed-form function of series and
#     time, so the same arguments give the same samples on every machine);
#  2. promtool tsdb create-blocks-from openmetrics turns each window into one 2 h block;
#  3. a real Prometheus (loopback, free port) compacts them the way a long-running server does
#     (2h -> 6h -> 18h -> 54h, the newest block left alone), until 54h + 6h + 6h + 2h x 3 blocks
#     remain; then it is stopped.
# Time range: fixed, from 2026-01-01T18:00Z (a multiple of 54 h since the epoch, as Prometheus
# aligns its compaction ranges), so block boundaries are the same everywhere.
set -euo pipefail

SIZE=${1:?usage: dataset.sh small|large CACHE_DIR}
CACHE=${2:?usage: dataset.sh small|large CACHE_DIR}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
case "$SIZE" in
  small) INSTANCES=30 ;;    # 4,590 series, ~230 MB
  large) INSTANCES=264 ;;   # 40,392 series, ~1.95 GB
  *) echo "dataset: unknown size '$SIZE' (small or large)" >&2; exit 2 ;;
esac
STEP=15
START=1767290400          # 2026-01-01T18:00:00Z = 9091 x 54 h
HOURS=72
DIR="$CACHE/$SIZE"
[ -e "$DIR/READY" ] && exit 0

log() { printf 'dataset: %s\n' "$*" >&2; }
rm -rf "$DIR"
mkdir -p "$DIR/windows" "$DIR/blocks" "$DIR/new" "$DIR/gen"
GEN_CLASSES="$DIR/gen"
javac -d "$GEN_CLASSES" "$HERE/OpenMetricsGenerator.java"

# window FROM_S OUTDIR: one 2 h window -> one block in OUTDIR (the .om input is deleted after).
window() {
  local from=$1 out=$2 om
  om="$DIR/windows/$from.om"
  java -cp "$GEN_CLASSES" OpenMetricsGenerator "$om" "$INSTANCES" "$from" $(( from + 7200 )) "$STEP" >/dev/null
  promtool tsdb create-blocks-from openmetrics "$om" "$out" >/dev/null
  rm -f "$om"
}
export -f window
export DIR GEN_CLASSES INSTANCES STEP

log "generating $SIZE: $INSTANCES instances x 153 series, ${HOURS} h at ${STEP} s, as 2 h blocks (takes a while once; cached in $DIR)"
t0=$SECONDS
seq 0 $(( HOURS / 2 - 1 )) | awk -v s="$START" '{ print s + $1 * 7200 }' \
  | xargs -P "${BENCH_GEN_JOBS:-2}" -I{} bash -c 'window {} "$DIR/blocks"'
window $(( START + HOURS * 3600 )) "$DIR/new"
log "$(ls "$DIR/blocks" | wc -l) blocks of 2 h in $(( SECONDS - t0 )) s; compacting with Prometheus"

# Compaction by a real Prometheus. It plans compactions about a minute after start, then repeats
# until nothing is left to plan; the newest block is never compacted.
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}
PORT=$(free_port)
printf 'global:\n  scrape_interval: 1h\nscrape_configs: []\n' > "$DIR/prometheus.yml"
prometheus --config.file="$DIR/prometheus.yml" --storage.tsdb.path="$DIR/blocks" \
  --storage.tsdb.retention.time=3650d --web.listen-address="127.0.0.1:$PORT" >"$DIR/prometheus.log" 2>&1 &
PROM=$!
trap 'kill $PROM 2>/dev/null || true' EXIT
expected=6   # 54h + 6h + 6h + 2h + 2h + 2h
for _ in $(seq 1 1800); do
  n=$(find "$DIR/blocks" -mindepth 1 -maxdepth 1 -type d -name '01*' ! -name '*.tmp*' | wc -l)
  tmp=$(find "$DIR/blocks" -mindepth 1 -maxdepth 1 -name '*.tmp*' | wc -l)
  if [ "$n" -eq "$expected" ] && [ "$tmp" -eq 0 ]; then break; fi
  kill -0 $PROM 2>/dev/null || { tail -20 "$DIR/prometheus.log" >&2; echo "dataset: Prometheus died" >&2; exit 1; }
  sleep 1
done
kill $PROM; wait $PROM 2>/dev/null || true
trap - EXIT
[ "$n" -eq "$expected" ] || { echo "dataset: Prometheus left $n blocks, expected $expected" >&2; exit 1; }
# Keep only the blocks: the WAL, head chunks and lock are the server's, not the data set's.
find "$DIR/blocks" -mindepth 1 -maxdepth 1 ! -name '01*' -exec rm -rf {} +
rm -rf "$DIR/windows" "$DIR/gen" "$DIR/prometheus.yml"
promtool tsdb list -r "$DIR/blocks" >&2
log "$SIZE ready in $(( SECONDS - t0 )) s: $(du -sb "$DIR/blocks" | cut -f1) bytes in blocks, new block $(du -sb "$DIR/new" | cut -f1) bytes"
touch "$DIR/READY"
