#!/usr/bin/env python3
"""Materialise the ONNX backend conformance data for `strata conformance`.

Writes, under OUT (default: target/onnx-conformance):

  node/<case>/                 every node test case of onnx.backend.test (built in memory by
                               `load_model_tests(kind="node")`)
  light/<model>/               the nine light architectures (weights are ConstantOfShape 0.02),
                               inputs arange(n)/n, reference outputs shipped with onnx
  light-random/<model>/        the same models with seeded random weights (initializers) and
                               seeded random inputs; expected outputs computed by onnxruntime
  simple/, pytorch-converted/, pytorch-operator/
                               the offline sets shipped with onnx, copied as they are

Each case directory holds `model.onnx`, `test_data_set_N/{input,output}_K.pb` and `data.json`
(`{"rtol": .., "atol": .., "source": ..}`). The layout is onnx's own, so any ONNX backend
runner can read it. Run through `scripts/conformance-data.sh`, which pins the versions.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from onnx.backend.test import loader

DATA = os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data")
SEED = 20261126

# (case name, model file stem, rtol, atol): as onnx.backend.test.case.model lists them.
LIGHT = [
    ("test_bvlc_alexnet", "bvlc_alexnet", 1e-3, 1e-7),
    ("test_densenet121", "densenet121", 2e-3, 1e-7),
    ("test_inception_v1", "inception_v1", 1e-3, 1e-7),
    ("test_inception_v2", "inception_v2", 1e-3, 1e-7),
    ("test_resnet50", "resnet50", 1e-3, 1e-7),
    ("test_shufflenet", "shufflenet", 1e-3, 1e-7),
    ("test_squeezenet", "squeezenet", 1e-3, 1e-7),
    ("test_vgg19", "vgg19", 1e-3, 1e-7),
    ("test_zfnet512", "zfnet512", 1e-3, 1e-7),
]


def fresh_dir(path: str) -> None:
    if os.path.exists(path):
        shutil.rmtree(path)
    os.makedirs(path)


def encode(value, vi: onnx.ValueInfoProto) -> bytes:
    """Serialise one input/output value the way onnx's generate-data does."""
    kind = vi.type.WhichOneof("value")
    if kind == "sequence_type":
        return numpy_helper.from_list(value, vi.name).SerializeToString()
    if kind == "optional_type":
        return numpy_helper.from_optional(value, vi.name).SerializeToString()
    if kind == "map_type":
        return numpy_helper.from_dict(value, vi.name).SerializeToString()
    if isinstance(value, TensorProto):
        return value.SerializeToString()
    return numpy_helper.from_array(np.asarray(value), vi.name).SerializeToString()


def write_case(out, model, data_sets, rtol, atol, source):
    fresh_dir(out)
    with open(os.path.join(out, "model.onnx"), "wb") as f:
        f.write(model.SerializeToString())
    for i, (inputs, outputs) in enumerate(data_sets):
        ds = os.path.join(out, f"test_data_set_{i}")
        os.makedirs(ds)
        for j, value in enumerate(inputs):
            with open(os.path.join(ds, f"input_{j}.pb"), "wb") as f:
                f.write(encode(value, model.graph.input[j]))
        for j, value in enumerate(outputs):
            with open(os.path.join(ds, f"output_{j}.pb"), "wb") as f:
                f.write(encode(value, model.graph.output[j]))
    with open(os.path.join(out, "data.json"), "w") as f:
        json.dump({"rtol": rtol, "atol": atol, "source": source}, f, sort_keys=True)


def node_cases(root: str) -> int:
    cases = loader.load_model_tests(kind="node")
    for case in cases:
        write_case(
            os.path.join(root, "node", case.name),
            case.model,
            case.data_sets,
            case.rtol,
            case.atol,
            "onnx.backend.test node",
        )
    return len(cases)


def graph_inputs(model):
    """The graph inputs that are not initializers."""
    inits = {i.name for i in model.graph.initializer}
    return [i for i in model.graph.input if i.name not in inits]


def static_shape(vi):
    return tuple(
        d.dim_value if d.HasField("dim_value") else 1 for d in vi.type.tensor_type.shape.dim
    )


def light_cases(root: str) -> int:
    for name, stem, rtol, atol in LIGHT:
        model = onnx.load(os.path.join(DATA, "light", f"light_{stem}.onnx"))
        inputs = []
        for vi in graph_inputs(model):
            shape = static_shape(vi)
            n = int(np.prod(shape))
            inputs.append((np.arange(n).reshape(shape) / n).astype(np.float32))
        outputs = []
        for k in range(len(model.graph.output)):
            t = TensorProto()
            with open(os.path.join(DATA, "light", f"light_{stem}_output_{k}.pb"), "rb") as f:
                t.ParseFromString(f.read())
            outputs.append(t)
        write_case(
            os.path.join(root, "light", name),
            model,
            [(inputs, outputs)],
            rtol,
            atol,
            "onnx light model, reference output shipped with onnx",
        )
    return len(LIGHT)


