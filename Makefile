# The client-exit playbook. `make serve` to read and edit, `make test` before you push.
# Every target installs what it needs: Python packages into .venv, Node packages into node_modules.

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
HOST    ?= 127.0.0.1
PORT    ?= 8000
PLAYBOOK_PDF ?= 1
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint format bench chromium pdf-tools dictionaries pdf-preview clean

# Serves its own build (with the PDFs, made by the on_post_build hook; PLAYBOOK_PDF=0 skips them for speed).
# node_modules: the build bundles our JavaScript and CSS with esbuild (scripts/playbook/site/bundle.py).
serve: $(STAMP) node_modules/.package-lock.json pdf-tools
	PLAYBOOK_PDF=$(PLAYBOOK_PDF) $(BIN)/mkdocs serve --livereload --dev-addr $(HOST):$(PORT)

# The site, then one PDF per language from it (scripts/playbook/pdf/build.py).
build: $(STAMP) node_modules/.package-lock.json pdf-tools
	PLAYBOOK_PDF=0 $(BIN)/mkdocs build --clean
	$(BIN)/python -m playbook.pdf site

test: $(STAMP) node_modules/.package-lock.json chromium pdf-tools dictionaries
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node --test $$(find tests/js -name "*.test.mjs" | sort)
	$(BIN)/pytest

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

chromium:
	@bash scripts/ensure-chromium.sh

# The PDF's fonts and poppler-utils (pdftoppm), from Debian.
pdf-tools:
	@bash scripts/ensure-pdf-tools.sh

# Hunspell with Debian's nb_NO and en_GB dictionaries, for the spelling check in tests/editorial/.
dictionaries:
	@bash scripts/ensure-dictionaries.sh

# PNGs of the first pages of each PDF in build/pdf-preview/, to look at.
pdf-preview: build
	$(BIN)/python -m playbook.pdf.preview site build/pdf-preview

# Build time against plain Material, page weight, Lighthouse, growth with content (figures: BENCHMARKS.md).
bench: $(STAMP) node_modules/.package-lock.json chromium pdf-tools
	$(BIN)/python scripts/bench.py

# The venv, with scripts/ on its path so mkdocs.yml, hooks and tests import the `playbook` package.
$(STAMP): requirements.txt requirements-test.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	$(BIN)/python -c 'import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()["purelib"], "playbook.pth").write_text(str(pathlib.Path("scripts").resolve()) + "\n")'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

clean:
	rm -rf site build .cache .pytest_cache .ruff_cache
