#!/usr/bin/env bash
# demo.sh - promdr from end to end on this machine, in a throwaway directory, in about a minute.
#
#  1. setup (scripts/setup.sh) and build the jar;
#  2. generate 3 days of history (200 series, one sample a minute, every value known exactly) as
#     TSDB blocks with promtool, and start Prometheus on them (127.0.0.1, free port, admin API on);
#  3. promdr init, backup, backup again (incremental: nothing new to upload), list, show;
#  4. promdr drill latest: restore the backup into a scratch directory, check every object and file,
#     the TSDB structure of every block and the PromQL answers of a throwaway Prometheus, then
#     promdr verify all --read-data;
#  5. restore latest into a new directory, start a second Prometheus on it and check by PromQL that
#     it holds exactly the generated series and samples: prints PASS (drill passed and data exact),
#     or FAIL and exits 1.
# Both Prometheus servers are stopped and the directory removed on exit, also after a failure.
#
# Env: PROMDR_DEMO_KEEP=1 keeps the work directory (its path is printed).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SERIES=200
DAYS=3
STEP=60

if [ -t 1 ]; then BOLD=$'\033[1m' PLAIN=$'\033[0m'; else BOLD='' PLAIN=''; fi
say() { printf '\n%s== %s%s\n' "$BOLD" "$*" "$PLAIN"; }
run() { printf '$ %s\n' "$*"; "$@"; }

bash "$ROOT/scripts/setup.sh" >/dev/null

say "building promdr"
(cd "$ROOT" && mvn -B -q -DskipTests package </dev/null)
JAR="$ROOT/cli/target/promdr.jar"
promdr() { java -jar "$JAR" "$@"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/promdr-demo-XXXXXX")
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "${PROMDR_DEMO_KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A port nobody listens on now; start_prometheus retries if it is taken in between.
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

# start_prometheus DATA_DIR NAME: starts Prometheus in the background and waits for /-/ready; sets PORT.
start_prometheus() {
  local data=$1 name=$2 attempt pid
  printf 'global:\n  scrape_interval: 15s\nscrape_configs: []\n' > "$WORK/prometheus.yml"
  for attempt in 1 2 3; do
    PORT=$(free_port)
    # min = max block duration: no compaction, so the blocks stay exactly the generated ones.
    prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$data" \
      --storage.tsdb.retention.time=100y --storage.tsdb.min-block-duration=2h --storage.tsdb.max-block-duration=2h \
      --web.listen-address="127.0.0.1:$PORT" --web.enable-admin-api </dev/null >"$WORK/$name.log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    for _ in $(seq 1 150); do
      if curl -fs "http://127.0.0.1:$PORT/-/ready" >/dev/null 2>&1; then
        echo "$name: Prometheus on http://127.0.0.1:$PORT (data $data)"
        return 0
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    grep -q 'address already in use' "$WORK/$name.log" || break
  done
  echo "$name: Prometheus did not start; its log:" >&2
  tail -20 "$WORK/$name.log" >&2
  return 1
}

# query PORT PROMQL TIME: the single value of an instant query.
query() {
  curl -fsG "http://127.0.0.1:$1/api/v1/query" --data-urlencode "query=$2" --data-urlencode "time=$3" \
    | sed -n 's/.*"value":\[[^,]*,"\([^"]*\)"\].*/\1/p' || true
}

say "generating $DAYS days of history: $SERIES series, one sample every ${STEP}s"
NOW=$(date +%s)
END=$(( (NOW - 3 * 3600) / 7200 * 7200 ))      # a 2h boundary at least 3h ago, as for backfilling
START=$(( END - DAYS * 86400 ))
PER_SERIES=$(( (END - START) / STEP ))
EXPECTED_SAMPLES=$(( SERIES * PER_SERIES ))
LAST_TS=$(( START + (PER_SERIES - 1) * STEP ))
# Sample k of series s has the value s*1000000 + k: every value is known.
awk -v n="$SERIES" -v s0="$START" -v e="$END" -v st="$STEP" 'BEGIN {
  print "# HELP drill_test_metric Synthetic restore-drill data."
  print "# TYPE drill_test_metric gauge"
  for (s = 1; s <= n; s++) { k = 0
    for (t = s0; t < e; t += st) { printf "drill_test_metric{instance=\"host-%05d\",job=\"drill\"} %d %d\n", s, s*1000000 + k, t; k++ } }
  print "# EOF" }' > "$WORK/history.om"
promtool tsdb create-blocks-from --max-block-duration=24h openmetrics "$WORK/history.om" "$WORK/prometheus-data" >/dev/null
rm -f "$WORK/history.om"
echo "$EXPECTED_SAMPLES samples in $(ls "$WORK/prometheus-data" | wc -l) blocks, $(date -u -d "@$START" +%FT%TZ) .. $(date -u -d "@$END" +%FT%TZ)"
start_prometheus "$WORK/prometheus-data" source
SOURCE_PORT=$PORT

export PROMDR_REPOSITORY="file://$WORK/repository"
export PROMDR_STATE_DIR="$WORK/state"
say "promdr (PROMDR_REPOSITORY=$PROMDR_REPOSITORY)"
run promdr --version
run promdr init
run promdr backup --prometheus "http://127.0.0.1:$SOURCE_PORT" --data-dir "$WORK/prometheus-data"
say "a second backup is incremental: the blocks are already stored"
run promdr backup --prometheus "http://127.0.0.1:$SOURCE_PORT" --data-dir "$WORK/prometheus-data"
run promdr list
run promdr show latest
say "restore drill: restore into a scratch directory, verify every byte and block, query a throwaway Prometheus"
DRILL_OK=1
run promdr drill latest --scratch "$WORK" || DRILL_OK=0
run promdr verify all --read-data || DRILL_OK=0
say "disaster: restore the latest backup into a new directory"
run promdr restore latest --to "$WORK/restored" --dry-run
run promdr restore latest --to "$WORK/restored"

say "checking the restored data with a second Prometheus"
start_prometheus "$WORK/restored" restored
EVAL=$(( LAST_TS + 1 ))
RANGE=$(( EVAL - START + 1 ))                    # reaches before the first sample: no boundary effects
series=$(query "$PORT" "count(count_over_time(drill_test_metric[${RANGE}s]))" "$EVAL")
samples=$(query "$PORT" "sum(count_over_time(drill_test_metric[${RANGE}s]))" "$EVAL")
last=$(query "$PORT" "max_over_time(drill_test_metric{instance=\"host-00007\"}[${RANGE}s])" "$EVAL")
expected_last=$(( 7 * 1000000 + PER_SERIES - 1 ))
printf 'series:                    %s (expected %s)\n' "${series:-none}" "$SERIES"
printf 'samples:                   %s (expected %s)\n' "${samples:-none}" "$EXPECTED_SAMPLES"
printf 'last value of host-00007:  %s (expected %s)\n' "${last:-none}" "$expected_last"
# Prometheus prints large floats in exponent form (7.004319e+06): compare numerically.
same() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a + 0 == b + 0) }'; }
if [ "$DRILL_OK" != 1 ]; then
  say "FAIL: the restore drill or verify found a problem (see its report above)"
  exit 1
elif same "$series" "$SERIES" && same "$samples" "$EXPECTED_SAMPLES" && same "$last" "$expected_last"; then
  say "PASS: the drill passed and the restored Prometheus holds exactly the backed-up data"
else
  say "FAIL: the restored data differs from what was backed up"
  exit 1
fi
