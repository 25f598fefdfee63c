# The README's commands. Only Python 3.11 and make are needed on a fresh machine:
# every Python package comes from requirements.lock into .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
SHARED := $(CURDIR)/../shared
PORT ?= 8888
# nbgrader shells out to `alembic`, so the venv's bin must come first on PATH.
export PATH := $(BIN):$(PATH)
SHELL := bash
.SHELLFLAGS := -o pipefail -c
# This machine's pip prints a harmless "Location ... is ignored" line per package; hide only those.
QUIET_PIP := grep -v "^WARNING: Location .* is ignored" || true

.PHONY: start lab test lint bench carers clean binder

# JupyterLab's defaults (no news pop-up, no update check) go where a hub's environment has them too.
LAB_DEFAULTS := deploy/labconfig/default_setting_overrides.json
$(VENV)/.installed: requirements.lock pyproject.toml $(LAB_DEFAULTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock 2>&1 | { $(QUIET_PIP); }
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --config-settings editable_mode=compat -e . 2>&1 | { $(QUIET_PIP); }
	mkdir -p $(VENV)/etc/jupyter/labconfig && cp $(LAB_DEFAULTS) $(VENV)/etc/jupyter/labconfig/
	touch $@

## start: install (first time only) and open the course as pages for a trainee (COURSE_PORT, default 8867)
COURSE_PORT ?= 8867
start: $(VENV)/.installed
	$(BIN)/mfc course --port $(COURSE_PORT) --open

# Saves course notebooks as committed (no outputs, no machine-specific metadata): see coursesite/lab_save.py.
LAB_SAVE_HOOK := --ContentsManager.pre_save_hook=coursesite.lab_save.keep_committed_form
## lab: for trainers and authors: JupyterLab on the course's start page (notebooks, code, nbgrader)
lab: $(VENV)/.installed
	$(BIN)/jupyter lab --notebook-dir=$(CURDIR) --ServerApp.port=$(PORT) $(LAB_SAVE_HOOK) \
		$(if $(filter 0,$(shell id -u)),--allow-root,) course/00_start_here.ipynb

## carers: serve the foster carers' pages with Voila on CARERS_PORT (default 8866); Ctrl-C stops it
CARERS_PORT ?= 8866
carers: $(VENV)/.installed
	$(BIN)/mfc carers --port $(CARERS_PORT)

## test: install (first time only) and run every check: lint, guidance overlap, all tests
# Tests run in TEST_WORKERS pytest-xdist workers: most of their time is spent waiting on servers, kernels,
# Chromium and pip, so two workers keep a 2-core machine busy (TEST_WORKERS=0 runs them in one process).
# tests/conftest.py keeps the hub tests together on one worker (they change shared folder permissions).
TEST_WORKERS ?= 2
test: $(VENV)/.installed node_modules/.installed lint
	@if [ -d "$(SHARED)/seeds" ]; then \
		$(BIN)/python $(SHARED)/tools/seed_overlap.py && echo "seed overlap: none"; \
	else echo "seed overlap: skipped, ../shared is not beside this checkout"; fi
	$(BIN)/python -m pytest tests --ignore=tests/benchmarks -n $(TEST_WORKERS) --dist loadgroup

lint: $(VENV)/.installed
	$(BIN)/ruff check .

## bench: the benchmarks; each prints its ratios against a baseline measured in the same run
bench: $(VENV)/.installed
	$(BIN)/python -m pytest tests/benchmarks -s -q

clean:
	rm -rf $(VENV) test-output .pytest_cache .ruff_cache node_modules

# axe-core, which the browser tests inject for accessibility audits, and configurable-http-proxy,
# which the cohort hub test (tests/hub) runs in front of JupyterHub (package.json pins both).
# Without npm those tests skip locally (and fail in CI, where .ci/run installs npm).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: browser accessibility audits will be skipped"; fi

## binder: regenerate binder/requirements.txt from requirements.lock (Binder installs it; a test checks they match)
binder: binder/requirements.txt
binder/requirements.txt: requirements.lock
	{ echo "# Generated from requirements.lock by 'make binder': do not edit by hand."; \
	  echo "# Binder copies this file alone before the rest of the repository, so it cannot include the lock."; \
	  grep -v '^#' requirements.lock; } > $@
