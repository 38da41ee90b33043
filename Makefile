# The commands the README shows. `make run` and `make test` each set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HLS_JS := video/static/video/vendor/hls.min.js

.PHONY: run test install system-deps translations messages migrate demo lint format migrations-check bench scale-test clean

run: install translations migrate demo
	scripts/run-site.sh $(PORT)

test: install system-deps translations
	scripts/test.sh $(ARGS)

install: $(VENV)/.installed $(HLS_JS)

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

# hls.js from the npm registry, vendored as a static file (players load it only when needed).
# Its light build: no subtitles, alternate audio or DRM, which lesson videos do not use;
# 120 KB instead of 190 KB gzipped, which matters on 2G.
$(HLS_JS):
	mkdir -p var/npm $(dir $@)
	npm install --prefix var/npm --no-save --no-audit --no-fund --loglevel=error hls.js@1
	cp var/npm/node_modules/hls.js/dist/hls.light.min.js $@
	# the script names its source map; collectstatic's manifest storage needs it beside it
	cp var/npm/node_modules/hls.js/dist/hls.light.min.js.map $(dir $@)

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

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

# The benchmarks print their figures beside their targets; `make test` leaves them out.
bench: install system-deps translations
	scripts/test.sh tests/bench -s

# 2 gunicorn, 2 Celery workers and beat through PgBouncer and a Redis of its own, under locust
# load while each part is killed or restarted; fails on a lost write, an overbooked clinic or a
# reminder not delivered exactly once. Also part of `make bench`.
scale-test: install system-deps translations
	scripts/test.sh tests/bench/bench_scale.py -s

clean:
	rm -rf $(VENV) var static_collected
