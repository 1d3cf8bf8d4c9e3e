#!/usr/bin/env bash
# Side-by-side: `strata opt --pass-pipeline=...` vs `mlir-opt-22` running the same pipeline on
# the same generated inputs, in one run. Reports wall time, CPU time (user + system) and peak
# RSS (medians of REPS runs, max RSS) and the ratios, plus the times of parse + verify + print
# alone (no pipeline), so that the pipeline's own cost can be told apart. On a loaded machine
# wall times are noisy; CPU times much less so (but they do not show parallel speed-ups).
#
#   scripts/bench-passes.sh                  # canonicalize,cse on both inputs, 3 runs each
#   REPS=5 PIPELINE='builtin.module(func.func(cse))' scripts/bench-passes.sh
#
# Inputs (scripts/gen-big.py): one function of OPS ops (default 1,000,000), and a module of
# FUNCS functions of FOPS ops each (default 1000 x 1000), the latter also single-threaded
# (`--threads=1` / `--mlir-disable-threading`) and with two threads (`--threads=2`; mlir-opt
# uses its default thread pool).
#
# If `canonicalize` is not registered in this build of strata, the default pipeline drops it
# (and says so), for both tools.
#
# Needs: python3, /usr/bin/time (package `time`), mlir-opt-22 (package `mlir-22-tools`).
set -euo pipefail
cd "$(dirname "$0")/.."
MLIR_OPT="${MLIR_OPT:-mlir-opt-22}"
REPS="${REPS:-3}"
OPS="${OPS:-1000000}"
FUNCS="${FUNCS:-1000}"
FOPS="${FOPS:-1000}"
WORK="${WORK:-/tmp/strata-bench}"
mkdir -p "$WORK"

cargo build --release -q -p strata-cli
STRATA="$PWD/target/release/strata"

if [ -z "${PIPELINE:-}" ]; then
  if "$STRATA" opt --list-passes 2>/dev/null | grep -q -- '--canonicalize '; then
    PIPELINE='builtin.module(func.func(canonicalize,cse))'
  else
    PIPELINE='builtin.module(func.func(cse))'
    echo "note: strata has no 'canonicalize' pass yet; benchmarking $PIPELINE"
  fi
fi

BIG="$WORK/big-$OPS.mlir"
[ -f "$BIG" ] || python3 scripts/gen-big.py --ops "$OPS" -o "$BIG"
MANY="$WORK/big-${FUNCS}x$FOPS.mlir"
[ -f "$MANY" ] || python3 scripts/gen-big.py --funcs "$FUNCS" --ops "$FOPS" -o "$MANY"

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure <tool> <args...>: prints "median_wall_s median_cpu_s max_rss_mib"
measure() {
  local walls=() cpus=() rsss=()
  for _ in $(seq 1 "$REPS"); do
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.txt" "$@" >/dev/null
    read -r w u s m <"$WORK/time.txt"
    walls+=("$w"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')"); rsss+=("$m")
  done
  local mr
  mr=$(printf '%s\n' "${rsss[@]}" | sort -g | tail -1)
  echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median)" \
    "$(awk -v k="$mr" 'BEGIN {printf "%.1f", k/1024}')"
}

HAVE_MLIR=1
command -v "$MLIR_OPT" >/dev/null || HAVE_MLIR=0

row() { printf '%-52s %8s %8s %10s\n' "$1" "$2" "$3" "$4"; }
ratio() { # ratio <label> <mlir> <strata>
  awk -v l="$1" -v m="$2" -v s="$3" 'BEGIN { printf "  %-50s %.2fx\n", l, m / s }'
}

# bench <label> <input> <strata flags> <mlir-opt flags>
bench() {
  local label="$1" input="$2" sflags="$3" mflags="$4"
  local bw bc bm sw sc sm nw nc nm mw mc mm
  echo
  echo "== $label: $PIPELINE ($REPS runs, medians)"
  row "command" "wall s" "cpu s" "peak MiB"
  # shellcheck disable=SC2086
  read -r bw bc bm < <(measure "$STRATA" opt "$input" $sflags -o /dev/null)
  row "strata opt (no pipeline) $sflags" "$bw" "$bc" "$bm"
  # shellcheck disable=SC2086
  read -r sw sc sm < <(measure "$STRATA" opt "$input" $sflags --pass-pipeline="$PIPELINE" -o /dev/null)
  row "strata opt --pass-pipeline $sflags" "$sw" "$sc" "$sm"
  if [ "$HAVE_MLIR" = 1 ]; then
    # shellcheck disable=SC2086
    read -r nw nc nm < <(measure "$MLIR_OPT" "$input" $mflags -o /dev/null)
    row "$MLIR_OPT (no pipeline) $mflags" "$nw" "$nc" "$nm"
    # shellcheck disable=SC2086
    read -r mw mc mm < <(measure "$MLIR_OPT" "$input" $mflags --pass-pipeline="$PIPELINE" -o /dev/null)
    row "$MLIR_OPT --pass-pipeline $mflags" "$mw" "$mc" "$mm"
    echo "  speed-ups (mlir-opt / strata):"
    ratio "whole run, wall" "$mw" "$sw"
    ratio "whole run, cpu" "$mc" "$sc"
    awk -v s="$sc" -v sb="$bc" -v m="$mc" -v mb="$nc" 'BEGIN {
      ds = s - sb; dm = m - mb;
      printf "  %-50s", "pipeline alone (cpu minus no-pipeline cpu)";
      if (ds > 0.005 && dm > 0.005) printf " %.2fx", dm / ds;
      printf " (strata %.2f s, mlir-opt %.2f s)\n", ds, dm }'
    awk -v s="$sm" -v m="$mm" 'BEGIN { printf "  memory (strata peak / mlir-opt peak): %.2f\n", s / m }'
  fi
}

bench "1 function x $OPS ops" "$BIG" "" ""
bench "$FUNCS functions x $FOPS ops, 1 thread" "$MANY" "--threads=1" "--mlir-disable-threading"
bench "$FUNCS functions x $FOPS ops, 2 threads" "$MANY" "--threads=2" ""
if [ "$HAVE_MLIR" = 0 ]; then
  echo "mlir-opt-22 not installed: no ratios (apt-get install mlir-22-tools)"
fi
