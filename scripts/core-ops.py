#!/usr/bin/env python3
"""Core-op standing of a conformance run (issue 5's "100% of the core op types").

Reads the per-case lines that `strata conformance DIR` prints (without -q) on stdin and
prints PASS/total for every core op type of ONNX's node tests, their `_expanded`
variants included, then the cases that do not pass.

    target/release/strata conformance target/onnx-conformance --filter node/ \
        --overrides tests/conformance/overrides.txt | scripts/core-ops.py
"""
import re
import sys

# The core op types named by issue 5 (elementwise, comparisons and reductions spelled out).
CORE = """
Conv ConvTranspose MatMul Gemm
Add Sub Mul Div Pow Neg Abs Exp Log Sqrt Reciprocal Relu LeakyRelu PRelu Elu Selu Sigmoid
HardSigmoid HardSwish Tanh Erf Floor Ceil Round Sign Sin Cos Tan Min Max Sum Mean Mod
Not And Or Xor Softplus Softsign
BatchNormalization MaxPool AveragePool GlobalAveragePool GlobalMaxPool
Softmax LogSoftmax LayerNormalization Gelu
Reshape Flatten Squeeze Unsqueeze Transpose Concat Split Slice Gather Pad Expand Tile
Shape ConstantOfShape Cast CastLike Where
Equal Less Greater LessOrEqual GreaterOrEqual
ArgMax ArgMin
ReduceSum ReduceMean ReduceMax ReduceMin ReduceProd ReduceL1 ReduceL2 ReduceLogSum
ReduceLogSumExp ReduceSumSquare
Resize Range Clip Dropout Identity
""".split()

LINE = re.compile(r"^(PASS|FAIL|UNSUPPORTED)\s+(\S+)\s+(.+?)\s{2,}[\d.]+ ms")


def main():
    per_op = {}
    missing = []
    for line in sys.stdin:
        m = LINE.match(line)
        if not m:
            continue
        status, case, op = m.groups()
        base = op.replace(" (expanded)", "")
        if base not in CORE:
            continue
        p, t = per_op.get(base, (0, 0))
        per_op[base] = (p + (status == "PASS"), t + 1)
        if status != "PASS":
            missing.append(f"{status:12}{case} ({op})")
    passed = sum(p for p, _ in per_op.values())
    total = sum(t for _, t in per_op.values())
    for op in sorted(per_op):
        p, t = per_op[op]
        print(f"{op:28}{p:5}/{t}")
    print(f"core op types: {len(per_op)}, cases {passed}/{total}"
          f" ({100.0 * passed / max(total, 1):.1f}%)")
    for m in missing:
        print(m)


if __name__ == "__main__":
    main()
