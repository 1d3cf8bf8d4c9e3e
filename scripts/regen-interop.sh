#!/usr/bin/env bash
# Regenerate the upstream-MLIR interop corpus under tests/interop/.
#
#   scripts/regen-interop.sh            regenerate all outputs + check fixed points
#   scripts/regen-interop.sh --check    only verify; exit 1 if any output would change
#
# Requires mlir-opt from LLVM/MLIR 22 (Debian/Ubuntu package: mlir-22-tools,
# binary /usr/bin/mlir-opt-22 -> /usr/lib/llvm-22/bin/mlir-opt).
# Override with MLIR_OPT=/path/to/mlir-opt.
#
# Must be run from anywhere; it cd's to the repo root so that file names
# recorded in loc(...) are the stable relative paths "tests/interop/src/X.mlir".
set -euo pipefail

cd "$(dirname "$0")/.."
MLIR_OPT="${MLIR_OPT:-mlir-opt-22}"
if ! command -v "$MLIR_OPT" >/dev/null 2>&1; then
  if [ -x /usr/lib/llvm-22/bin/mlir-opt ]; then MLIR_OPT=/usr/lib/llvm-22/bin/mlir-opt
  else echo "error: mlir-opt-22 not found (apt-get install mlir-22-tools)" >&2; exit 2; fi
fi

CHECK=0
[ "${1:-}" = "--check" ] && CHECK=1

D=tests/interop
DIALECTS="func arith math scf cf memref tensor linalg vector"
# Dialects that additionally get a generic form *with* debug locations.
LOC_DIALECTS="func cf scf"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
fail=0

emit() { # emit <dest> <mlir-opt args...>
  local dest="$1"; shift
  "$MLIR_OPT" "$@" -o "$TMP/out.mlir"
  if [ "$CHECK" = 1 ]; then
    if ! cmp -s "$TMP/out.mlir" "$dest"; then echo "STALE: $dest"; fail=1; fi
  else
    mkdir -p "$(dirname "$dest")"
    cp "$TMP/out.mlir" "$dest"
  fi
}

fixpoint() { # fixpoint <file> <extra args...>: generic print of file must equal file
  local f="$1"; shift
  "$MLIR_OPT" --mlir-print-op-generic "$@" "$f" -o "$TMP/fp.mlir"
  if ! cmp -s "$f" "$TMP/fp.mlir"; then
    echo "NOT A FIXED POINT: $f"; diff "$f" "$TMP/fp.mlir" | head -20; fail=1
  fi
}

for d in $DIALECTS; do
  emit "$D/generic/$d.mlir" --mlir-print-op-generic --mlir-print-debuginfo=false "$D/src/$d.mlir"
  fixpoint "$D/generic/$d.mlir" --mlir-print-debuginfo=false
done

for d in $LOC_DIALECTS; do
  emit "$D/generic-loc/$d.mlir" --mlir-print-op-generic --mlir-print-debuginfo "$D/src/$d.mlir"
  fixpoint "$D/generic-loc/$d.mlir" --mlir-print-debuginfo
done

# Hand-written generic-form samples using unregistered ops.
for f in "$D"/strata-generic/*.mlir; do
  b="$(basename "$f")"
  emit "$D/strata-generic/expected/$b" --allow-unregistered-dialect --mlir-print-op-generic --mlir-print-debuginfo=false "$f"
  fixpoint "$D/strata-generic/expected/$b" --allow-unregistered-dialect --mlir-print-debuginfo=false
done

if [ "$fail" != 0 ]; then echo "regen-interop: FAILED"; exit 1; fi
echo "regen-interop: OK ($("$MLIR_OPT" --version | grep -o 'LLVM version [0-9.]*'))"
