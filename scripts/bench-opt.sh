#!/usr/bin/env bash
# Side-by-side: `strata opt` vs `mlir-opt-22` on the same generated inputs, in one run.
# Reports wall time and peak RSS of each (median of REPS runs) and the ratios.
#
#   scripts/bench-opt.sh            # 1M-op function, parse + verify + print
#   REPS=5 OPS=1000000 scripts/bench-opt.sh
#
# Needs: python3, /usr/bin/time (package `time`), mlir-opt-22 (package `mlir-22-tools`).
set -euo pipefail
cd "$(dirname "$0")/.."
MLIR_OPT="${MLIR_OPT:-mlir-opt-22}"
REPS="${REPS:-3}"
OPS="${OPS:-1000000}"
WORK="${WORK:-/tmp/strata-bench}"
mkdir -p "$WORK"

cargo build --release -q -p strata-cli
STRATA="${CARGO_TARGET_DIR:-$PWD/target}/release/strata"

INPUT="$WORK/big-$OPS.mlir"
[ -f "$INPUT" ] || python3 scripts/gen-big.py --ops "$OPS" -o "$INPUT"

# measure <tool> <args...>: prints "median_wall_s max_rss_mib"
measure() {
  local walls=() rsss=()
  for _ in $(seq 1 "$REPS"); do
    /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@" >/dev/null
    read -r w m <"$WORK/time.txt"
    walls+=("$w"); rsss+=("$m")
  done
  local mw mr
  mw=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mr=$(printf '%s\n' "${rsss[@]}" | sort -g | tail -1)
  echo "$mw $(awk -v k="$mr" 'BEGIN {printf "%.1f", k/1024}')"
}

printf '%-34s %10s %12s\n' "command ($OPS ops, $REPS runs)" "wall s" "peak MiB"
read -r sw sm < <(measure "$STRATA" opt "$INPUT" -o /dev/null)
printf '%-34s %10s %12s\n' "strata opt" "$sw" "$sm"
read -r gw gm < <(measure "$STRATA" opt "$INPUT" --mlir-print-op-generic -o /dev/null)
printf '%-34s %10s %12s\n' "strata opt --mlir-print-op-generic" "$gw" "$gm"
if command -v "$MLIR_OPT" >/dev/null; then
  read -r mw mm < <(measure "$MLIR_OPT" "$INPUT" -o /dev/null)
  printf '%-34s %10s %12s\n' "mlir-opt-22" "$mw" "$mm"
  awk -v s="$sw" -v m="$mw" -v sm="$sm" -v mm="$mm" 'BEGIN {
    printf "speed-up (mlir-opt wall / strata wall): %.1fx\n", m / s;
    printf "memory (strata peak / mlir-opt peak):   %.2f\n", sm / mm }'
else
  echo "mlir-opt-22 not installed: no ratio (apt-get install mlir-22-tools)"
fi
