#!/usr/bin/env bash
# check-secrets.sh - fails if a secret the test suite uses appears in any of its logs or reports.
#
# Usage: scripts/check-secrets.sh FILE_OR_DIR...   (scripts/test.sh runs it on the Maven log and
# every surefire/failsafe report after a green run.) The secrets are the fixed values the tests
# give promdr as S3 keys, database, Pushgateway and Prometheus passwords; extra ones can be added
# with PROMDR_EXTRA_TEST_SECRETS="a b". Matches are reported by file and line, with the secret masked.
set -euo pipefail

secrets=(
  promdr-test-secret-key        # S3ProxyServer.SECRET_KEY
  "${PROMDR_TEST_PG_PASSWORD:-promdr-test-password}"
  pushgateway-secret-value pushgateway-test-password
  very-secret-password hunter2-secret file-secret-value db-secret-value
  wrong-secret-do-not-print wrong-secret-0123456789 wrong-env-secret-0123456789
  s3cr3t-pw
  # Prometheus basic-auth passwords and bearer tokens (PrometheusSecurityIT, PrometheusSecurityEndToEndIT)
  prom-basic-test-password prom-wrong-test-password
  prom-bearer-token-one prom-bearer-token-two prom-bearer-token-three
  5eed0f7e57c0ffee5eed0f7e57c0ffee5eed0f7e57c0ffee5eed0f7e57c0ffee   # TestKeys.HEX (encryption key)
  Xu0PflfA/+5e7Q9+V8D/7l7tD35XwP/uXu0PflfA/+4=                       # TestKeys.BASE64
  0badc0de0badf00d0badc0de0badf00d0badc0de0badf00d0badc0de0badf00d   # TestKeys.WRONG_HEX
)
# shellcheck disable=SC2206
secrets+=(${PROMDR_EXTRA_TEST_SECRETS:-})

[ "$#" -gt 0 ] || { echo "usage: $0 FILE_OR_DIR..." >&2; exit 2; }
found=0
for secret in "${secrets[@]}"; do
  [ -n "$secret" ] || continue
  while IFS= read -r hit; do
    [ -n "$hit" ] || continue
    echo "check-secrets: test secret ${secret:0:3}*** printed at ${hit%%:*}:$(echo "$hit" | cut -d: -f2)" >&2
    found=1
  done < <(grep -rHnF --binary-files=without-match -- "$secret" "$@" 2>/dev/null | cut -d: -f1,2 || true)
done
if [ "$found" -ne 0 ]; then
  echo "check-secrets: FAILED - a secret reached a log or report (see docs/reliability.md)" >&2
  exit 1
fi
echo "check-secrets: no test secret in $# location(s)"
