#!/usr/bin/env bash
# Baseline timings of upstream mlir-opt (LLVM/MLIR 22) on gen-big.py inputs.
# Results are summarised by hand in scripts/baseline-mlir-opt.md.
#
#   scripts/bench-mlir-opt.sh [OUTDIR]     (default OUTDIR=/tmp/mlir-opt-bench)
#
# Inputs are generated into /tmp (never commit them):
#   /tmp/big.mlir            1 func x 1,000,000 ops
#   /tmp/big.generic.mlir    /tmp/big.mlir re-printed by mlir-opt in generic form
#   /tmp/big-1000x1000.mlir  1000 funcs x 1,000 ops
# Each configuration is run REPS times (default 2) under /usr/bin/time -v
# (package `time`) with --mlir-timing; raw logs go to OUTDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
MLIR_OPT="${MLIR_OPT:-mlir-opt-22}"
OUT="${1:-/tmp/mlir-opt-bench}"
REPS="${REPS:-2}"
mkdir -p "$OUT"

[ -f /tmp/big.mlir ] || python3 scripts/gen-big.py --ops 1000000 -o /tmp/big.mlir
[ -f /tmp/big.generic.mlir ] || "$MLIR_OPT" --mlir-print-op-generic /tmp/big.mlir -o /tmp/big.generic.mlir
[ -f /tmp/big-1000x1000.mlir ] || python3 scripts/gen-big.py --funcs 1000 --ops 1000 -o /tmp/big-1000x1000.mlir

PIPE='builtin.module(func.func(canonicalize,cse))'
run() { # run <name> <args...>
  local name="$1"; shift
  for r in $(seq 1 "$REPS"); do
    /usr/bin/time -v "$MLIR_OPT" "$@" >"$OUT/$name.$r.stdout" 2>"$OUT/$name.$r.log"
    local wall rss
    wall=$(grep 'Elapsed (wall clock)' "$OUT/$name.$r.log" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$OUT/$name.$r.log" | awk '{print $NF}')
    printf '%-28s run %d  wall %-9s maxrss %7.1f MiB\n' "$name" "$r" "$wall" "$(echo "$rss/1024" | bc -l)"
  done
}

run parse-print          /tmp/big.mlir -o /dev/null
run parse-print-timing   /tmp/big.mlir -o /dev/null --mlir-timing
run generic-timing       /tmp/big.mlir -o /dev/null --mlir-timing --mlir-print-op-generic
run parse-generic-input  /tmp/big.generic.mlir -o /dev/null --mlir-timing
run canon-cse-1M         /tmp/big.mlir -o /dev/null --mlir-timing --pass-pipeline="$PIPE"
run parse-print-1000x1000 /tmp/big-1000x1000.mlir -o /dev/null --mlir-timing
run canon-cse-1000x1000  /tmp/big-1000x1000.mlir -o /dev/null --mlir-timing --pass-pipeline="$PIPE"
run canon-cse-1000x1000-1thread /tmp/big-1000x1000.mlir -o /dev/null --mlir-timing --mlir-disable-threading --pass-pipeline="$PIPE"
