#!/usr/bin/env bash
# Runs the test suite. PostgreSQL and Redis are used when DATABASE_URL / REDIS_URL point at
# them, or when they answer on 127.0.0.1 at their usual ports; otherwise the tests that need
# them are skipped (and CI, which sets REQUIRE_SERVICES=1, fails on any such skip).
# Benchmarks (tests/bench/) run only when a path in it is given (`make bench`) or with --bench.
# pytest's exit status is passed on as it is: 5 (no tests collected) fails like any other.
set -euo pipefail
cd "$(dirname "$0")/.."
answers() { .venv/bin/python - "$1" "$2" <<'PY'
import socket, sys
s = socket.socket(); s.settimeout(1)
sys.exit(0 if s.connect_ex((sys.argv[1], int(sys.argv[2]))) == 0 else 1)
PY
}
if [ -z "${DATABASE_URL:-}" ] && answers 127.0.0.1 5432; then
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/test"
fi
if [ -z "${REDIS_URL:-}" ] && answers 127.0.0.1 6379; then
  export REDIS_URL="redis://127.0.0.1:6379/0"
fi
echo "Database: ${DATABASE_URL:-SQLite}   Redis: ${REDIS_URL:-none}"
set +e
.venv/bin/pytest "$@"
status=$?
set -e
exit $status
