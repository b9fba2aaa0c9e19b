# The client-exit playbook. `make serve` to read and edit, `make test` before you push.
# Every target installs what it needs: Python packages into .venv, Node packages into node_modules.

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
HOST    ?= 127.0.0.1
PORT    ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint format bench chromium clean

serve: build
	$(BIN)/mkdocs serve --livereload --dev-addr $(HOST):$(PORT)

build: $(STAMP)
	$(BIN)/mkdocs build --clean

test: $(STAMP) node_modules/.package-lock.json chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node --test tests/js/*.test.mjs
	$(BIN)/pytest

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

chromium:
	@bash scripts/ensure-chromium.sh

# The venv, with scripts/ on its path so mkdocs.yml, hooks and tests import the `playbook` package.
$(STAMP): requirements.txt requirements-test.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	$(BIN)/python -c 'import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()["purelib"], "playbook.pth").write_text(str(pathlib.Path("scripts").resolve()) + "\n")'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

clean:
	rm -rf site .pytest_cache .ruff_cache
