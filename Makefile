# Everyday commands. `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The first Python >= 3.11 on the PATH (override: make PYTHON=/path/to/python3.12 run).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run serve migrate demo test lint fmt typecheck check worker sweeps outbox bench page-weight messages vendor clean

help:
	@echo "make run        set up, load demo data, serve on http://$(HOST):$(PORT) with the background"
	@echo "                work (notifications, task worker, sweeps);  make serve  the server alone"
	@echo "make test       run the whole test suite (SQLite, or DATABASE_URL)"
	@echo "make lint       ruff + migrations check + import layers;  make fmt  format the code"
	@echo "make typecheck  mypy;  make check  lint + typecheck + test"
	@echo "make migrate | demo | worker | sweeps | outbox | bench | page-weight | messages"

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (python3 --version)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) import_wilayah
	$(MANAGE) seed_agencies
	$(MANAGE) seed_demo
	$(MANAGE) console_demo_totp

run: demo
	@$(MANAGE) seed_demo --logins
	@echo "Officials (console /konsol/) and the admin (/admin/) also need a code from an authenticator app:"
	@$(MANAGE) console_demo_totp | tail -n 2
	@echo "Beside the web server run the task worker, the outbox delivery (in-app notices, e-mails,"
	@echo "SMS) and the deadline sweeps; e-mails and SMS are printed below, not sent."
	@$(MANAGE) run_demo $(HOST):$(PORT)

# The web server alone (nothing delivers notifications: see make run, worker, outbox).
serve: install
	$(MANAGE) runserver $(HOST):$(PORT)

# On SQLite the tests use a file database, so that the tests that start real worker
# processes or race two connections run too (SQLITE_FILE_TEST_DB=0 for memory).
test: install
	$(MANAGE) makemigrations --check --dry-run
	SQLITE_FILE_TEST_DB=$${SQLITE_FILE_TEST_DB:-1} $(BIN)/pytest $(PYTEST_ARGS)

# The import layers between apps are contracts in pyproject.toml ([tool.importlinter]).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/lint-imports --no-logo

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install
	$(BIN)/mypy lapor

check: lint typecheck test

worker: install
	$(MANAGE) db_worker

# The periodic work, in the foreground (production: see docs/deploy.md).
sweeps: install
	$(MANAGE) run_sweeps --loop --interval 300

outbox: install
	$(MANAGE) outbox_dispatch --loop --interval 5

bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# First-load bytes of the busiest pages, on the demo database (make demo first).
page-weight: install
	$(BIN)/python bench/page_weight.py

# Refresh the translation catalogues after changing user-facing strings, then translate
# lapor/locale/*/LC_MESSAGES/django.po and compile (the .mo files are committed).
messages: install
	cd lapor && ../$(BIN)/python ../manage.py makemessages -l id -l en --no-obsolete --add-location file
	cd lapor && ../$(BIN)/python ../manage.py compilemessages

# Refresh the committed front-end files from npm (needs Node.js; users do not).
vendor:
	rm -rf node_modules && npm install --no-audit --no-fund --ignore-scripts
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx.org/LICENSE lapor/static/vendor/htmx/
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/LICENSE lapor/static/vendor/leaflet/
	cp node_modules/leaflet/dist/images/* lapor/static/vendor/leaflet/images/
	cp node_modules/axe-core/axe.min.js lapor/testing/assets/axe.min.js
	cp node_modules/axe-core/LICENSE lapor/testing/assets/axe-LICENSE
	rm -rf node_modules

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache staticfiles
