# factcheck: `make run` serves the app on the embedded default; `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
APP_STAMP := $(VENV)/.installed-app
DEV_STAMP := $(VENV)/.installed-dev
UV_STAMP := $(VENV)/.installed-uv
# uv installs the hashed lock files; every package is pinned and hashed, so any index that
# serves the same file is as good as another (a machine may list local mirrors first).
INSTALL := $(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes --index-strategy unsafe-best-match

.PHONY: run serve test worker beat bench eval lint lock migrate clean

$(BIN)/python:
	@echo "factcheck: creating $(VENV) and installing (first run only)"
	@$(PYTHON) -m venv $(VENV)

$(UV_STAMP): requirements-bootstrap.txt | $(BIN)/python
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bootstrap.txt
	@touch $@

$(APP_STAMP): requirements.txt $(UV_STAMP)
	@$(INSTALL) -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements-dev.txt $(APP_STAMP)
	$(INSTALL) -r requirements-dev.txt
	touch $@

migrate: $(APP_STAMP)
	@$(BIN)/python manage.py migrate --noinput -v0
	@$(BIN)/python manage.py collectstatic --noinput -v0
	@echo "database ready"

## Embedded mode: SQLite under var/, tasks inline. Safe to run again. Commands are not
## echoed: each prints a line or two for people (LOG_LEVEL=INFO shows the services' logs).
run: migrate
	@$(BIN)/python manage.py setup_roles
	@$(BIN)/python manage.py ingest seeds/
	@$(BIN)/python manage.py requeue --outdated --inline
	@$(BIN)/python manage.py ensure_admin
	@echo "factcheck: admin at http://$(HOST):$(PORT)/admin/  API at http://$(HOST):$(PORT)/api/  docs at http://$(HOST):$(PORT)/api/docs/"
	@# migrate ran the system checks; the development server's warning is the README's (make serve for production).
	@DJANGO_RUNSERVER_HIDE_WARNING=true $(BIN)/python manage.py runserver --skip-checks $(HOST):$(PORT)

## Production web server (granian; WEB_WORKERS processes x WEB_THREADS threads, 2 x 2 by
## default): migrate, collect static files, serve on HOST:PORT.
serve: migrate
	$(BIN)/python manage.py setup_roles
	$(BIN)/python -m factcheck.server --host $(HOST) --port $(PORT)

## Services mode: needs DATABASE_URL and CELERY_BROKER_URL in the environment.
worker: $(APP_STAMP)
	@test -n "$$CELERY_BROKER_URL" || { echo "set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0) and DATABASE_URL first"; exit 2; }
	$(BIN)/celery -A factcheck worker --loglevel=INFO --concurrency=$${WORKER_CONCURRENCY:-2}

beat: $(APP_STAMP)
	@test -n "$$CELERY_BROKER_URL" || { echo "set CELERY_BROKER_URL first"; exit 2; }
	$(BIN)/celery -A factcheck beat --loglevel=INFO

## The suite; with DATABASE_URL set it runs on PostgreSQL, then a smoke part on SQLite.
test: $(DEV_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "--- smoke tests on the embedded default (SQLite, inline tasks)"; \
		env -u DATABASE_URL FACTCHECK_VAR_DIR=$$(mktemp -d) $(BIN)/python -m pytest -m smoke -p no:cacheprovider -q; \
	fi

bench: $(DEV_STAMP)
	@for b in bench/bench_*.py; do echo "=== $$b"; $(BIN)/python $$b || exit 1; done

## Extraction accuracy on the gold sets beside the current release, in the same run (issue 13):
## speakers (ECB+ quotes), PolNeAR dev, numbers per kind. PARTS=numbers (comma-separated) for some.
eval: $(DEV_STAMP)
	$(BIN)/python bench/eval_extraction.py $(if $(PARTS),--parts $(PARTS))

lint: $(DEV_STAMP)
	$(BIN)/python -m ruff check .

## Recompile the hashed lock files from requirements*.in.
lock: $(UV_STAMP)
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes --index-strategy unsafe-best-match -o requirements.txt requirements.in
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes --index-strategy unsafe-best-match -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) var/static
