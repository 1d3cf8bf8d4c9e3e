//! Property: for random well-formed IR (nested regions, multiple blocks with successors, every
//! builtin type and attribute kind), print -> parse -> print is a fixed point, in the generic
//! and in the custom form, and the re-parsed IR verifies.
//!
//! The generator builds IR directly through the `Body` API (not through text), so it also
//! checks that everything the IR can hold is printable and re-readable.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use strata::ir::affine::{AffineConstraint, AffineExpr, AffineMap, IntegerSet};
use strata::ir::text::{self, ParseOptions, PrintOptions};
use strata::ir::types::DYNAMIC;
use strata::ir::{
    AttrKind, Attribute, Block, Body, Context, FloatKind, InsertPoint, LocKind, Module,
    OperationState, Signedness, Type, TypeKind, Value,
};

/// A tiny deterministic generator driven by proptest-provided seeds (keeps shrinking simple:
/// proptest shrinks the seed list).
struct Gen {
    seeds: Vec<u64>,
    pos: usize,
    state: u64,
}

impl Gen {
    fn new(seeds: Vec<u64>) -> Self {
        Gen {
            seeds,
            pos: 0,
            state: 0x9E37_79B9_7F4A_7C15,
        }
    }
    fn next(&mut self) -> u64 {
        let s = if self.pos < self.seeds.len() {
            self.seeds[self.pos]
        } else {
            0
        };
        self.pos += 1;
        // splitmix64 mixing of the seed stream.
        self.state = self
            .state
            .wrapping_add(s)
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn scalar_type(ctx: &Context, g: &mut Gen) -> Type {
    match g.below(8) {
        0 => ctx.index_type(),
        1 => ctx.float_type(
            [
                FloatKind::F16,
                FloatKind::BF16,
                FloatKind::F32,
                FloatKind::F64,
            ][g.below(4) as usize],
        ),
        2 => {
            let signedness = [
                Signedness::Signless,
                Signedness::Signed,
                Signedness::Unsigned,
            ][g.below(3) as usize];
            let width = [1, 8, 16, 32, 64, 128, 3, 24][g.below(8) as usize];
            ctx.ty(TypeKind::Integer { width, signedness })
        }
        _ => ctx.int_type([1, 8, 32, 64][g.below(4) as usize]),
    }
}

fn shape(g: &mut Gen, allow_dynamic: bool) -> Vec<i64> {
    (0..g.below(4))
        .map(|_| {
            if allow_dynamic && g.chance(20) {
                DYNAMIC
            } else {
                g.below(5) as i64 + 1
            }
        })
        .collect()
}

fn any_type(ctx: &Context, g: &mut Gen, depth: u32) -> Type {
    if depth > 2 {
        return scalar_type(ctx, g);
    }
    match g.below(12) {
        0 => {
            let f = [FloatKind::F32, FloatKind::F64][g.below(2) as usize];
            ctx.ty(TypeKind::Complex(ctx.float_type(f)))
        }
        1 => {
            let elem = scalar_type(ctx, g);
            let encoding = if g.chance(20) {
                Some(ctx.string_attr("enc"))
            } else {
                None
            };
            ctx.ty(TypeKind::RankedTensor {
                shape: shape(g, true).into(),
                elem,
                encoding,
            })
        }
        2 => ctx.ty(TypeKind::UnrankedTensor(scalar_type(ctx, g))),
        3 => {
            let shape = shape(g, true);
            let elem = scalar_type(ctx, g);
            let layout = match g.below(3) {
                0 if !shape.is_empty() => Some(
                    ctx.attr(AttrKind::StridedLayout {
                        offset: if g.chance(30) {
                            DYNAMIC
                        } else {
                            g.below(8) as i64
                        },
                        strides: shape
                            .iter()
                            .map(|_| {
                                if g.chance(20) {
                                    DYNAMIC
                                } else {
                                    g.below(9) as i64 + 1
                                }
                            })
                            .collect(),
                    }),
                ),
                1 if !shape.is_empty() => {
                    Some(ctx.affine_map_attr(AffineMap::identity(shape.len() as u32)))
                }
                _ => None,
            };
            let space = if g.chance(30) {
                Some(ctx.int_attr(g.below(4) as i128, ctx.i64()))
            } else {
                None
            };
            ctx.ty(TypeKind::MemRef {
                shape: shape.into(),
                elem,
                layout,
                space,
            })
        }
        4 => {
            let space = if g.chance(30) {
                Some(ctx.int_attr(1, ctx.i64()))
            } else {
                None
            };
            ctx.ty(TypeKind::UnrankedMemRef {
                elem: scalar_type(ctx, g),
                space,
            })
        }
        5 => {
            let mut shape = shape(g, false);
            if shape.is_empty() {
                shape.push(4);
            }
            let scalable: Vec<bool> = shape.iter().map(|_| g.chance(20)).collect();
            let elem = [ctx.f32(), ctx.i32(), ctx.index_type()][g.below(3) as usize];
            ctx.ty(TypeKind::Vector {
                shape: shape.into(),
                scalable: scalable.into(),
                elem,
            })
        }
        6 => {
            let items: Vec<Type> = (0..g.below(3))
                .map(|_| any_type(ctx, g, depth + 1))
                .collect();
            ctx.ty(TypeKind::Tuple(items.into()))
        }
        7 => {
            let ins: Vec<Type> = (0..g.below(3))
                .map(|_| any_type(ctx, g, depth + 1))
                .collect();
            let outs: Vec<Type> = (0..g.below(3))
                .map(|_| any_type(ctx, g, depth + 1))
                .collect();
            ctx.function_type(&ins, &outs)
        }
        8 => ctx.none_type(),
        _ => scalar_type(ctx, g),
    }
}

fn affine_expr(g: &mut Gen, dims: u32, syms: u32, depth: u32) -> AffineExpr {
    // One level of operators: deeper trees reach forms that MLIR's simplification does not
    // normalise (its print -> parse -> print is not a fixed point on them either).
    if depth > 0 || g.chance(40) {
        return match g.below(3) {
            0 if dims > 0 => AffineExpr::Dim(g.below(dims as u64) as u32),
            1 if syms > 0 => AffineExpr::Symbol(g.below(syms as u64) as u32),
            _ => AffineExpr::Const(g.below(5) as i64),
        };
    }
    let a = Box::new(affine_expr(g, dims, syms, depth + 1));
    let c = Box::new(AffineExpr::Const(g.below(7) as i64 + 1));
    match g.below(5) {
        0 => AffineExpr::Add(a, Box::new(affine_expr(g, dims, syms, depth + 1))),
        1 => AffineExpr::Mul(a, c),
        2 => AffineExpr::Mod(a, c),
        3 => AffineExpr::FloorDiv(a, c),
        _ => AffineExpr::CeilDiv(a, c),
    }
}

fn location(ctx: &Context, g: &mut Gen, depth: u32) -> Attribute {
    let kind = match g.below(if depth > 1 { 2 } else { 5 }) {
        0 => LocKind::Unknown,
        1 => LocKind::FileLineCol {
            file: ctx.sym("gen.mlir"),
            line: g.below(100) as u32 + 1,
            col: g.below(80) as u32 + 1,
            end: None,
        },
        2 => LocKind::Name {
            name: ctx.sym("n"),
            child: if g.chance(50) {
                Some(location(ctx, g, depth + 1))
            } else {
                None
            },
        },
        3 => LocKind::CallSite {
            callee: location(ctx, g, depth + 1),
            caller: location(ctx, g, depth + 1),
        },
        _ => LocKind::Fused {
            locs: (0..g.below(3) + 1)
                .map(|_| location(ctx, g, depth + 1))
                .collect(),
            metadata: None,
        },
    };
    ctx.loc(kind).0
}

fn int_value(g: &mut Gen, width: u32, signedness: Signedness) -> i128 {
    let raw = g.next() as i128 - (g.next() as i128);
    strata::ir::numeric::normalize_bits(raw, width.min(64), signedness)
}

fn attribute(ctx: &Context, g: &mut Gen, depth: u32) -> Attribute {
    let leaf = depth > 2;
    match g.below(if leaf { 9 } else { 16 }) {
        0 => ctx.unit_attr(),
        1 => ctx.bool_attr(g.chance(50)),
        2 => {
            let width = [1u32, 8, 16, 32, 64][g.below(5) as usize];
            let s = [
                Signedness::Signless,
                Signedness::Signed,
                Signedness::Unsigned,
            ][g.below(3) as usize];
            let ty = ctx.ty(TypeKind::Integer {
                width,
                signedness: s,
            });
            ctx.int_attr(int_value(g, width, s), ty)
        }
        3 => {
            let kind = [
                FloatKind::F16,
                FloatKind::BF16,
                FloatKind::F32,
                FloatKind::F64,
            ][g.below(4) as usize];
            let bits = match kind {
                FloatKind::F64 => g.next(),
                FloatKind::F32 => g.next() & 0xFFFF_FFFF,
                _ => g.next() & 0xFFFF,
            };
            // Also exercise short decimal values.
            let bits = if g.chance(50) {
                strata::ir::numeric::f64_to_bits((g.below(2000) as f64 - 1000.0) / 8.0, kind)
            } else {
                bits
            };
            ctx.attr(AttrKind::Float {
                bits,
                ty: ctx.float_type(kind),
            })
        }
        4 => {
            let bytes: Vec<u8> = (0..g.below(8)).map(|_| g.below(256) as u8).collect();
            let ty = if g.chance(20) { Some(ctx.i32()) } else { None };
            ctx.attr(AttrKind::String {
                value: bytes.into(),
                ty,
            })
        }
        5 => ctx.type_attr(any_type(ctx, g, 0)),
        6 => {
            let root = ctx.sym(["f", "sym_1", "with space", "a.b"][g.below(4) as usize]);
            let nested: Vec<_> = (0..g.below(3)).map(|i| ctx.sym(&format!("n{i}"))).collect();
            ctx.attr(AttrKind::SymbolRef {
                root,
                nested: nested.into(),
            })
        }
        7 => location(ctx, g, 0),
        8 => {
            let elem = [ctx.i64(), ctx.i32(), ctx.f32(), ctx.i1()][g.below(4) as usize];
            let len = g.below(5) as u32;
            let bytes_per = match ctx.type_kind(elem) {
                TypeKind::Integer { width: 64, .. } => 8,
                TypeKind::Integer { width: 1, .. } => 1,
                _ => 4,
            };
            let data: Vec<u8> = (0..len * bytes_per)
                .map(|i| {
                    if bytes_per == 1 {
                        (g.below(2)) as u8
                    } else if bytes_per == 4 && elem == ctx.f32() && i % 4 == 3 {
                        0x3F
                    } else {
                        g.below(256) as u8
                    }
                })
                .collect();
            ctx.attr(AttrKind::DenseArray {
                elem,
                len,
                data: data.into(),
            })
        }
        9 => {
            let items: Vec<Attribute> = (0..g.below(4))
                .map(|_| attribute(ctx, g, depth + 1))
                .collect();
            ctx.array_attr(&items)
        }
        10 => {
            let names = ["a", "b", "c_d", "sym_name", "x.y"];
            let entries: Vec<(&str, Attribute)> = (0..g.below(4))
                .map(|_| (names[g.below(5) as usize], attribute(ctx, g, depth + 1)))
                .collect();
            ctx.dict_attr(&entries)
        }
        11 => {
            let dims = g.below(3) as u32;
            let syms = g.below(2) as u32;
            let results = (0..g.below(3) + 1)
                .map(|_| affine_expr(g, dims, syms, 0))
                .collect();
            ctx.affine_map_attr(AffineMap {
                num_dims: dims,
                num_symbols: syms,
                results,
            })
        }
        12 => {
            let dims = g.below(2) as u32 + 1;
            let constraints = (0..g.below(2) + 1)
                .map(|_| AffineConstraint {
                    expr: affine_expr(g, dims, 0, 0),
                    is_eq: g.chance(30),
                })
                .collect();
            ctx.integer_set_attr(IntegerSet {
                num_dims: dims,
                num_symbols: 0,
                constraints,
            })
        }
        13 => {
            // Dense elements: i32 or f32 tensors, splat or full.
            let shape: Vec<i64> = (0..g.below(3)).map(|_| g.below(3) as i64 + 1).collect();
            let n: i64 = shape.iter().product();
            let (elem, bytes_per) = if g.chance(50) {
                (ctx.i32(), 4)
            } else {
                (ctx.f32(), 4)
            };
            let ty = ctx.tensor_type(&shape, elem);
            let splat = g.chance(30);
            let count = if splat { 1 } else { n as usize };
            let mut data = Vec::with_capacity(count * bytes_per);
            for _ in 0..count {
                let v: u32 = if elem == ctx.f32() {
                    ((g.below(64) as f32) / 4.0 - 8.0).to_bits()
                } else {
                    g.next() as u32
                };
                data.extend_from_slice(&v.to_le_bytes());
            }
            ctx.attr(AttrKind::DenseElements {
                ty,
                splat,
                data: data.into(),
            })
        }
        14 => ctx.attr(AttrKind::StridedLayout {
            offset: g.below(5) as i64,
            strides: (0..g.below(3) + 1).map(|_| g.below(6) as i64 + 1).collect(),
        }),
        _ => ctx.attr(AttrKind::Opaque {
            dialect: ctx.sym("ut"),
            body: ".thing<3>".into(),
        }),
    }
}

/// Fill `block` with random ops; `visible` are the values that dominate the block's start.
fn fill_block(
    ctx: &Context,
    body: &mut Body,
    block: Block,
    visible: &mut Vec<Value>,
    g: &mut Gen,
    depth: u32,
) {
    let n_ops = g.below(5);
    for i in 0..n_ops {
        let name = ctx.op_name(&format!("ut.op{}", g.below(4)));
        let mut st = OperationState::new(ctx, name, ctx.unknown_loc());
        for _ in 0..g.below(3) {
            if !visible.is_empty() {
                st.operands
                    .push(visible[g.below(visible.len() as u64) as usize]);
            }
        }
        st.result_types = (0..g.below(3)).map(|_| any_type(ctx, g, 0)).collect();
        if g.chance(40) {
            let a = attribute(ctx, g, 0);
            st.attrs = Some(ctx.dict_attr(&[("attr", a)]));
        }
        if g.chance(25) {
            let a = attribute(ctx, g, 0);
            st.props = Some(ctx.dict_attr(&[("prop", a)]));
        }
        let with_region = depth < 3 && g.chance(20);
        let mut inner = Vec::new();
        if with_region {
            for _ in 0..g.below(2) + 1 {
                let r = st.add_region(body);
                let b = body.create_block();
                body.append_block(r, b);
                let mut vis = visible.clone();
                for _ in 0..g.below(3) {
                    let t = any_type(ctx, g, 1);
                    vis.push(body.add_block_arg(b, t));
                }
                inner.push((b, vis));
            }
        }
        let op = body.create_op(st);
        body.insert_op(op, InsertPoint::End(block));
        for (b, mut vis) in inner {
            fill_block(ctx, body, b, &mut vis, g, depth + 1);
        }
        if g.chance(30) {
            let loc = location(ctx, g, 0);
            body.op_mut(op).loc = strata::ir::Location(loc);
        }
        visible.extend(body.results(op).iter().copied());
        let _ = i;
    }
}

/// A module holding a function whose body has random ops in a CFG of 1-3 blocks.
fn random_module(ctx: &Context, g: &mut Gen) -> Module {
    let mut module = Module::new(ctx);
    let mblock = module.block().expect("new module has a block");
    let arg_types: Vec<Type> = (0..g.below(3)).map(|_| any_type(ctx, g, 0)).collect();
    let fty = ctx.function_type(&arg_types, &[]);
    let func_name = ctx.op_name("func.func");
    let mut st = OperationState::new(ctx, func_name, ctx.unknown_loc());
    st.props = Some(ctx.dict_attr(&[
        ("sym_name", ctx.string_attr("gen")),
        ("function_type", ctx.type_attr(fty)),
    ]));
    let mut scratch = Body::new();
    let r = st.add_region(&mut scratch);
    {
        let fb = st.region_body(&mut scratch);
        let n_blocks = g.below(3) + 1;
        let blocks: Vec<Block> = (0..n_blocks).map(|_| fb.create_block()).collect();
        for &b in &blocks {
            fb.append_block(r, b);
        }
        let mut visible: Vec<Value> = arg_types
            .iter()
            .map(|&t| fb.add_block_arg(blocks[0], t))
            .collect();
        for (i, &b) in blocks.iter().enumerate() {
            // Values of earlier blocks do not dominate later ones in general: only the entry
            // block's values (which dominate everything reachable) stay visible.
            let mut vis = visible.clone();
            fill_block(ctx, fb, b, &mut vis, g, 0);
            if i == 0 {
                visible = vis;
            }
            let term = if i + 1 < blocks.len() {
                let mut t = OperationState::new(ctx, ctx.op_name("ut.br"), ctx.unknown_loc());
                t.successors = vec![blocks[i + 1]];
                t
            } else {
                OperationState::new(ctx, ctx.op_name("func.return"), ctx.unknown_loc())
            };
            let t = fb.create_op(term);
            fb.append_op(b, t);
        }
    }
    let f = module.region_body_mut().create_op(st);
    module.region_body_mut().append_op(mblock, f);
    module
}

fn context() -> Context {
    let mut ctx = strata::default_context();
    ctx.allow_unregistered = true;
    ctx
}

fn roundtrip(seeds: Vec<u64>) -> Result<(), TestCaseError> {
    let ctx = context();
    let module = random_module(&ctx, &mut Gen::new(seeds));
    if let Err(e) = strata::ir::verify::verify_module(&ctx, &module) {
        return Err(TestCaseError::fail(format!(
            "generated IR does not verify: {:?}",
            e[0].message
        )));
    }
    for generic in [true, false] {
        for debug_info in [false, true] {
            let opts = PrintOptions {
                generic,
                debug_info,
            };
            let first = text::print_module(&ctx, &module, &opts);
            let reparsed =
                text::parse(&ctx, "rt.mlir", &first, &ParseOptions::default()).map_err(|e| {
                    TestCaseError::fail(format!(
                        "re-parse failed: {} at {:?}\n{first}",
                        e[0].message,
                        ctx.loc_file_line_col(e[0].loc)
                    ))
                })?;
            strata::ir::verify::verify_module(&ctx, &reparsed).map_err(|e| {
                TestCaseError::fail(format!("re-verify failed: {}\n{first}", e[0].message))
            })?;
            let second = text::print_module(&ctx, &reparsed, &opts);
            if first != second {
                let diff = first
                    .lines()
                    .zip(second.lines())
                    .find(|(a, b)| a != b)
                    .map(|(a, b)| format!("first:  {a}\nsecond: {b}"))
                    .unwrap_or_else(|| "line counts differ".to_string());
                return Err(TestCaseError::fail(format!(
                    "not a fixed point (generic={generic}, debug_info={debug_info}):\n{diff}\n{first}"
                )));
            }
        }
    }
    Ok(())
}

#[test]
fn print_parse_print_is_a_fixed_point() {
    let mut runner = TestRunner::new(Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&proptest::collection::vec(any::<u64>(), 0..200), roundtrip)
        .unwrap_or_else(|e| panic!("{e}"));
}
