#!/usr/bin/env bash
# Materialise the ONNX conformance data (see scripts/conformance_data.py) with pinned versions
# in a local virtual environment.
#
#   scripts/conformance-data.sh [OUT]        (default OUT: target/onnx-conformance)
#
# STRATA_VENV picks the virtual environment (default: .venv in the repository root).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${STRATA_VENV:-$root/.venv}"
out="${1:-$root/target/onnx-conformance}"
pins=(onnx==1.23.2 onnxruntime==1.32.0 numpy==2.4.6)
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" - "${pins[@]}" <<'PY' 2>/dev/null; then
import sys
from importlib.metadata import version
sys.exit(any(version(p.split("==")[0]) != p.split("==")[1] for p in sys.argv[1:]))
PY
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${pins[@]}"
fi
stamp="$out/VERSIONS"
if [ -f "$stamp" ] && [ "$stamp" -nt "$root/scripts/conformance_data.py" ] && [ -z "${FORCE:-}" ]; then
  echo "conformance data up to date in $out (FORCE=1 to rebuild)"
  exit 0
fi
PYTHONWARNINGS=ignore "$venv/bin/python" "$root/scripts/conformance_data.py" "$out"
