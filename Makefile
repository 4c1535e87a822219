# SpaceEdu: `make run` serves the app on http://127.0.0.1:8000, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install demo lint check-python clean bench wrk loadtest loadtest-live

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "SpaceEdu needs Python 3.11 or newer; found " + sys.version.split()[0])'

$(INSTALLED): pyproject.toml | check-python
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(INSTALLED)

install: $(INSTALLED)

# Development server on SQLite (or DATABASE_URL), with the course and demo logins.
demo: export DEBUG ?= 1
demo: $(INSTALLED)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_article fixtures/article.txt
	$(PY) manage.py load_question_bank fixtures/questions.json
	$(PY) manage.py load_catalogue fixtures/catalogue.json
	$(PY) manage.py generate_questions
	$(PY) manage.py seed_demo

run: export DEBUG ?= 1
run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite; with DATABASE_URL=postgres://... it runs on PostgreSQL.
test: export SECRET_KEY ?= insecure-key-for-tests-only
test: $(INSTALLED)
	$(PY) -m pytest $(PYTEST_ARGS)

# Style, formatting, and the apps' layers (import-linter contracts in pyproject.toml).
lint: $(INSTALLED)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

# Not part of `make test`: every page under gunicorn + wrk as a ratio to a minimal view.
# `make bench DB=postgres` for PostgreSQL + Redis; `make bench BASE=8995074` measures that
# commit too (a temporary git worktree), for before/after. Writes benchmarks/results.md.
DB ?= sqlite
BENCH_ARGS ?=
bench: export BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/spaceedu_bench
bench: export BENCH_REDIS_URL ?= redis://127.0.0.1:6379/15
bench: $(INSTALLED) wrk
	$(PY) benchmarks/run.py --db $(DB) $(if $(BASE),--base $(BASE)) $(BENCH_ARGS)

# A district's final exam: Locust headless against gunicorn + PostgreSQL + Redis on loopback,
# then an integrity check; writes benchmarks/loadtest.md. STUDENTS, RAMP (s), QUESTIONS each
# answers (of 20) and THINK (times a real 30-90 s think per question) size it; the default,
# 1,000 students answering 5 questions at real think times, takes about 10 minutes.
STUDENTS ?= 1000
RAMP ?= 120
THINK ?= 1
QUESTIONS ?= 5
loadtest: export BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/spaceedu_bench
loadtest: export BENCH_REDIS_URL ?= redis://127.0.0.1:6379/15
loadtest: $(INSTALLED)
	$(PY) benchmarks/loadtest.py --students $(STUDENTS) --ramp $(RAMP) \
	  --questions $(QUESTIONS) --think-scale $(THINK)

wrk:
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk) \
	  || { echo "make bench needs wrk: apt-get install wrk failed" >&2; exit 1; }
	@command -v wrk >/dev/null || { echo "make bench needs wrk, which is not installed" >&2; exit 1; }

# The live quiz under load (not part of `make test`): 10 classes x 40 phones on daphne, pages
# on gunicorn, on a scratch PostgreSQL database (created when missing) and Redis.
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/spaceedu_load
LOAD_REDIS_URL ?= redis://127.0.0.1:6379/1
loadtest-live: $(INSTALLED)
	@psql "$(dir $(LOAD_DATABASE_URL))postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$(notdir $(LOAD_DATABASE_URL))'" | grep -q 1 \
	  || psql "$(dir $(LOAD_DATABASE_URL))postgres" -qc 'CREATE DATABASE "$(notdir $(LOAD_DATABASE_URL))"' \
	  || { echo "make loadtest-live needs PostgreSQL at $(LOAD_DATABASE_URL)" >&2; exit 1; }
	DATABASE_URL="$(LOAD_DATABASE_URL)" REDIS_URL="$(LOAD_REDIS_URL)" $(PY) benchmarks/live_load.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .cache
