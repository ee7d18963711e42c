# Kinerja: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-e2e test-faults screenshots lint lock migrate demo messages clean bench prod-local prod-local-stop

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The dev lock: every package (runtime and tools) at an exact version with its hashes.
$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# Re-lock after changing requirements.in or requirements-dev.in (top-level choices): every transitive dependency
# pinned with its hashes, the dev lock held to the runtime lock's versions. Needs PyPI; takes a few minutes.
PIP_COMPILE = $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

# settings.py defaults to DEBUG off (fail closed); the development targets turn it on, unless the caller chose.
run demo migrate messages lint: export DJANGO_DEBUG ?= 1

# Compiled catalogs (.mo) are committed, so a newcomer needs no gettext tools; translators run this.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l id -l en --ignore=.venv --ignore=bench --ignore=tests --ignore=staticfiles --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

migrate: install
	$(BIN)/python manage.py migrate --no-input -v 0

demo: migrate
	$(BIN)/python manage.py seed_demo

run: demo
	$(BIN)/python manage.py collectstatic --no-input -v 0
	@# Recurring jobs, each queued once for the worker below (each re-queues its next run; queuing again is harmless):
	@# the daily reminders, the hourly complaint housekeeping, the nightly IKU figures computed from their sources, the
	@# daily hand-over of acting appointments (Plt/Plh), the daily data-calendar reminders (evaluation), the daily
	@# opening of periodic evaluations (quarters or months) for windows that started.
	$(BIN)/python manage.py send_reminders --schedule
	$(BIN)/python manage.py complaint_housekeeping --schedule
	$(BIN)/python manage.py compute_indicator_sources --schedule
	$(BIN)/python manage.py sync_acting --schedule
	$(BIN)/python manage.py send_data_reminders --schedule
	$(BIN)/python manage.py open_periodic_reviews --schedule
	@echo "Kinerja is at http://$(HOST):$(PORT)/  (demo accounts: see README.md)"
	@# The task worker runs beside the server and stops with it (Ctrl-C, or the server exiting).
	@$(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest

# Browser journeys (tests/e2e): Debian's Chromium driven by Playwright (never a downloaded browser); screenshots of
# failures go to test-results/.
test-e2e: install
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }
	KINERJA_E2E=1 $(BIN)/python -m pytest tests/e2e --screenshot only-on-failure --output test-results

# Fault injection (tests/faults): the production setup on a PostgreSQL cluster and a Redis of its own, through Redis
# and PostgreSQL outages, a restart, a locked table and one of two application nodes killed under load; needs root
# (runs PostgreSQL as the postgres user) and nginx.
test-faults: install
	KINERJA_FAULTS=1 $(BIN)/python -m pytest tests/faults

# The README's pictures (design, issue 11): the e2e suite photographs the main pages of the demo into docs/screenshots/.
screenshots: install
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }
	KINERJA_E2E=1 KINERJA_SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest tests/e2e/test_screenshots.py -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache

# The production setup on loopback (nginx, gunicorn, uvicorn, task worker, PostgreSQL, Redis): see deploy/.
# `make prod-local NODES=2`: two application nodes (gunicorn + uvicorn each) behind one nginx upstream.
prod-local: install
	deploy/prod-local.sh start

prod-local-stop:
	deploy/prod-local.sh stop

# Seed a benchmark dataset and print one table of figures and targets (bench/__main__.py); results in bench/results/.
# SQLite by default (bench/results/bench.sqlite3); PostgreSQL with DATABASE_URL. The HTTP and websocket phases start
# the production setup on port 8120 (deploy/prod-local.sh, PostgreSQL and Redis).
BENCH_EMPLOYEES ?= 10000
bench: install
	$(BIN)/python -m bench --employees $(BENCH_EMPLOYEES)
