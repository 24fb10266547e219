#!/usr/bin/env bash
# Set up everything, then run the whole test suite (real model, real audio, real Qt, real browser).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/setup.sh"
cd "$repo"
set +e
"$venv/bin/python" -m pytest --cov=interview_app --cov-report=term:skip-covered "$@"
status=$?
set -e
# pytest exit codes: 0 all passed, 1 tests failed, 2 interrupted, 3 internal error,
# 4 usage error, 5 no tests collected. Only 0 is a pass; 5 means the suite ran nothing.
if [ "$status" -eq 5 ]; then
  echo "test.sh: pytest collected no tests; that is a failure" >&2
fi
exit "$status"
