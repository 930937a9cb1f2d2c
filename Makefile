# Every target sets up its own virtual environment from nothing (Python 3.11 + pip).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000
STORE  ?= var/store

.PHONY: chromium tesseract virtuoso venv run test lint bench bench-graph bench-scale bench-web soak gold docs clean yasgui

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "cancu needs Python 3.11+"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

## run: ingest the bundled plans and laws into the store, then serve http://$(HOST):$(PORT)
run: $(STAMP) tesseract
	$(BIN)/cancu ingest data/plans data/laws --store $(STORE)
	$(BIN)/cancu serve --store $(STORE) --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser test; installed when we may (root), else that test skips.
chromium:
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "note: /usr/bin/chromium missing (apt-get install chromium); the browser test will skip"

# Debian's Virtuoso for the endpoint tests (each test run starts its own on a free loopback
# port; the package's own service is stopped). Installed when we may (root), else they skip.
virtuoso:
	@command -v virtuoso-t >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null && \
	  { service virtuoso-opensource-7 stop >/dev/null 2>&1 || true; }; } || \
	  echo "note: virtuoso-t missing (apt-get install virtuoso-opensource); the Virtuoso tests will skip"

# Debian's Tesseract with its Vietnamese data, for PDF pages whose text layer cannot be read
# (OCR); installed when we may (root), else those files are refused with what to install and
# the OCR tests skip.
tesseract:
	@{ command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie; } || \
	  { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq tesseract-ocr tesseract-ocr-vie >/dev/null; } || \
	  echo "note: tesseract with Vietnamese data missing (apt-get install tesseract-ocr tesseract-ocr-vie); OCR tests will skip"

## test: lint, then the whole test suite
test: $(STAMP) chromium tesseract virtuoso
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

## bench: extraction throughput (and graph figures once the graph exists)
bench: $(STAMP) tesseract
	$(BIN)/python bench/extract_bench.py

## bench-graph: ingest, closure (each reasoner) and named-query latency on the bundled plans and laws
bench-graph: $(STAMP)
	$(BIN)/python bench/graph_bench.py

## bench-scale: N distinct plans (SIZES=100,1000,10000) ingested, reasoned, validated and queried;
## per-stage time and memory, store size, p50/p95/p99 of every named query, page and route
bench-scale: $(STAMP)
	$(BIN)/python bench/scale_bench.py --sizes $(or $(SIZES),100,1000,10000)

## bench-web: requests/s and latency of the web service (8 local clients)
bench-web: $(STAMP)
	$(BIN)/python bench/load.py --clients 8 --requests 100

## soak: 16 clients for 60 s over pages, API, CSV and /sparql with hostile requests among them
## (injection, cross joins, SERVICE, bodies over the cap), on loopback; requests, errors by kind,
## p50/p99 and the server's memory before and after; exits 1 on any 5xx or memory growth > 20 %
soak: $(STAMP)
	$(BIN)/python bench/soak.py --clients $(or $(CLIENTS),16) --seconds $(or $(SECONDS),60)

## gold: score the extraction of the bundled plans against ../shared/gold, and of
## ../shared/corpus-wide against ../shared/gold-wide when it is there
gold: $(STAMP)
	@mkdir -p var
	$(BIN)/cancu extract data/plans -o var/extract.json
	@echo "== samples (data/plans) against ../shared/gold"
	$(BIN)/python ../shared/eval/score.py var/extract.json
	@if [ -d ../shared/corpus-wide ] && [ -d ../shared/gold-wide ]; then \
	  $(BIN)/cancu extract ../shared/corpus-wide -o var/extract-wide.json && \
	  echo "== ../shared/corpus-wide against ../shared/gold-wide" && \
	  $(BIN)/python ../shared/eval/score.py var/extract-wide.json --gold ../shared/gold-wide; \
	else echo "(../shared/corpus-wide not present: wide figures skipped)"; fi

## docs: the ontology's HTML documentation (pyLODE) in ontology/docs/index.html
docs: $(STAMP)
	$(BIN)/python -m ontology.docs ontology/docs/index.html

clean:
	rm -rf $(VENV) var build *.egg-info

## yasgui: refresh the SPARQL workbench's files (graph_api/static/vendor/yasgui) from npm
YASGUI_VERSION ?= 4.6.2
yasgui:
	rm -rf var/yasgui && mkdir -p var/yasgui
	cd var/yasgui && npm pack --silent @zazuko/yasgui@$(YASGUI_VERSION) && tar xzf zazuko-yasgui-$(YASGUI_VERSION).tgz
	cp var/yasgui/package/build/yasgui.min.js var/yasgui/package/build/yasgui.min.css graph_api/static/vendor/yasgui/
	@echo "YASGUI $(YASGUI_VERSION) copied; update the version in graph_api/static/vendor/yasgui/README.md and LICENSE"
