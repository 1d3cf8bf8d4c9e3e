#!/usr/bin/env python3
"""Generate large MLIR inputs for parser/printer/pass benchmarks.

Writes func.func(s) taking 8 f32 arguments and containing N arith ops on f32
(addf/subf/mulf/divf/maximumf/minimumf/negf, custom syntax), each operand
chosen uniformly at random among the last 64 defined values (arguments
included), ending with `return` of the last value.

  scripts/gen-big.py                         # 1 func x 1,000,000 ops -> stdout
  scripts/gen-big.py --ops 1000000 -o /tmp/big.mlir
  scripts/gen-big.py --funcs 1000 --ops 1000 -o /tmp/big-1000x1000.mlir

With --funcs 1 (default) the function is named @big; with K > 1 the output is
a module of functions @big0 .. @big<K-1>.  Output is deterministic for a given
(--seed, --ops, --funcs, --args, --window).  Python 3 stdlib only.
"""
import argparse
import random
import sys

BINARY = ("addf", "subf", "mulf", "divf", "maximumf", "minimumf")
ALL_OPS = BINARY + ("negf",)


def gen_func(out, name, n_ops, n_args, window, rng):
    args = ", ".join(f"%arg{i}: f32" for i in range(n_args))
    out.write(f"  func.func @{name}({args}) -> f32 {{\n")
    recent = [f"%arg{i}" for i in range(n_args)][-window:]
    choice = rng.choice
    lines = []
    last = recent[-1]
    for i in range(n_ops):
        op = choice(ALL_OPS)
        res = f"%{i}"
        if op == "negf":
            lines.append(f"    {res} = arith.negf {choice(recent)} : f32\n")
        else:
            lines.append(f"    {res} = arith.{op} {choice(recent)}, {choice(recent)} : f32\n")
        recent.append(res)
        if len(recent) > window:
            del recent[0]
        last = res
        if len(lines) >= 65536:
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))
    out.write(f"    return {last} : f32\n  }}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ops", type=int, default=1_000_000, help="arith ops per function (default 1,000,000)")
    ap.add_argument("--funcs", type=int, default=1, help="number of functions (default 1)")
    ap.add_argument("--args", type=int, default=8, help="f32 arguments per function (default 8)")
    ap.add_argument("--window", type=int, default=64, help="operands drawn from the last W values (default 64)")
    ap.add_argument("--seed", type=int, default=0x5742A7A, help="RNG seed")
    ap.add_argument("-o", "--output", default="-", help="output file (default stdout)")
    a = ap.parse_args()
    if a.ops < 0 or a.funcs < 1 or a.args < 1 or a.window < 1:
        ap.error("need --ops >= 0, --funcs >= 1, --args >= 1, --window >= 1")
    rng = random.Random(a.seed)
    out = sys.stdout if a.output == "-" else open(a.output, "w", buffering=1 << 20)
    try:
        out.write("module {\n")
        for k in range(a.funcs):
            gen_func(out, "big" if a.funcs == 1 else f"big{k}", a.ops, a.args, a.window, rng)
        out.write("}\n")
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()
