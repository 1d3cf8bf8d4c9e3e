#!/usr/bin/env python3
"""Time onnxruntime (CPU execution provider) on one model, the way `strata bench` times
Strata: load once, warm up, then time single runs and print min/median/max.

    .venv-bench/bin/python scripts/bench_ort.py MODEL.onnx INPUT.npy THREADS ITERS

THREADS = 0 lets onnxruntime use all cores. Prints one line:
`ort <version> threads=<n> min <x> ms  median <y> ms  max <z> ms`.
"""

import statistics
import sys
import time

import numpy as np
import onnxruntime as ort


def main():
    model, input_path, threads, iters = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    sess = ort.InferenceSession(model, opts, providers=["CPUExecutionProvider"])
    name = sess.get_inputs()[0].name
    x = np.load(input_path)
    feeds = {name: x}
    for _ in range(max(3, iters // 10)):
        sess.run(None, feeds)
    times = []
    for _ in range(iters):
        t0 = time.perf_counter()
        sess.run(None, feeds)
        times.append((time.perf_counter() - t0) * 1e3)
    print(
        f"ort {ort.__version__} threads={threads} min {min(times):.3f} ms  "
        f"median {statistics.median(times):.3f} ms  max {max(times):.3f} ms"
    )


if __name__ == "__main__":
    main()
