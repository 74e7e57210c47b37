# Musrenbang Terbuka: one task runner. `make site` and `make test` set everything up on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# axe-core (npm) for the accessibility tests, yaml-language-server (npm) for the editor-schema test;
# Chromium comes from Debian (see .ci/run).
AXE := .cache/node_modules/axe-core/axe.min.js
YLS := .cache/node_modules/yaml-language-server/package.json
# Where the site goes, and its public address (needed when it lives under a sub-path such as
# /musrenbang/): `make site OUT=public SITE_URL=https://kota.go.id/musrenbang/`.
OUT ?= site
SITE_URL ?=

.PHONY: site check test golden lint serve bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

$(AXE) $(YLS) &:
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix .cache axe-core@4.14.1 yaml-language-server@1.25.0; \
	else echo "npm not found: the accessibility and editor tests will be skipped (install Node.js)"; fi

site: $(STAMP)  ## build site/ from content/
	$(BIN)/musrenbang build --strict --out $(OUT)$(if $(SITE_URL), --site-url $(SITE_URL))

check: $(STAMP)  ## check the records only
	$(BIN)/musrenbang check --strict

serve: $(STAMP)  ## preview on http://127.0.0.1:8000/, rebuilding on change
	$(BIN)/musrenbang serve

test: $(STAMP) $(AXE) $(YLS)  ## lint, type-check and run every test
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy generator
	$(BIN)/pytest

golden: $(STAMP)  ## refresh the golden Markdown files after a reviewed change
	$(BIN)/pytest tests/test_golden.py --update-golden

bench: $(STAMP)  ## time cold and incremental builds at each size (PROVINSI=1 adds the province)
	$(BIN)/python -m tests.bench$(if $(PROVINSI), --provinsi)

clean:
	rm -rf site .build .cache test-artifacts $(VENV)
