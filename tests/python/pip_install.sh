#!/usr/bin/env bash
# pip_install.sh PYTHON VENV SOURCE: a fresh venv (with Debian's packages visible: pytest, mypy,
# pandas) and `pip install --no-build-isolation` of SOURCE into it, offline.
set -euo pipefail
python="$1" venv="$2" source="$3"
rm -rf "$venv"
"$python" -m venv --system-site-packages "$venv"
"$venv/bin/python" -m pip install --no-build-isolation --no-index --no-deps --quiet "$source"
"$venv/bin/python" -c 'import oms, sys; print("installed oms", oms.__version__, "at", oms.__file__)'
