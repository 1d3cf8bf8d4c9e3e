#!/usr/bin/env bash
# Side-by-side latency of Strata's cpu target and onnxruntime (CPU execution provider) on the
# same .onnx files and the same inputs, single-threaded and with all cores, plus the compile
# time of ResNet-50. Writes a markdown table to stdout (copy it into docs/performance.md).
#
#   scripts/bench-ort.sh [ITERS]        (default 50 timed runs per measurement)
#
# STRATA=path/to/strata uses that binary instead of building target/release/strata;
# CONFORMANCE_DIR=DIR reads ResNet-50 from DIR/light (default target/onnx-conformance).
#
# Models: target/bench-models/{mlp,transformer_block}.onnx (scripts/bench_models.py) and the
# light ResNet-50 of the ONNX conformance data (scripts/conformance-data.sh), when present.
# onnxruntime is pinned in a separate virtual environment, .venv-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
iters="${1:-50}"
venv=.venv-bench
pins=(onnxruntime==1.23.2 onnx==1.23.2 numpy==2.2.6)
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import onnxruntime" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${pins[@]}"
fi
py="$venv/bin/python"
if [ -n "${STRATA:-}" ]; then
  strata="$STRATA"
else
  cargo build --release -q -p strata-cli
  strata=target/release/strata
fi
out=target/bench-models
"$py" scripts/bench_models.py "$out" >/dev/null

models=("mlp:$out/mlp.onnx:$out/mlp.input.npy" "transformer_block:$out/transformer_block.onnx:$out/transformer_block.input.npy")
resnet="${CONFORMANCE_DIR:-target/onnx-conformance}/light/test_resnet50/model.onnx"
if [ -f "$resnet" ]; then
  "$py" -c "import numpy as np; np.save('$out/resnet50.input.npy', np.random.default_rng(0).standard_normal((1,3,224,224)).astype(np.float32))"
  models+=("resnet50:$resnet:$out/resnet50.input.npy")
else
  echo "note: $resnet missing (run scripts/conformance-data.sh); ResNet-50 skipped" >&2
fi

median() { sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' | tail -1; }
cores=$(nproc)
echo "| model | threads | onnxruntime $("$py" -c 'import onnxruntime; print(onnxruntime.__version__)') median | strata cpu median | strata / ort |"
echo "|---|---|---|---|---|"
for m in "${models[@]}"; do
  IFS=: read -r name model input <<<"$m"
  iname=$("$py" -c "import onnx; m=onnx.load('$model', load_external_data=False); init={i.name for i in m.graph.initializer}; print([i.name for i in m.graph.input if i.name not in init][0])")
  for t in 1 "$cores"; do
    ort_t=$t; [ "$t" = "$cores" ] && ort_t=0
    o=$("$py" scripts/bench_ort.py "$model" "$input" "$ort_t" "$iters" | median)
    s=$("$strata" bench "$model" --target cpu --threads "$t" --iters "$iters" --input "$iname=$input" 2>/dev/null | median)
    r=$(awk -v s="$s" -v o="$o" 'BEGIN { if (o > 0 && s > 0) printf "%.2fx", s / o; else print "n/a" }')
    echo "| $name | $t | $o ms | $s ms | $r |"
  done
done
if [ -f "$resnet" ]; then
  t0=$(date +%s.%N)
  "$strata" compile "$resnet" --target cpu -o "$out/resnet50.so" >/dev/null
  t1=$(date +%s.%N)
  echo
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "ResNet-50 compile time (strata compile --target cpu, import to shared object): %.2f s\n", b - a }'
fi
