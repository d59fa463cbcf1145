# Two commands matter: `make run` (set up and serve the demo) and `make test` (set up and pass
# the suite). Everything else is a helper of those two.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
PYTEST_ARGS ?= -n auto -q
# `make run PORT=8720 APP_PORT=8721`: the ports `serve` listens on (unset: serve's own defaults,
# 8700 and the port after Seller Center's).
PORT ?=
APP_PORT ?=

.PHONY: run test setup lint typecheck bench dist clean ts-types

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# Byte-compile the project on every setup (quick when nothing changed): with
# PYTHONDONTWRITEBYTECODE set, Python would otherwise compile every module at each start of
# `serve` (~350 ms of its cold start), never keeping the .pyc files.
setup: $(VENV)/.installed
	$(PY) -m compileall -q sandbox fake_tiktok_app

run: setup
	$(VENV)/bin/tiktok-sandbox serve $(if $(PORT),--port $(PORT)) $(if $(APP_PORT),--app-port $(APP_PORT))

lint: setup
	$(VENV)/bin/ruff check .

typecheck: setup
	$(VENV)/bin/mypy

test: setup lint typecheck
	$(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	for script in bench/bench_*.py; do $(PY) $$script || exit 1; done

# The sdist and the wheel another project installs (README: "Installing it in another project").
# --no-isolation: hatchling comes with the test extra, so building needs no download.
dist: setup
	rm -rf dist
	$(PY) -m build --no-isolation --outdir dist .

# The TypeScript package's types (clients/typescript/src/schema.ts) from the OpenAPI document
# the sandbox serves, by the package's pinned openapi-typescript. TS_SANDBOX_URL=http://…: read
# it from that running sandbox instead of building it in this process.
TS_DIR := clients/typescript
$(TS_DIR)/node_modules/.installed: $(TS_DIR)/package-lock.json
	cd $(TS_DIR) && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	touch $@

ts-types: setup $(TS_DIR)/node_modules/.installed
	$(PY) $(TS_DIR)/scripts/schema_types.py $(if $(TS_SANDBOX_URL),--url $(TS_SANDBOX_URL))

clean:
	rm -rf $(VENV) .tiktok-sandbox .pytest_cache .ruff_cache dist build $(TS_DIR)/node_modules $(TS_DIR)/dist
