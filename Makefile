# Two commands do all the set-up: `make run` opens the app, `make test` runs the suite.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test demo bench clean

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,postgres]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/carecli

test: $(STAMP)
	scripts/with-postgres $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/today_queue.py

clean:
	rm -rf $(VENV) build src/*.egg-info
