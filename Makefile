# viecoop — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/viecoop
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo run test test-fast lint format bench migrate messages check-deploy clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	mkdir -p var
	$(MANAGE) migrate --noinput

## Build the demo world (idempotent) and serve it on http://127.0.0.1:8000
demo: migrate
	VIECOOP_DEMO=1 $(MANAGE) seed_demo
	@echo ""
	@echo "  viecoop démo : http://$(HOST):$(PORT)/  (identifiants affichés sur la page d'accueil)"
	@echo ""
	VIECOOP_DEMO=1 $(MANAGE) runserver $(HOST):$(PORT)

run: migrate
	$(MANAGE) runserver $(HOST):$(PORT)

## Run every test (SQLite by default; set DATABASE_URL=postgres://… for PostgreSQL)
test: install
	$(BIN)/pytest

test-fast: install
	$(BIN)/pytest -m "not browser"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Extract translatable strings into src/viecoop/locale/*/LC_MESSAGES/django.po, then compile them
messages: install
	mkdir -p src/viecoop/locale/fr/LC_MESSAGES src/viecoop/locale/en/LC_MESSAGES
	cd src/viecoop && ../../$(BIN)/viecoop makemessages -l fr -l en --no-obsolete --no-location --ignore "migrations/*"
	cd src/viecoop && ../../$(BIN)/viecoop compilemessages

check-deploy: install
	VIECOOP_ENV=production DJANGO_SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-secret-key-but-long-enough \
		DJANGO_ALLOWED_HOSTS=viecoop.example.org REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
		$(MANAGE) check --deploy --fail-level WARNING

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var/*.sqlite3* .pytest_cache
