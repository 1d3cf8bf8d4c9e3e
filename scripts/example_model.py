#!/usr/bin/env python3
"""Write examples/tiny_cnn.onnx: a small image classifier (Conv, BatchNormalization, Relu,
MaxPool, Flatten, Gemm, Softmax) with seeded random weights, opset 17.

    .venv/bin/python scripts/example_model.py   (after scripts/conformance-data.sh made .venv)
"""

import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(7)


def init(name, shape, scale=0.3):
    return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name)


nodes = [
    helper.make_node("Conv", ["image", "conv_w", "conv_b"], ["c"], name="conv", pads=[1, 1, 1, 1]),
    helper.make_node(
        "BatchNormalization", ["c", "bn_s", "bn_b", "bn_m", "bn_v"], ["n"], name="bn"
    ),
    helper.make_node("Relu", ["n"], ["r"], name="relu"),
    helper.make_node("MaxPool", ["r"], ["p"], name="pool", kernel_shape=[2, 2], strides=[2, 2]),
    helper.make_node("Flatten", ["p"], ["f"], name="flatten"),
    helper.make_node("Gemm", ["f", "fc_w", "fc_b"], ["logits"], name="fc", transB=1),
    helper.make_node("Softmax", ["logits"], ["probs"], name="softmax", axis=1),
]
inits = [
    init("conv_w", (4, 1, 3, 3)),
    init("conv_b", (4,), 0.1),
    numpy_helper.from_array(np.full(4, 1.0, np.float32), "bn_s"),
    init("bn_b", (4,), 0.1),
    init("bn_m", (4,), 0.1),
    numpy_helper.from_array(rng.uniform(0.5, 1.5, 4).astype(np.float32), "bn_v"),
    init("fc_w", (10, 4 * 4 * 4), 0.2),
    init("fc_b", (10,), 0.1),
]
graph = helper.make_graph(
    nodes,
    "tiny_cnn",
    [helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, 1, 8, 8])],
    [helper.make_tensor_value_info("probs", TensorProto.FLOAT, [1, 10])],
    inits,
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
model.ir_version = 8
onnx.checker.check_model(model)
out = os.path.join(os.path.dirname(__file__), "..", "examples", "tiny_cnn.onnx")
onnx.save(model, out)
print("wrote", os.path.normpath(out))

# A seeded input and onnxruntime's output for it: crates/cli/tests/run.rs checks that
# `strata run` reproduces them.
import onnxruntime as ort  # noqa: E402

x = np.random.default_rng(1).random((1, 1, 8, 8), dtype=np.float32)
sess = ort.InferenceSession(out, providers=["CPUExecutionProvider"])
np.save(os.path.join(os.path.dirname(out), "tiny_cnn.image.npy"), x)
np.save(os.path.join(os.path.dirname(out), "tiny_cnn.probs.onnxruntime.npy"), sess.run(None, {"image": x})[0])
