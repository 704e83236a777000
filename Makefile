# Two commands do all set-up on a fresh machine:
#   make run    install into .venv and analyse the example posts with the built-in model
#   make test   install with the dev extras and run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The research data (see README). Tests that need it skip when it is absent.
MENTALENS_DATA ?= $(if $(wildcard ../shared/data/MANIFEST.md),$(abspath ../shared/data),)
export MENTALENS_DATA

.PHONY: run test install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/mentalens analyze --input src/mentalens/examples/posts.jsonl --format table --locale en_US

test: install-dev
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build dist .pytest_cache src/*.egg-info
