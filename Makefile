# Kinerja: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-e2e screenshots lint migrate demo messages clean bench prod-local prod-local-stop

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

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

# The README's pictures (design, issue 11): the e2e suite photographs the main pages of the demo into docs/screenshots/.
screenshots: install
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }
	KINERJA_E2E=1 KINERJA_SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest tests/e2e/test_screenshots.py -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache

# The production setup on loopback (nginx, gunicorn, uvicorn, task worker, PostgreSQL, Redis): see deploy/.
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