def randomise(model, rng):
    """Replace every ConstantOfShape weight by a seeded random initializer.

    Rank >= 2 weights get He-style normal values (std sqrt(2 / fan_in)) so activations stay
    in range through deep networks; rank-0/1 tensors (biases, batch-norm scale, mean and
    variance) get uniform values in [0.5, 1.5), positive so that variances stay valid.
    """
    m = onnx.ModelProto()
    m.CopyFrom(model)
    consts = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    kept = []
    for node in m.graph.node:
        if node.op_type != "ConstantOfShape" or node.input[0] not in consts:
            kept.append(node)
            continue
        shape = tuple(int(d) for d in consts[node.input[0]])
        if len(shape) >= 2:
            fan_in = int(np.prod(shape[1:]))
            w = rng.normal(0.0, np.sqrt(2.0 / max(fan_in, 1)), shape)
        else:
            w = rng.uniform(0.5, 1.5, shape)
        m.graph.initializer.append(numpy_helper.from_array(w.astype(np.float32), node.output[0]))
        if m.ir_version < 4:  # before IR 4 every initializer must also be a graph input
            m.graph.input.append(
                helper.make_tensor_value_info(node.output[0], TensorProto.FLOAT, shape)
            )
    del m.graph.node[:]
    m.graph.node.extend(kept)
    used = {i for n in m.graph.node for i in n.input}
    keep_inits = [i for i in m.graph.initializer if i.name in used or i.name in {o.name for o in m.graph.output}]
    del m.graph.initializer[:]
    m.graph.initializer.extend(keep_inits)
    names = {i.name for i in m.graph.initializer}
    ins = [i for i in m.graph.input if i.name in names or i.name in used]
    del m.graph.input[:]
    m.graph.input.extend(ins)
    onnx.checker.check_model(m)
    return m


def light_random_cases(root: str) -> int:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    opts.intra_op_num_threads = 1
    for k, (name, stem, rtol, atol) in enumerate(LIGHT):
        rng = np.random.default_rng(SEED + k)
        model = randomise(onnx.load(os.path.join(DATA, "light", f"light_{stem}.onnx")), rng)
        feeds = {vi.name: rng.random(static_shape(vi), dtype=np.float32) for vi in graph_inputs(model)}
        sess = ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])
        outputs = sess.run(None, feeds)
        write_case(
            os.path.join(root, "light-random", name),
            model,
            [(list(feeds.values()), outputs)],
            rtol,
            atol,
            f"onnx light model with random weights (seed {SEED + k}), outputs by onnxruntime {ort.__version__}",
        )
    return len(LIGHT)


def offline_sets(root: str) -> int:
    n = 0
    for kind in ("simple", "pytorch-converted", "pytorch-operator"):
        for case in sorted(os.listdir(os.path.join(DATA, kind))):
            src = os.path.join(DATA, kind, case)
            if not os.path.exists(os.path.join(src, "model.onnx")):
                continue
            dst = os.path.join(root, kind, case)
            if os.path.exists(dst):
                shutil.rmtree(dst)
            shutil.copytree(src, dst)
            data = os.path.join(dst, "data.json")
            meta = {"rtol": 1e-3, "atol": 1e-7}
            if os.path.exists(data):
                with open(data) as f:
                    meta.update(json.load(f))
            meta["source"] = f"onnx offline set {kind}"
            with open(data, "w") as f:
                json.dump(meta, f, sort_keys=True)
            n += 1
    return n


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", nargs="?", default="target/onnx-conformance")
    p.add_argument("--skip-random", action="store_true", help="skip the onnxruntime variants")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    counts = {"node": node_cases(args.out), "light": light_cases(args.out)}
    if not args.skip_random:
        counts["light-random"] = light_random_cases(args.out)
    counts["offline"] = offline_sets(args.out)
    with open(os.path.join(args.out, "VERSIONS"), "w") as f:
        f.write(f"onnx {onnx.__version__}\nnumpy {np.__version__}\n")
        if not args.skip_random:
            import onnxruntime

            f.write(f"onnxruntime {onnxruntime.__version__}\n")
    print(", ".join(f"{k}: {v}" for k, v in counts.items()), "->", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
