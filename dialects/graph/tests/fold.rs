//! Folders: algebraic identities, inverse pairs, and constant folding on dense constants.

mod common;

use common::{ctx, props, t, A};
use strata_dialect_graph::dense::{dense_attr, Dense, Values};
use strata_ir::{Attribute, Body, Context, FoldResult, Op, OpBuilder, OpRef, Value};

struct Ir {
    ctx: Context,
    body: Body,
    block: strata_ir::Block,
}

impl Ir {
    fn new() -> Ir {
        let ctx = ctx();
        let mut body = Body::new();
        let block = body.create_block();
        Ir { ctx, body, block }
    }
    fn arg(&mut self, ty: &str) -> Value {
        let ty = t(&self.ctx, ty);
        self.body.add_block_arg(self.block, ty)
    }
    fn op(
        &mut self,
        name: &str,
        operands: &[Value],
        results: &[&str],
        attrs: &[(&str, A<'_>)],
    ) -> Op {
        let p = props(&self.ctx, attrs);
        let p: Vec<(&str, Attribute)> = p.iter().map(|(n, a)| (n.as_str(), *a)).collect();
        let tys: Vec<_> = results.iter().map(|s| t(&self.ctx, s)).collect();
        let mut b = OpBuilder::at_end(&self.ctx, &mut self.body, self.block);
        b.build(&format!("graph.{name}"), operands, &tys, &p)
    }
    fn res(&self, op: Op) -> Value {
        self.body.result(op, 0)
    }
    fn fold(&self, op: Op, consts: &[Option<Attribute>]) -> Option<Vec<FoldResult>> {
        let r = OpRef::new(&self.ctx, &self.body, op);
        (r.def()?.fold?)(r, consts)
    }
    fn floats(&self, ty: &str, v: &[f64]) -> Attribute {
        dense_attr(&self.ctx, t(&self.ctx, ty), &Values::Float(v.to_vec())).unwrap()
    }
    fn ints(&self, ty: &str, v: &[i128]) -> Attribute {
        dense_attr(&self.ctx, t(&self.ctx, ty), &Values::Int(v.to_vec())).unwrap()
    }
    fn value(&self, f: Option<Vec<FoldResult>>) -> Value {
        match f.as_deref() {
            Some([FoldResult::Value(v)]) => *v,
            other => panic!("expected a value fold, got {other:?}"),
        }
    }
    fn constant(&self, f: Option<Vec<FoldResult>>) -> Dense {
        match f.as_deref() {
            Some([FoldResult::Attr(a)]) => Dense::from_attr(&self.ctx, *a).expect("dense"),
            other => panic!("expected a constant fold, got {other:?}"),
        }
    }
}

#[test]
fn binary_identities() {
    let mut ir = Ir::new();
    let x = ir.arg("4xf32");
    let c = ir.arg("4xf32");
    let i = ir.arg("4xi32");
    let add = ir.op("add", &[x, c], &["4xf32"], &[]);
    // x + -0.0 folds; x + +0.0 does not (-0.0 + 0.0 is +0.0).
    assert_eq!(
        ir.value(ir.fold(add, &[None, Some(ir.floats("4xf32", &[-0.0]))])),
        x
    );
    assert_eq!(
        ir.value(ir.fold(add, &[Some(ir.floats("f32", &[-0.0])), None])),
        c
    );
    assert!(ir
        .fold(add, &[None, Some(ir.floats("4xf32", &[0.0]))])
        .is_none());
    let addi = ir.op("add", &[i, i], &["4xi32"], &[]);
    assert_eq!(
        ir.value(ir.fold(addi, &[None, Some(ir.ints("4xi32", &[0]))])),
        i
    );
    let sub = ir.op("sub", &[x, c], &["4xf32"], &[]);
    assert_eq!(
        ir.value(ir.fold(sub, &[None, Some(ir.floats("4xf32", &[0.0]))])),
        x
    );
    assert!(ir
        .fold(sub, &[Some(ir.floats("4xf32", &[0.0])), None])
        .is_none());
    let mul = ir.op("mul", &[x, c], &["4xf32"], &[]);
    assert_eq!(
        ir.value(ir.fold(mul, &[Some(ir.floats("f32", &[1.0])), None])),
        c
    );
    let div = ir.op("div", &[x, c], &["4xf32"], &[]);
    assert_eq!(
        ir.value(ir.fold(div, &[None, Some(ir.floats("4xf32", &[1.0]))])),
        x
    );
    assert!(ir
        .fold(div, &[Some(ir.floats("4xf32", &[1.0])), None])
        .is_none());
    let pow = ir.op("pow", &[x, c], &["4xf32"], &[]);
    assert_eq!(
        ir.value(ir.fold(pow, &[None, Some(ir.floats("4xf32", &[1.0]))])),
        x
    );
    let max = ir.op("max", &[x, x], &["4xf32"], &[]);
    assert_eq!(ir.value(ir.fold(max, &[None, None])), x);
    // Broadcasting identity whose result type differs from x: no fold.
    let y = ir.arg("4xf32");
    let wide = ir.op("mul", &[y, c], &["2x4xf32"], &[]);
    assert!(ir
        .fold(wide, &[None, Some(ir.floats("2x4xf32", &[1.0]))])
        .is_none());
    let b = ir.arg("4xi1");
    let and = ir.op("and", &[b, b], &["4xi1"], &[]);
    assert_eq!(ir.value(ir.fold(and, &[None, None])), b);
    let b2 = ir.arg("4xi1");
    let or = ir.op("or", &[b, b2], &["4xi1"], &[]);
    assert_eq!(
        ir.value(ir.fold(or, &[None, Some(ir.ints("4xi1", &[0]))])),
        b
    );
    let xor = ir.op("xor", &[b, b2], &["4xi1"], &[]);
    assert_eq!(
        ir.value(ir.fold(xor, &[Some(ir.ints("4xi1", &[0])), None])),
        b2
    );
}

#[test]
fn binary_constants() {
    let mut ir = Ir::new();
    let a = ir.arg("2x2xf32");
    let b = ir.arg("2xf32");
    let add = ir.op("add", &[a, b], &["2x2xf32"], &[]);
    let d = ir.constant(ir.fold(
        add,
        &[
            Some(ir.floats("2x2xf32", &[1.0, 2.0, 3.0, 4.0])),
            Some(ir.floats("2xf32", &[10.0, 20.0])),
        ],
    ));
    assert_eq!(d.values, Values::Float(vec![11.0, 22.0, 13.0, 24.0]));
    // f32 rounding of the f64 result.
    let d = ir.constant(ir.fold(
        add,
        &[
            Some(ir.floats("2x2xf32", &[0.1])),
            Some(ir.floats("2xf32", &[0.2])),
        ],
    ));
    assert_eq!(d.float(0), Some((0.1f32 + 0.2f32) as f64));
    assert!(d.is_splat());
    let less = ir.op("less", &[a, b], &["2x2xi1"], &[]);
    let d = ir.constant(ir.fold(
        less,
        &[
            Some(ir.floats("2x2xf32", &[1.0, 2.0, 3.0, f64::NAN])),
            Some(ir.floats("2xf32", &[2.0, 5.0])),
        ],
    ));
    assert_eq!(d.values, Values::Int(vec![1, 1, 0, 0]));
    let i = ir.arg("3xi8");
    let div = ir.op("div", &[i, i], &["3xi8"], &[]);
    let d = ir.constant(ir.fold(
        div,
        &[
            Some(ir.ints("3xi8", &[-7, -128, 9])),
            Some(ir.ints("3xi8", &[2, -1, 3])),
        ],
    ));
    assert_eq!(d.values, Values::Int(vec![-3, -128, 3]));
    // Integer division by zero does not fold.
    assert!(ir
        .fold(
            div,
            &[
                Some(ir.ints("3xi8", &[1, 2, 3])),
                Some(ir.ints("3xi8", &[1, 0, 1]))
            ]
        )
        .is_none());
    let u = ir.arg("2xui8");
    let sub = ir.op("sub", &[u, u], &["2xui8"], &[]);
    let d = ir.constant(ir.fold(
        sub,
        &[
            Some(ir.ints("2xui8", &[0, 200])),
            Some(ir.ints("2xui8", &[1, 100])),
        ],
    ));
    assert_eq!(d.values, Values::Int(vec![255, 100]));
    // pow is never constant-folded.
    let p = ir.op("pow", &[a, a], &["2x2xf32"], &[]);
    assert!(ir
        .fold(
            p,
            &[
                Some(ir.floats("2x2xf32", &[2.0])),
                Some(ir.floats("2x2xf32", &[2.0]))
            ]
        )
        .is_none());
    // Too large non-splat results are not folded; splats of any size are.
    let big = ir.arg("100x100xf32");
    let bigadd = ir.op("add", &[big, big], &["100x100xf32"], &[]);
    let ramp: Vec<f64> = (0..10000).map(|v| v as f64).collect();
    assert!(ir
        .fold(
            bigadd,
            &[
                Some(ir.floats("100x100xf32", &ramp)),
                Some(ir.floats("100x100xf32", &[1.0]))
            ]
        )
        .is_none());
    let d = ir.constant(ir.fold(
        bigadd,
        &[
            Some(ir.floats("100x100xf32", &[2.0])),
            Some(ir.floats("100x100xf32", &[1.0])),
        ],
    ));
    assert!(d.is_splat_of(3.0));
}

#[test]
fn where_folds() {
    let mut ir = Ir::new();
    let c = ir.arg("4xi1");
    let x = ir.arg("4xf32");
    let y = ir.arg("4xf32");
    let w = ir.op("where", &[c, x, y], &["4xf32"], &[]);
    assert_eq!(
        ir.value(ir.fold(w, &[Some(ir.ints("4xi1", &[1])), None, None])),
        x
    );
    assert_eq!(
        ir.value(ir.fold(w, &[Some(ir.ints("4xi1", &[0])), None, None])),
        y
    );
    assert!(ir
        .fold(w, &[Some(ir.ints("4xi1", &[0, 1, 0, 1])), None, None])
        .is_none());
}

#[test]
fn unary_folds() {
    let mut ir = Ir::new();
    let x = ir.arg("3xf32");
    let n1 = ir.op("neg", &[x], &["3xf32"], &[]);
    let r1 = ir.res(n1);
    let n2 = ir.op("neg", &[r1], &["3xf32"], &[]);
    assert_eq!(ir.value(ir.fold(n2, &[None])), x);
    let a1 = ir.op("relu", &[x], &["3xf32"], &[]);
    let ra = ir.res(a1);
    let a2 = ir.op("relu", &[ra], &["3xf32"], &[]);
    assert_eq!(ir.value(ir.fold(a2, &[None])), ra);
    let d = ir.constant(ir.fold(a1, &[Some(ir.floats("3xf32", &[-1.0, 2.0, -0.0]))]));
    assert_eq!(d.values, Values::Float(vec![0.0, 2.0, 0.0]));
    let s = ir.op("sqrt", &[x], &["3xf32"], &[]);
    let d = ir.constant(ir.fold(s, &[Some(ir.floats("3xf32", &[4.0, 2.0, -1.0]))]));
    assert_eq!(d.float(0), Some(2.0));
    assert_eq!(d.float(1), Some(2f32.sqrt() as f64));
    assert!(d.float(2).unwrap().is_nan());
    let r = ir.op("round", &[x], &["3xf32"], &[]);
    let d = ir.constant(ir.fold(r, &[Some(ir.floats("3xf32", &[0.5, 1.5, -2.5]))]));
    assert_eq!(d.values, Values::Float(vec![0.0, 2.0, -2.0]));
    let e = ir.op("exp", &[x], &["3xf32"], &[]);
    assert!(ir.fold(e, &[Some(ir.floats("3xf32", &[1.0]))]).is_none());
    let b = ir.arg("2xi1");
    let n = ir.op("not", &[b], &["2xi1"], &[]);
    let d = ir.constant(ir.fold(n, &[Some(ir.ints("2xi1", &[1, 0]))]));
    assert_eq!(d.values, Values::Int(vec![0, 1]));
}

#[test]
fn clip_and_cast() {
    let mut ir = Ir::new();
    let x = ir.arg("4xf32");
    let none = ir.op("clip", &[x], &["4xf32"], &[]);
    assert_eq!(ir.value(ir.fold(none, &[None])), x);
    let c = ir.op(
        "clip",
        &[x],
        &["4xf32"],
        &[("min", A::F(0.0)), ("max", A::F(6.0))],
    );
    let d = ir.constant(ir.fold(c, &[Some(ir.floats("4xf32", &[-1.0, 3.0, 7.0, f64::NAN]))]));
    assert_eq!(d.float(0), Some(0.0));
    assert_eq!(d.float(1), Some(3.0));
    assert_eq!(d.float(2), Some(6.0));
    assert!(d.float(3).unwrap().is_nan());
    let i = ir.arg("2xi8");
    let ci = ir.op("clip", &[i], &["2xi8"], &[("max", A::Int(5))]);
    let d = ir.constant(ir.fold(ci, &[Some(ir.ints("2xi8", &[-100, 100]))]));
    assert_eq!(d.values, Values::Int(vec![-100, 5]));

    let same = ir.op("cast", &[x], &["4xf32"], &[("to", A::Ty("scalar:f32"))]);
    assert_eq!(ir.value(ir.fold(same, &[None])), x);
    let to_i = ir.op("cast", &[x], &["4xi8"], &[("to", A::Ty("scalar:i8"))]);
    let d = ir.constant(ir.fold(to_i, &[Some(ir.floats("4xf32", &[1.9, -1.9, 0.0, 127.0]))]));
    assert_eq!(d.values, Values::Int(vec![1, -1, 0, 127]));
    assert!(ir
        .fold(to_i, &[Some(ir.floats("4xf32", &[300.0, 0.0, 0.0, 0.0]))])
        .is_none());
    let to_b = ir.op("cast", &[x], &["4xi1"], &[("to", A::Ty("scalar:i1"))]);
    let d = ir.constant(ir.fold(to_b, &[Some(ir.floats("4xf32", &[0.0, -0.0, 2.0, 0.5]))]));
    assert_eq!(d.values, Values::Int(vec![0, 0, 1, 1]));
    let to_h = ir.op("cast", &[i], &["2xf16"], &[("to", A::Ty("scalar:f16"))]);
    let d = ir.constant(ir.fold(to_h, &[Some(ir.ints("2xi8", &[-3, 100]))]));
    assert_eq!(d.values, Values::Float(vec![-3.0, 100.0]));
}

#[test]
fn reshape_like_chains() {
    let mut ir = Ir::new();
    let x = ir.arg("2x3xf32");
    let same = ir.op(
        "reshape",
        &[x],
        &["2x3xf32"],
        &[("shape", A::Ints(&[2, 3]))],
    );
    assert_eq!(ir.value(ir.fold(same, &[None])), x);
    let r1 = ir.op("reshape", &[x], &["6xf32"], &[("shape", A::Ints(&[-1]))]);
    let v1 = ir.res(r1);
    let r2 = ir.op(
        "reshape",
        &[v1],
        &["2x3xf32"],
        &[("shape", A::Ints(&[2, 3]))],
    );
    assert_eq!(ir.value(ir.fold(r2, &[None])), x);
    let r3 = ir.op(
        "reshape",
        &[v1],
        &["3x2xf32"],
        &[("shape", A::Ints(&[3, 2]))],
    );
    assert!(ir.fold(r3, &[None]).is_none());
    let u = ir.op(
        "unsqueeze",
        &[x],
        &["1x2x3xf32"],
        &[("axes", A::Ints(&[0]))],
    );
    let vu = ir.res(u);
    let s = ir.op("squeeze", &[vu], &["2x3xf32"], &[("axes", A::Ints(&[0]))]);
    assert_eq!(ir.value(ir.fold(s, &[None])), x);
    let f = ir.op("flatten", &[vu], &["1x6xf32"], &[("axis", A::Int(1))]);
    let d = ir.constant(ir.fold(
        f,
        &[Some(
            ir.floats("1x2x3xf32", &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
        )],
    ));
    assert_eq!(d.shape, vec![1, 6]);
    assert_eq!(d.float(5), Some(6.0));
    let e = ir.op(
        "expand",
        &[x],
        &["4x2x3xf32"],
        &[("shape", A::Ints(&[4, 1, 1]))],
    );
    let d = ir.constant(ir.fold(e, &[Some(ir.floats("2x3xf32", &[7.0]))]));
    assert!(d.is_splat_of(7.0));
    assert_eq!(d.shape, vec![4, 2, 3]);
    let id = ir.op("identity", &[x], &["2x3xf32"], &[]);
    assert_eq!(ir.value(ir.fold(id, &[None])), x);
    let dr = ir.op("dropout", &[x], &["2x3xf32", "2x3xi1"], &[]);
    match ir.fold(dr, &[None]).as_deref() {
        Some([FoldResult::Value(v), FoldResult::Attr(m)]) => {
            assert_eq!(*v, x);
            assert!(Dense::from_attr(&ir.ctx, *m).unwrap().is_splat_of(1.0));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn transposes() {
    let mut ir = Ir::new();
    let x = ir.arg("2x3x4xf32");
    let id = ir.op(
        "transpose",
        &[x],
        &["2x3x4xf32"],
        &[("perm", A::Ints(&[0, 1, 2]))],
    );
    assert_eq!(ir.value(ir.fold(id, &[None])), x);
    let t1 = ir.op(
        "transpose",
        &[x],
        &["3x4x2xf32"],
        &[("perm", A::Ints(&[1, 2, 0]))],
    );
    let v1 = ir.res(t1);
    let back = ir.op(
        "transpose",
        &[v1],
        &["2x3x4xf32"],
        &[("perm", A::Ints(&[2, 0, 1]))],
    );
    assert_eq!(ir.value(ir.fold(back, &[None])), x);
    let not_back = ir.op(
        "transpose",
        &[v1],
        &["4x3x2xf32"],
        &[("perm", A::Ints(&[1, 0, 2]))],
    );
    assert!(ir.fold(not_back, &[None]).is_none());
    let m = ir.arg("2x3xi32");
    let tm = ir.op("transpose", &[m], &["3x2xi32"], &[]);
    let d = ir.constant(ir.fold(tm, &[Some(ir.ints("2x3xi32", &[1, 2, 3, 4, 5, 6]))]));
    assert_eq!(d.values, Values::Int(vec![1, 4, 2, 5, 3, 6]));
}

#[test]
fn data_movement_folds() {
    let mut ir = Ir::new();
    let a = ir.arg("2x2xi64");
    let b = ir.arg("2x1xi64");
    let one = ir.op("concat", &[a], &["2x2xi64"], &[("axis", A::Int(0))]);
    assert_eq!(ir.value(ir.fold(one, &[None])), a);
    let cat = ir.op("concat", &[a, b], &["2x3xi64"], &[("axis", A::Int(1))]);
    let d = ir.constant(ir.fold(
        cat,
        &[
            Some(ir.ints("2x2xi64", &[1, 2, 3, 4])),
            Some(ir.ints("2x1xi64", &[9])),
        ],
    ));
    assert_eq!(d.values, Values::Int(vec![1, 2, 9, 3, 4, 9]));
    let x = ir.arg("?x4xf32");
    let whole = ir.op(
        "slice",
        &[x],
        &["?x4xf32"],
        &[
            ("starts", A::Ints(&[0, 0])),
            ("ends", A::Ints(&[i64::MAX, 4])),
        ],
    );
    assert_eq!(ir.value(ir.fold(whole, &[None])), x);
    let rev = ir.op(
        "slice",
        &[x],
        &["?x4xf32"],
        &[
            ("starts", A::Ints(&[-1])),
            ("ends", A::Ints(&[i64::MIN])),
            ("axes", A::Ints(&[1])),
            ("steps", A::Ints(&[-1])),
        ],
    );
    assert!(ir.fold(rev, &[None]).is_none());
    let pad0 = ir.op(
        "pad",
        &[x],
        &["?x4xf32"],
        &[("pads", A::Ints(&[0, 0, 0, 0]))],
    );
    assert_eq!(ir.value(ir.fold(pad0, &[None])), x);
    let tile1 = ir.op("tile", &[x], &["?x4xf32"], &[("repeats", A::Ints(&[1, 1]))]);
    assert_eq!(ir.value(ir.fold(tile1, &[None])), x);
    let shp = ir.op("shape", &[x], &["1xi64"], &[("start", A::Int(1))]);
    let d = ir.constant(ir.fold(shp, &[None]));
    assert_eq!(d.values, Values::Int(vec![4]));
    let dynshape = ir.op("shape", &[x], &["2xi64"], &[]);
    assert!(ir.fold(dynshape, &[None]).is_none());
    let r = ir.op(
        "reduce_sum",
        &[x],
        &["?x4xf32"],
        &[("noop_with_empty_axes", A::Int(1))],
    );
    assert_eq!(ir.value(ir.fold(r, &[None])), x);
}

#[test]
fn constant_folds_to_its_value() {
    let mut ir = Ir::new();
    let v = ir.floats("2xf32", &[1.0, 2.0]);
    let c = {
        let mut b = OpBuilder::at_end(&ir.ctx, &mut ir.body, ir.block);
        b.build(
            "graph.constant",
            &[],
            &[t(&ir.ctx, "2xf32")],
            &[("value", v)],
        )
    };
    assert_eq!(ir.fold(c, &[]), Some(vec![FoldResult::Attr(v)]));
    let mut b = OpBuilder::at_end(&ir.ctx, &mut ir.body, ir.block);
    let m = strata_dialect_graph::materialize_constant(&mut b, v, t(&ir.ctx, "2xf32"));
    assert!(m.is_some());
    let mut b = OpBuilder::at_end(&ir.ctx, &mut ir.body, ir.block);
    assert!(strata_dialect_graph::materialize_constant(&mut b, v, t(&ir.ctx, "3xf32")).is_none());
}

#[test]
fn folders_never_panic_on_malformed_ir() {
    // Folders may see IR whose constants disagree with the declared types: no panics.
    let mut ir = Ir::new();
    let types = ["2x3xf32", "3xi8", "f32", "0x2xf32", "?x3xf32", "1x1x1xi1"];
    let consts = [
        None,
        Some(ir.floats("2x3xf32", &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0])),
        Some(ir.floats("5xf32", &[1.0])),
        Some(ir.ints("3xi8", &[1, 0, -1])),
        Some(ir.ints("4x1xi1", &[1, 0, 1, 0])),
        Some(ir.ctx.string_attr("junk")),
    ];
    let junk_props: [(&str, A<'_>); 9] = [
        ("perm", A::Ints(&[5, 0])),
        ("axis", A::Int(7)),
        ("axes", A::Ints(&[9])),
        ("pads", A::Ints(&[0, 0])),
        ("repeats", A::Ints(&[1])),
        ("starts", A::Ints(&[0])),
        ("ends", A::Ints(&[1])),
        ("min", A::F(1.0)),
        ("to", A::Ty("scalar:i8")),
    ];
    for def in strata_dialect_graph::OPS {
        if def.fold.is_none() {
            continue;
        }
        let name = def.name.strip_prefix("graph.").unwrap();
        for n in 0..=3usize {
            for (ti, &ta) in types.iter().enumerate() {
                let tb = types[(ti + 1) % types.len()];
                let args: Vec<Value> = (0..n)
                    .map(|i| ir.arg(if i % 2 == 0 { ta } else { tb }))
                    .collect();
                for props in [&junk_props[..0], &junk_props[..]] {
                    let op = ir.op(name, &args, &[tb], props);
                    for c in &consts {
                        let cs = vec![*c; n];
                        let _ = ir.fold(op, &cs);
                    }
                }
            }
        }
    }
}

#[test]
fn constant_gather_slice_and_mod_fold() {
    let mut ir = Ir::new();
    let a = ir.arg("2x3xi64");
    let i = ir.arg("2xi64");
    let data = Some(ir.ints("2x3xi64", &[1, 2, 3, 4, 5, 6]));
    let g = ir.op("gather", &[a, i], &["2x2xi64"], &[("axis", A::Int(1))]);
    let d = ir.constant(ir.fold(g, &[data, Some(ir.ints("2xi64", &[-1, 0]))]));
    assert_eq!(d.values, Values::Int(vec![3, 1, 6, 4]));
    // Out-of-range indices do not fold (the interpreter reports them).
    assert!(ir
        .fold(g, &[data, Some(ir.ints("2xi64", &[3, 0]))])
        .is_none());
    let s = ir.op(
        "slice",
        &[a],
        &["2x2xi64"],
        &[
            ("starts", A::Ints(&[-1])),
            ("ends", A::Ints(&[i64::MIN])),
            ("axes", A::Ints(&[1])),
            ("steps", A::Ints(&[-2])),
        ],
    );
    let d = ir.constant(ir.fold(s, &[data]));
    assert_eq!(d.values, Values::Int(vec![3, 1, 6, 4]));
    let m = ir.op("mod", &[a, a], &["2x3xi64"], &[]);
    let d = ir.constant(ir.fold(
        m,
        &[
            Some(ir.ints("2x3xi64", &[-7, 7, -7, 6, 5, 0])),
            Some(ir.ints("2x3xi64", &[3, -3, -3, 3, 7, 2])),
        ],
    ));
    assert_eq!(d.values, Values::Int(vec![2, -2, -1, 0, 5, 0]));
    let fm = ir.op("mod", &[a, a], &["2x3xi64"], &[("fmod", A::Int(1))]);
    let d = ir.constant(ir.fold(
        fm,
        &[
            Some(ir.ints("2x3xi64", &[-7, 7, -7, 6, 5, 0])),
            Some(ir.ints("2x3xi64", &[3, -3, -3, 3, 7, 2])),
        ],
    ));
    assert_eq!(d.values, Values::Int(vec![-1, 1, -1, 0, 5, 0]));
    // A remainder by zero does not fold.
    assert!(ir
        .fold(
            m,
            &[
                Some(ir.ints("2x3xi64", &[1, 1, 1, 1, 1, 1])),
                Some(ir.ints("2x3xi64", &[1, 0, 1, 1, 1, 1])),
            ],
        )
        .is_none());
}
