# Safehold — the one task runner. `make run` for the demo, `make test` for the whole suite.
#
# DATABASE_URL, CELERY_BROKER_URL, REDIS_URL and EMAIL_URL are read from the environment and passed
# through untouched: without them everything is embedded (SQLite file, tasks in-process, mail in
# var/mail); with DATABASE_URL=postgres://... the same targets use PostgreSQL.

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
MANAGE := $(VPY) manage.py
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
# Test processes (pytest-xdist): each test module runs whole in one process, so data built once per
# module is built once. TEST_WORKERS=0 runs everything in this process.
TEST_WORKERS ?= 2
PARALLEL := $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)
PORT ?= 8000
# Links in emails (report links, the page a report waits on for approval) point here.
SITE_URL ?= http://$(HOST):$(PORT)

.DEFAULT_GOAL := help
.PHONY: help install browser run test test-fast check lint fmt migrate seed reminders worker beat clean distclean bench \
	bench-actions bench-reports

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VPY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
		echo "error: '$(PYTHON)' not found. Safehold needs Python 3.11 or newer: make PYTHON=python3.11 $(MAKECMDGOALS)" >&2; \
		exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { \
		echo "error: Safehold needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)." >&2; \
		echo "       Run for example: make PYTHON=python3.11 $(MAKECMDGOALS)" >&2; \
		exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a requirements file changes (or the virtualenv is new).
$(STAMP): requirements.txt requirements-dev.txt | $(VPY)
	@$(VPY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { \
		echo "error: $(VENV) was made with Python older than 3.11: run 'make distclean install'." >&2; exit 1; }
	$(VPY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(STAMP) ## Create .venv and install requirements-dev.txt (fast when nothing changed)

# The browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded.
browser: ## Make sure Chromium is installed for the browser tests (apt-get, when root)
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "Chromium: $(CHROMIUM)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Chromium missing: installing Debian's chromium with apt-get"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update && apt-get install -y --no-install-recommends chromium; \
	else \
		echo "NOTE: $(CHROMIUM) is missing and this is not root with apt-get."; \
		echo "      Install it with 'sudo apt-get install chromium' or the browser tests in tests/e2e will fail."; \
	fi

run: install ## Migrate, load the demo data and serve on http://127.0.0.1:8000 (SQLite)
	$(MANAGE) migrate --noinput
	SITE_URL=$(SITE_URL) $(MANAGE) seed_demo
	@# Scheduled status reports go out without a broker: a dispatcher beside the web server.
	SITE_URL=$(SITE_URL) $(MANAGE) dispatch_updates --loop 60 & dispatcher=$$!; \
		trap 'kill $$dispatcher 2>/dev/null' EXIT INT TERM; \
		SITE_URL=$(SITE_URL) $(MANAGE) runserver $(HOST):$(PORT)

check: install ## Django system checks, the missing-migrations check and the import contracts
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/lint-imports

test: install browser check ## The whole suite, browser tests included (SQLite, or DATABASE_URL)
	$(VPY) -m pytest $(PARALLEL) $(PYTEST_ARGS)

# For quick feedback while working: no Chromium, no real Celery worker, no real SMTP server.
test-fast: install check ## The suite without the browser tests and the real worker and SMTP tests
	$(VPY) -m pytest $(PARALLEL) -m "not e2e and not real_services" $(PYTEST_ARGS)

lint: install ## ruff check
	$(VENV)/bin/ruff check .

fmt: install ## Apply ruff's safe fixes (import order, upgrades)
	$(VENV)/bin/ruff check --fix .

migrate: install ## Apply migrations
	$(MANAGE) migrate --noinput

seed: install ## Load the demo data (idempotent)
	SITE_URL=$(SITE_URL) $(MANAGE) seed_demo

reminders: install ## Send today's action digests and training reminders once, in this process (no beat)
	$(MANAGE) send_reminders
	$(MANAGE) send_training_reminders

worker: install ## A Celery worker (needs CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0)
	$(VENV)/bin/celery -A config worker -l info

beat: install ## Celery beat: run exactly one, beside the workers
	@mkdir -p var
	$(VENV)/bin/celery -A config beat -l info --schedule var/celerybeat-schedule

# The risk register benchmark (docs/performance.md). Uses DATABASE_URL when set, else the local
# PostgreSQL database "bench", which it creates when missing.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/bench
BENCH_ARGS ?= --risks 500 --runs 30

bench: install ## Benchmark the risk register page and API (PostgreSQL "bench" unless DATABASE_URL is set)
	@url="$${DATABASE_URL:-$(BENCH_DATABASE_URL)}"; base="$${url%%\?*}"; \
	case "$$base" in postgres://*|postgresql://*) \
		out=$$(createdb --maintenance-db="$${base%/*}/postgres" "$${base##*/}" 2>&1) || \
		case "$$out" in *"already exists"*) ;; *) echo "$$out" >&2; exit 1;; esac;; \
	esac; \
	DATABASE_URL="$$url" $(VPY) scripts/bench_risk_register.py $(BENCH_ARGS)

# The action plan benchmark (docs/performance.md): the leader's page, the action list API and the
# action plan PDF. Same database rules as `bench`.
BENCH_ACTIONS_ARGS ?= --actions 300 --runs 30

bench-actions: install ## Benchmark the action plan page, API and PDF (PostgreSQL "bench" unless DATABASE_URL)
	@url="$${DATABASE_URL:-$(BENCH_DATABASE_URL)}"; base="$${url%%\?*}"; \
	case "$$base" in postgres://*|postgresql://*) \
		out=$$(createdb --maintenance-db="$${base%/*}/postgres" "$${base##*/}" 2>&1) || \
		case "$$out" in *"already exists"*) ;; *) echo "$$out" >&2; exit 1;; esac;; \
	esac; \
	DATABASE_URL="$$url" $(VPY) scripts/bench_action_plan.py $(BENCH_ACTIONS_ARGS)

# The status report benchmark (docs/performance.md): the PDF render for a small and a large case, and
# how many emails one Celery worker sends a second to a local SMTP server (Redis db 5; in-process when
# Redis does not answer). DATABASE_URL when set (a PostgreSQL database is created when missing), else
# a throwaway SQLite database in var/bench/.
BENCH_REPORTS_ARGS ?= --runs 5 --deliveries 200

bench-reports: install ## Benchmark the status report PDF and its email delivery (SQLite unless DATABASE_URL)
	@url="$${DATABASE_URL:-}"; base="$${url%%\?*}"; \
	case "$$base" in postgres://*|postgresql://*) \
		out=$$(createdb --maintenance-db="$${base%/*}/postgres" "$${base##*/}" 2>&1) || \
		case "$$out" in *"already exists"*) ;; *) echo "$$out" >&2; exit 1;; esac;; \
	esac; \
	$(VPY) scripts/bench_status_report.py $(BENCH_REPORTS_ARGS)

clean: ## Remove caches, collected static files, test output and local mail (keeps .venv, db.sqlite3)
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache test-results var

distclean: clean ## Also remove .venv and the demo database
	rm -rf $(VENV) db.sqlite3
