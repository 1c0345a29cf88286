#!/usr/bin/env bash
# test.sh - the whole test suite: setup (scripts/setup.sh), then `mvn -B verify` for every module,
# unit tests (*Test, surefire) and integration tests against real servers (*IT, failsafe):
# Prometheus and promtool, S3Proxy on loopback, and the PostgreSQL that setup starts.
#
# Extra arguments go to Maven, e.g. `scripts/test.sh -pl cli -am` or `-Dit.test=BackupRestoreEndToEndIT`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

port=$(bash scripts/setup.sh | sed -n 's/^postgresql-port=//p')
[ -n "$port" ] || { echo "test: scripts/setup.sh did not report the PostgreSQL port" >&2; exit 1; }

# The ITs that need PostgreSQL read these and fail (never skip) without them.
export PROMDR_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/${PROMDR_PG_DATABASE:-promdr_test}"
export PROMDR_TEST_PG_USER="${PROMDR_PG_ROLE:-promdr}"
export PROMDR_TEST_PG_PASSWORD="${PROMDR_PG_PASSWORD:-promdr-test-password}"

# The whole Maven output is kept, then searched with every report for the tests' secrets.
mkdir -p target
log=target/test-suite.log
set +e
mvn -B -ntp verify "$@" </dev/null 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 0 ] || exit "$status"
shopt -s nullglob
bash scripts/check-secrets.sh "$log" ./*/target/surefire-reports ./*/target/failsafe-reports
