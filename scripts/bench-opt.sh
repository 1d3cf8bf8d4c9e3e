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

# measure <tool> <args...>: prints "median_wall_s median_cpu_s max_rss_mib" (cpu = user + sys,
# the steadier figure when other jobs share the machine)
measure() {
  local walls=() cpus=() rsss=()
  for _ in $(seq 1 "$REPS"); do
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.txt" "$@" >/dev/null
    read -r w u s m <"$WORK/time.txt"
    walls+=("$w"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')"); rsss+=("$m")
  done
  local mw mc mr
  mw=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mc=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mr=$(printf '%s\n' "${rsss[@]}" | sort -g | tail -1)
  echo "$mw $mc $(awk -v k="$mr" 'BEGIN {printf "%.1f", k/1024}')"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %10s %10s %12s\n' "command ($OPS ops, $REPS runs)" "wall s" "cpu s" "peak MiB"
read -r sw sc sm < <(measure "$STRATA" opt "$INPUT" -o /dev/null)
printf '%-34s %10s %10s %12s\n' "strata opt" "$sw" "$sc" "$sm"
read -r gw gc gm < <(measure "$STRATA" opt "$INPUT" --mlir-print-op-generic -o /dev/null)
printf '%-34s %10s %10s %12s\n' "strata opt --mlir-print-op-generic" "$gw" "$gc" "$gm"
if command -v "$MLIR_OPT" >/dev/null; then
  read -r mw mc mm < <(measure "$MLIR_OPT" "$INPUT" -o /dev/null)
  printf '%-34s %10s %10s %12s\n' "mlir-opt-22" "$mw" "$mc" "$mm"
  awk -v s="$sw" -v m="$mw" -v sc="$sc" -v mc="$mc" -v sm="$sm" -v mm="$mm" 'BEGIN {
    printf "speed-up (mlir-opt wall / strata wall): %.1fx\n", m / s;
    printf "speed-up (mlir-opt cpu / strata cpu):   %.1fx\n", mc / sc;
    printf "memory (strata peak / mlir-opt peak):   %.2f\n", sm / mm }'
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
else
  echo "mlir-opt-22 not installed: no ratio (apt-get install mlir-22-tools)"
fi
