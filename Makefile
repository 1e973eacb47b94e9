# trendscope — every target documents itself: `make help`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
YEARS ?= 2015-2020
BENCH ?=

.DEFAULT_GOAL := help
.PHONY: help install lint run test fuzz bench figures demo-corpus clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk -F ':.*?## ' '{printf "  \033[1m%-12s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install trendscope with every dependency (JVM and Korean font included)

run: install ## run the reference study on the embedded demo corpus (YEARS=2015-2020)
	$(BIN)/trendscope run --years $(YEARS)

lint: install ## ruff check of the package, tests and benchmarks
	$(BIN)/ruff check trendscope tests bench

test: install lint ## lint, then run the whole test suite
	$(BIN)/python -m pytest

fuzz: install ## fuzz every reader and the study file with 2,000 examples per test (the suite runs fewer)
	TRENDSCOPE_FUZZ_EXAMPLES=2000 $(BIN)/python -m pytest tests/corpus/test_fuzz_readers.py tests/test_config.py -k fuzz -q

# Missing-glyph warnings (a Korean label drawn without a Korean font) are errors here, in the kernels of the notebooks too.
figures: install ## regenerate every figure, table, index.html and notebook of the demo study from the cached results
	$(BIN)/trendscope run --years $(YEARS) --quiet
	PYTHONWARNINGS="error:Glyph:UserWarning" $(BIN)/trendscope figures --years $(YEARS)

bench: install ## the 10k study cold against the usual notebook in one run, CPU-seconds by process, analyzer floors (BENCH="perf:versus" quicker, BENCH=all every benchmark) into bench/results/*.json
	$(BIN)/python -m bench $(BENCH)

demo-corpus: install ## regenerate the embedded demo corpus (deterministic)
	$(BIN)/python -m trendscope.corpus.demo_generator

clean: ## remove derived data and reports (data/raw is kept)
	rm -rf data/processed/* reports/*
