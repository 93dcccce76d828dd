#!/usr/bin/python3
"""Builds small ONNX models with seeded weights for the OnnxModel tests, and numpy's forward
pass of the same weights on fixed inputs as the reference.

Usage: make_onnx_models.py <output folder>
Writes <name>.onnx for each model and expected.json:
  {"<name>": {"features": F, "sequence_length": N, "rows": R,
              "inputs": [R*N*F floats], "probabilities": [R floats]}}
plus unsupported.onnx, a graph with an operator OpenCV's DNN module does not import.
Needs Debian's python3-onnx and python3-numpy.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def save(folder, name, nodes, weights, input_shape, output_shape):
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, input_shape)],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, output_shape)],
        [numpy_helper.from_array(w if w.dtype == np.int64 else w.astype(np.float32), n)
         for n, w in weights.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(folder, name + ".onnx"))


def f32(a):
    return a.astype(np.float32).astype(np.float64)


def mlp(folder, rng, classes):
    f, h = 6, 16
    w1, b1 = f32(rng.normal(0, 0.6, (f, h))), f32(rng.normal(0, 0.1, h))
    w2, b2 = f32(rng.normal(0, 0.6, (h, classes))), f32(rng.normal(0, 0.1, classes))
    last = "Sigmoid" if classes == 1 else "Softmax"
    nodes = [
        helper.make_node("Gemm", ["x", "w1t", "b1"], ["h1"], transB=1),
        helper.make_node("Relu", ["h1"], ["a1"]),
        helper.make_node("Gemm", ["a1", "w2t", "b2"], ["z"], transB=1),
        helper.make_node(last, ["z"], ["y"], **({"axis": 1} if classes == 2 else {})),
    ]
    name = "mlp" if classes == 1 else "mlp_softmax"
    save(folder, name, nodes, {"w1t": w1.T, "b1": b1, "w2t": w2.T, "b2": b2}, ["batch", f],
         ["batch", classes])

    def forward(x):
        z = np.maximum(x @ w1 + b1, 0) @ w2 + b2
        return sigmoid(z)[:, 0] if classes == 1 else softmax(z)[:, 1]
    return name, f, 1, forward


def conv1d(folder, rng):
    n, f, c, k = 8, 4, 5, 3
    w = f32(rng.normal(0, 0.5, (c, f, k)))
    b = f32(rng.normal(0, 0.1, c))
    out_len = n - k + 1
    wd = f32(rng.normal(0, 0.4, (c * out_len, 1)))
    bd = f32(rng.normal(0, 0.1, 1))
    nodes = [
        helper.make_node("Transpose", ["x"], ["xt"], perm=[0, 2, 1]),  # [B, F, N]
        helper.make_node("Conv", ["xt", "w", "b"], ["c"], kernel_shape=[k]),
        helper.make_node("Relu", ["c"], ["r"]),
        helper.make_node("Flatten", ["r"], ["fl"], axis=1),
        helper.make_node("Gemm", ["fl", "wdt", "bd"], ["z"], transB=1),
        helper.make_node("Sigmoid", ["z"], ["y"]),
    ]
    save(folder, "conv1d", nodes, {"w": w, "b": b, "wdt": wd.T, "bd": bd}, ["batch", n, f],
         ["batch", 1])

    def forward(x):  # x: [B, N, F]
        xt = x.transpose(0, 2, 1)
        out = np.zeros((x.shape[0], c, out_len))
        for t in range(out_len):
            out[:, :, t] = np.einsum("bfk,cfk->bc", xt[:, :, t:t + k], w) + b
        return sigmoid(np.maximum(out, 0).reshape(x.shape[0], -1) @ wd + bd)[:, 0]
    return "conv1d", f, n, forward


def lstm(folder, rng):
    n, f, h = 6, 3, 5
    w = f32(rng.normal(0, 0.5, (1, 4 * h, f)))
    r = f32(rng.normal(0, 0.5, (1, 4 * h, h)))
    b = f32(rng.normal(0, 0.1, (1, 8 * h)))
    wd = f32(rng.normal(0, 0.5, (h, 1)))
    bd = f32(rng.normal(0, 0.1, 1))
    nodes = [
        helper.make_node("Transpose", ["x"], ["xt"], perm=[1, 0, 2]),  # [N, B, F]
        helper.make_node("LSTM", ["xt", "w", "r", "b"], ["seq", "last"], hidden_size=h),
        helper.make_node("Flatten", ["last"], ["hs"], axis=2),  # [1, B, H] -> [B, H]
        helper.make_node("Gemm", ["hs", "wdt", "bd"], ["z"], transB=1),
        helper.make_node("Sigmoid", ["z"], ["y"]),
    ]
    save(folder, "lstm", nodes, {"w": w, "r": r, "b": b, "wdt": wd.T, "bd": bd},
         ["batch", n, f], ["batch", 1])

    def forward(x):
        hs = np.zeros((x.shape[0], h))
        cs = np.zeros((x.shape[0], h))
        for t in range(n):
            g = x[:, t, :] @ w[0].T + hs @ r[0].T + b[0, :4 * h] + b[0, 4 * h:]
            i, o, fg, c = (g[:, j * h:(j + 1) * h] for j in range(4))
            cs = sigmoid(fg) * cs + sigmoid(i) * np.tanh(c)
            hs = sigmoid(o) * np.tanh(cs)
        return sigmoid(hs @ wd + bd)[:, 0]
    return "lstm", f, n, forward


def gru(folder, rng):
    n, f, h = 6, 3, 4
    w = f32(rng.normal(0, 0.5, (1, 3 * h, f)))
    r = f32(rng.normal(0, 0.5, (1, 3 * h, h)))
    b = f32(rng.normal(0, 0.1, (1, 6 * h)))
    wd = f32(rng.normal(0, 0.5, (h, 1)))
    bd = f32(rng.normal(0, 0.1, 1))
    nodes = [
        helper.make_node("Transpose", ["x"], ["xt"], perm=[1, 0, 2]),
        helper.make_node("GRU", ["xt", "w", "r", "b", "", "h0"], ["seq"], hidden_size=h,
                         linear_before_reset=1),
        # OpenCV's GRU gives only Y [N, 1, B, H]: take the last step.
        helper.make_node("Slice", ["seq", "last_start", "last_end", "axis0"], ["last"]),
        helper.make_node("Reshape", ["last", "bh"], ["hs"]),
        helper.make_node("Gemm", ["hs", "wdt", "bd"], ["z"], transB=1),
        helper.make_node("Sigmoid", ["z"], ["y"]),
    ]
    # OpenCV wants GRU's initial state as a constant, which fixes the batch at 1.
    save(folder, "gru", nodes,
         {"w": w, "r": r, "b": b, "h0": np.zeros((1, 1, h)), "wdt": wd.T, "bd": bd,
          "last_start": np.array([n - 1]), "last_end": np.array([n]), "axis0": np.array([0]),
          "bh": np.array([-1, h])},
                   ["batch", n, f], ["batch", 1])

    def forward(x):
        hs = np.zeros((x.shape[0], h))
        wb, rb = b[0, :3 * h], b[0, 3 * h:]
        for t in range(n):
            gx = x[:, t, :] @ w[0].T + wb
            gh = hs @ r[0].T + rb
            z = sigmoid(gx[:, :h] + gh[:, :h])
            rr = sigmoid(gx[:, h:2 * h] + gh[:, h:2 * h])
            hh = np.tanh(gx[:, 2 * h:] + rr * gh[:, 2 * h:])
            hs = (1 - z) * hh + z * hs
        return sigmoid(hs @ wd + bd)[:, 0]
    return "gru", f, n, forward


def unsupported(folder):
    # Det (opset 11) has no OpenCV DNN layer.
    nodes = [
        helper.make_node("Reshape", ["x", "shape"], ["m"]),
        helper.make_node("Det", ["m"], ["d"]),
        helper.make_node("Sigmoid", ["d"], ["y"]),
    ]
    graph = helper.make_graph(
        nodes, "unsupported",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch"])],
        [numpy_helper.from_array(np.array([-1, 2, 2], dtype=np.int64), "shape")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(folder, "unsupported.onnx"))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_onnx_models.py <output folder>")
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(20240601)
    models = [mlp(folder, rng, 1), mlp(folder, rng, 2), conv1d(folder, rng), lstm(folder, rng),
              gru(folder, rng)]
    expected = {}
    rows = 5
    for name, features, sequence, forward in models:
        x = f32(rng.uniform(-1.5, 1.5, (rows, sequence, features)))
        flat = x.reshape(rows, sequence * features)
        p = forward(flat if sequence == 1 else x)
        expected[name] = {"features": features, "sequence_length": sequence, "rows": rows,
                          "inputs": flat.reshape(-1).tolist(), "probabilities": p.tolist()}
    unsupported(folder)
    with open(os.path.join(folder, "expected.json"), "w") as out:
        json.dump(expected, out, indent=1)


if __name__ == "__main__":
    main()
