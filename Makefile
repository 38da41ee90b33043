# The commands the README shows. `make run` and `make test` each set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HLS_JS := video/static/video/vendor/hls.min.js

.PHONY: run test install test-tools system-deps translations messages migrate demo lint format migrations-check bench scale-test clean

run: install translations migrate demo
	scripts/run-site.sh $(PORT)

test: install test-tools system-deps translations
	scripts/test.sh $(ARGS)

# What running the site needs; the test tools (pytest, Playwright, ruff...) come with
# `test-tools`, so `make run` keeps a small environment. Separate stamps: `make test` after
# `make run` adds the test extras.
install: $(VENV)/.installed $(HLS_JS)

test-tools: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

# hls.js from the npm registry, vendored as a static file (players load it only when needed).
# Its light build: no subtitles, alternate audio or DRM, which lesson videos do not use;
# 120 KB instead of 190 KB gzipped, which matters on 2G. npm is optional: without it the site
# runs, and videos play where the browser has HLS built in (Android's Chrome, Safari).
# The script names its source map; collectstatic's manifest storage needs it beside it.
$(HLS_JS):
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "npm not found: hls.js is not vendored. The site runs; videos play in browsers"; \
		echo "with built-in HLS (Android Chrome, Safari), others say they cannot play them."; \
		echo "Install npm (Node.js) and run 'make install' again to add hls.js."; \
	else \
		mkdir -p var/npm $(dir $@) && \
		npm install --prefix var/npm --no-save --no-audit --no-fund --loglevel=error hls.js@1 && \
		cp var/npm/node_modules/hls.js/dist/hls.light.min.js $@ && \
		cp var/npm/node_modules/hls.js/dist/hls.light.min.js.map $(dir $@); \
	fi

# Debian packages the test suite drives: Chromium for page tests, ffmpeg for audio and video.
system-deps:
	scripts/system-deps.sh

translations: install
	$(BIN)/python manage.py compile_translations

# Regenerate locale/*/LC_MESSAGES/django.po from the code (needs GNU gettext's xgettext).
messages: install
	$(BIN)/python manage.py makemessages --locale id --locale en --no-obsolete \
		--ignore '.venv/*' --ignore 'tests/*' --ignore 'var/*' --ignore 'static_collected/*'

migrate: install
	$(BIN)/python manage.py migrate --no-input

demo: install
	$(BIN)/python manage.py load_initial_data

lint: test-tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: test-tools
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

# The benchmarks print their figures beside their targets; `make test` leaves them out.
bench: install test-tools system-deps translations
	scripts/test.sh tests/bench -s

# 2 gunicorn, 2 Celery workers and beat through PgBouncer and a Redis of its own, under locust
# load while each part is killed or restarted; fails on a lost write, an overbooked clinic or a
# reminder not delivered exactly once. Also part of `make bench`.
scale-test: install system-deps translations
	scripts/test.sh tests/bench/bench_scale.py -s

clean:
	rm -rf $(VENV) var static_collected
