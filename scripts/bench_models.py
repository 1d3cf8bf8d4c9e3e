#!/usr/bin/env python3
"""Write the benchmark models of scripts/bench-ort.sh into a directory (default
target/bench-models): an MLP and a transformer encoder block, with seeded random weights,
opset 17, and one seeded input each as `<model>.input.npy`.

    .venv-bench/bin/python scripts/bench_models.py [DIR]

* mlp.onnx: input [32, 512] -> Gemm 512x1024 -> Relu -> Gemm 1024x1024 -> Relu
  -> Gemm 1024x10 -> Softmax.
* transformer_block.onnx: a post-norm encoder block on [1, 128, 256] with 4 heads of 64:
  Q/K/V projections (MatMul + Add), scaled dot-product attention (Reshape, Transpose,
  MatMul, Softmax), output projection, residual + LayerNormalization, a 1024-wide
  feed-forward with Relu, residual + LayerNormalization.
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(2026)


def weight(name, shape, scale=None):
    if scale is None:
        scale = 1.0 / np.sqrt(shape[0])
    return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name)


def const_i64(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def save(model, path, input_name, shape):
    onnx.checker.check_model(model)
    onnx.save(model, path)
    x = rng.standard_normal(shape).astype(np.float32)
    np.save(path.replace(".onnx", ".input.npy"), x)
    print(f"wrote {path} (input {input_name} {list(shape)})")


def mlp(out_dir):
    batch, d_in, hidden, d_out = 32, 512, 1024, 10
    inits = [
        weight("w1", [d_in, hidden]),
        weight("b1", [hidden], 0.1),
        weight("w2", [hidden, hidden]),
        weight("b2", [hidden], 0.1),
        weight("w3", [hidden, d_out]),
        weight("b3", [d_out], 0.1),
    ]
    nodes = [
        helper.make_node("Gemm", ["x", "w1", "b1"], ["h1"]),
        helper.make_node("Relu", ["h1"], ["a1"]),
        helper.make_node("Gemm", ["a1", "w2", "b2"], ["h2"]),
        helper.make_node("Relu", ["h2"], ["a2"]),
        helper.make_node("Gemm", ["a2", "w3", "b3"], ["logits"]),
        helper.make_node("Softmax", ["logits"], ["probs"], axis=1),
    ]
    graph = helper.make_graph(
        nodes,
        "mlp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [batch, d_in])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, [batch, d_out])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    save(model, os.path.join(out_dir, "mlp.onnx"), "x", (batch, d_in))


def transformer_block(out_dir):
    seq, d, heads, ffn = 128, 256, 4, 1024
    hd = d // heads
    inits = [
        weight("wq", [d, d]),
        weight("bq", [d], 0.02),
        weight("wk", [d, d]),
        weight("bk", [d], 0.02),
        weight("wv", [d, d]),
        weight("bv", [d], 0.02),
        weight("wo", [d, d]),
        weight("bo", [d], 0.02),
        weight("w1", [d, ffn]),
        weight("b1", [ffn], 0.02),
        weight("w2", [ffn, d]),
        weight("b2", [d], 0.02),
        numpy_helper.from_array(np.ones(d, np.float32), "ln1_g"),
        numpy_helper.from_array(np.zeros(d, np.float32), "ln1_b"),
        numpy_helper.from_array(np.ones(d, np.float32), "ln2_g"),
        numpy_helper.from_array(np.zeros(d, np.float32), "ln2_b"),
        numpy_helper.from_array(np.array(1.0 / np.sqrt(hd), np.float32), "scale"),
        const_i64("heads_shape", [1, seq, heads, hd]),
        const_i64("merge_shape", [1, seq, d]),
    ]
    nodes = []

    def proj(x, w, b, out):
        nodes.append(helper.make_node("MatMul", [x, w], [out + "_mm"]))
        nodes.append(helper.make_node("Add", [out + "_mm", b], [out]))

    proj("x", "wq", "bq", "q")
    proj("x", "wk", "bk", "k")
    proj("x", "wv", "bv", "v")
    for name in ["q", "k", "v"]:
        nodes.append(helper.make_node("Reshape", [name, "heads_shape"], [name + "_h"]))
    # [1, heads, seq, hd] for q and v, [1, heads, hd, seq] for k.
    nodes.append(helper.make_node("Transpose", ["q_h"], ["q_t"], perm=[0, 2, 1, 3]))
    nodes.append(helper.make_node("Transpose", ["k_h"], ["k_t"], perm=[0, 2, 3, 1]))
    nodes.append(helper.make_node("Transpose", ["v_h"], ["v_t"], perm=[0, 2, 1, 3]))
    nodes.append(helper.make_node("MatMul", ["q_t", "k_t"], ["scores"]))
    nodes.append(helper.make_node("Mul", ["scores", "scale"], ["scaled"]))
    nodes.append(helper.make_node("Softmax", ["scaled"], ["attn"], axis=-1))
    nodes.append(helper.make_node("MatMul", ["attn", "v_t"], ["ctx"]))
    nodes.append(helper.make_node("Transpose", ["ctx"], ["ctx_t"], perm=[0, 2, 1, 3]))
    nodes.append(helper.make_node("Reshape", ["ctx_t", "merge_shape"], ["ctx_m"]))
    proj("ctx_m", "wo", "bo", "attn_out")
    nodes.append(helper.make_node("Add", ["x", "attn_out"], ["res1"]))
    nodes.append(
        helper.make_node("LayerNormalization", ["res1", "ln1_g", "ln1_b"], ["n1"], axis=-1)
    )
    proj("n1", "w1", "b1", "f1")
    nodes.append(helper.make_node("Relu", ["f1"], ["f1r"]))
    proj("f1r", "w2", "b2", "f2")
    nodes.append(helper.make_node("Add", ["n1", "f2"], ["res2"]))
    nodes.append(helper.make_node("LayerNormalization", ["res2", "ln2_g", "ln2_b"], ["y"], axis=-1))
    graph = helper.make_graph(
        nodes,
        "transformer_block",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, seq, d])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, seq, d])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    save(model, os.path.join(out_dir, "transformer_block.onnx"), "x", (1, seq, d))


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "target/bench-models"
    os.makedirs(out_dir, exist_ok=True)
    mlp(out_dir)
    transformer_block(out_dir)


if __name__ == "__main__":
    main()
