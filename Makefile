# tifa — the front door.  `make report` and `make test` are all a user types.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
TIFA   := $(VENV)/bin/tifa
STAMP  := $(VENV)/.installed

.PHONY: install build report test chromium bench eval notebooks clean-processed help

help:
	@echo "make report  – install (first time), build the corpus, execute notebooks into reports/*.html"
	@echo "make test    – install (first time) and run every test"
	@echo "make build   – build data/processed tables from data/raw"
	@echo "make bench   – run the benchmarks in bench/"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[notebooks,test,scale,serve]'
	$(PY) -m compileall -q src  # an editable install is not byte-compiled; tifa's own start-up then is
	touch $(STAMP)

install: $(STAMP)

build: $(STAMP)
	$(TIFA) build

report: $(STAMP)
	$(TIFA) report

# The report's safety test loads every page in headless Chromium (Debian's `chromium`): installed
# quietly when missing, where this is root with apt-get; elsewhere that one test skips, saying why.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -qq chromium >/dev/null 2>&1 || \
	    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; } || \
	    echo "make: could not install chromium; the report's browser test will skip"; \
	  else echo "make: no chromium (not root, or no apt-get); the report's browser test will skip"; fi; }

test: $(STAMP) chromium
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m compileall -q src
	$(PY) bench/realtext.py
	$(PY) bench/agreement.py
	$(PY) bench/pathological.py
	$(PY) bench/segment.py
	$(PY) bench/incremental.py
	$(PY) bench/scale.py

# Re-create the .ipynb files from their reviewed jupytext .py pairs (no outputs).
notebooks: $(STAMP)
	$(VENV)/bin/jupytext --to ipynb --update notebooks/[0-9][0-9]_*.py

clean-processed:
	rm -rf data/processed/*.parquet data/processed/manifest.json reports/*.html

eval: $(STAMP)
	$(PY) eval/run.py --markdown eval/last-run.md
