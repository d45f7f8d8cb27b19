# tifa — the front door.  `make report` and `make test` are all a user types.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
TIFA   := $(VENV)/bin/tifa
STAMP  := $(VENV)/.installed

.PHONY: install build report test bench eval notebooks clean-processed help

help:
	@echo "make report  – install (first time), build the corpus, execute notebooks into reports/*.html"
	@echo "make test    – install (first time) and run every test"
	@echo "make build   – build data/processed tables from data/raw"
	@echo "make bench   – run the benchmarks in bench/"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[notebooks,test,scale]'
	$(PY) -m compileall -q src  # an editable install is not byte-compiled; tifa's own start-up then is
	touch $(STAMP)

install: $(STAMP)

build: $(STAMP)
	$(TIFA) build

report: $(STAMP)
	$(TIFA) report

test: $(STAMP)
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
