#!/usr/bin/env python3
"""Which of two float32 results of a conv net is closer to the exact one.

Evaluates a light conformance model (the ops of the DenseNet/ResNet family: Conv without
groups, BatchNormalization, Mul, Add, Relu, Concat, Unsqueeze, MaxPool, AveragePool,
GlobalAveragePool) in float64 with numpy, then compares the case's reference output and a
Strata output (`strata run MODEL --target cpu --input NAME=X.npy --output-dir DIR`) with
it, and prints, for the elements where they disagree beyond the case's tolerance, the
exact value and the sum of the magnitudes of the last layer's terms (a float32 sum errs
relative to that, not to its result).

    strata run CASE/model.onnx --target cpu --input data_0=x.npy --output-dir out
    scripts/f64_check.py CASE out/fc6_1.npy     # x.npy: CASE's input_0.pb as .npy

Needs numpy and onnx (the benchmark virtual environment has both).
"""
import json
import sys

import numpy as np
import onnx
from numpy.lib.stride_tricks import sliding_window_view as windows
from onnx import numpy_helper


def read_pb(path):
    t = onnx.TensorProto()
    with open(path, "rb") as f:
        t.ParseFromString(f.read())
    return numpy_helper.to_array(t)


def pad(x, pads, value=0.0):
    h = len(pads) // 2
    return np.pad(x, [(0, 0), (0, 0)] + [(pads[i], pads[i + h]) for i in range(h)],
                  constant_values=value)


def evaluate(model, x):
    """Every value of `model` on input `x`, in float64; and |terms| sums of the last conv."""
    env = {}
    for i in model.graph.initializer:
        a = numpy_helper.to_array(i)
        env[i.name] = a.astype(np.float64) if a.dtype.kind == "f" else a
    inits = set(env)
    env[[i.name for i in model.graph.input if i.name not in inits][0]] = x.astype(np.float64)
    magnitude = None
    for n in model.graph.node:
        a = {t.name: onnx.helper.get_attribute_value(t) for t in n.attribute}
        ins = [env[i] if i else None for i in n.input]
        op = n.op_type
        if op == "Conv":
            w = ins[1]
            if a.get("group", 1) != 1 or any(d != 1 for d in a.get("dilations", [1, 1])):
                sys.exit("Conv with groups or dilations: not handled")
            s = a.get("strides", [1, 1])
            win = windows(pad(ins[0], a.get("pads", [0, 0, 0, 0])), w.shape[2:], axis=(2, 3))
            win = win[:, :, :: s[0], :: s[1]]
            y = np.einsum("ncijkl,fckl->nfij", win, w, optimize=True)
            magnitude = np.einsum("ncijkl,fckl->nfij", np.abs(win), np.abs(w), optimize=True)
            if len(ins) > 2 and ins[2] is not None:
                y = y + ins[2].reshape(1, -1, 1, 1)
        elif op == "BatchNormalization":
            x_, scale, bias, mean, var = ins
            r = lambda v: v.reshape(1, -1, 1, 1)  # noqa: E731
            y = (x_ - r(mean)) / np.sqrt(r(var) + a.get("epsilon", 1e-5)) * r(scale) + r(bias)
        elif op == "Mul":
            y = ins[0] * ins[1]
        elif op == "Add":
            y = ins[0] + ins[1]
        elif op == "Relu":
            y = np.maximum(ins[0], 0.0)
        elif op == "Concat":
            y = np.concatenate(ins, axis=a["axis"])
        elif op == "Unsqueeze":
            y = ins[0]
            for axis in sorted(a["axes"]):
                y = np.expand_dims(y, axis)
        elif op in ("MaxPool", "AveragePool"):
            k, s, p = a["kernel_shape"], a.get("strides", [1, 1]), a.get("pads", [0, 0, 0, 0])
            if op == "AveragePool" and any(p) and not a.get("count_include_pad", 0):
                sys.exit("AveragePool with pads not counted: not handled")
            win = windows(pad(ins[0], p, -np.inf if op == "MaxPool" else 0.0), tuple(k),
                          axis=(2, 3))[:, :, :: s[0], :: s[1]]
            y = win.max(axis=(4, 5)) if op == "MaxPool" else win.mean(axis=(4, 5))
        elif op == "GlobalAveragePool":
            y = ins[0].mean(axis=(2, 3), keepdims=True)
        else:
            sys.exit(f"op {op}: not handled")
        env[n.output[0]] = y
    return env, magnitude


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    case, got_path = sys.argv[1], sys.argv[2]
    model = onnx.load(f"{case}/model.onnx")
    with open(f"{case}/data.json") as f:
        tol = json.load(f)
    rtol, atol = tol.get("rtol", 1e-3), tol.get("atol", 1e-7)
    env, magnitude = evaluate(model, read_pb(f"{case}/test_data_set_0/input_0.pb"))
    exact = env[model.graph.output[0].name].ravel()
    ref = read_pb(f"{case}/test_data_set_0/output_0.pb").astype(np.float64).ravel()
    got = np.load(got_path).astype(np.float64).ravel()
    for name, v in (("reference", ref), ("strata", got)):
        err = np.abs(v - exact)
        fails = np.count_nonzero(err > atol + rtol * np.abs(exact))
        print(f"{name}: max abs error {err.max():.3e} (element {err.argmax()}), "
              f"mean {err.mean():.3e}; {fails} elements outside rtol {rtol} atol {atol} "
              f"of the exact values")
    diff = np.abs(got - ref)
    print(f"strata vs reference: max abs difference {diff.max():.3e}")
    terms = magnitude.ravel() if magnitude is not None else np.full_like(exact, np.nan)
    for i in np.nonzero(diff > atol + rtol * np.abs(ref))[0]:
        print(f"element {i}: exact {exact[i]:.8g}, reference {ref[i]:.8g} "
              f"(rel {abs(ref[i] - exact[i]) / abs(exact[i]):.3g}), strata {got[i]:.8g} "
              f"(rel {abs(got[i] - exact[i]) / abs(exact[i]):.3g}); sum of |terms| of the "
              f"last layer {terms[i]:.4g}")


if __name__ == "__main__":
    main()
