#!/usr/bin/env bash
# Runs the site on the embedded default: the web server, plus a Celery worker with an
# embedded beat on the on-disk broker. Ctrl-C stops all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8000}"
mkdir -p var/celery
# The Celery app defaults to the production settings, as wsgi does: name the local ones.
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-cms.settings.dev}"
.venv/bin/celery -A cms worker --beat --loglevel=INFO --concurrency=2 \
  --schedule var/celery/beat-schedule >var/celery/worker.log 2>&1 &
worker=$!
stop_worker() {
  kill -TERM "$worker" 2>/dev/null || return 0
  for _ in $(seq 1 20); do kill -0 "$worker" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$worker" 2>/dev/null || true
}
trap stop_worker EXIT INT TERM
echo "Celery worker and beat started (log: var/celery/worker.log)."
echo "Open http://127.0.0.1:${port}/ — demo users are listed in the README."
.venv/bin/python manage.py runserver "0.0.0.0:${port}"
