//! Strata's reference interpreter: the oracle every test compares against.
//!
//! It favours clarity and exact semantics over speed, while keeping the inner loops of the
//! heavy ops (convolution, matrix products) plain loops over contiguous data.
//!
//! * [`Tensor`]: the value model (a [`DType`], a shape and typed storage, [`Data`]); scalars
//!   are rank-0 tensors. Conversions from IR constants ([`tensor_from_attr`]), to dense
//!   attributes, between dtypes ([`Tensor::cast`]) and `.npy` files ([`Tensor::read_npy`],
//!   [`Tensor::write_npy`]).
//! * [`Interpreter`]: runs a `func.func` of a module on input tensors, with fuel, call-depth
//!   and tensor-size limits; every failure is a located [`Diagnostic`](strata_ir::Diagnostic).
//! * [`Buffer`]: the runtime value of memref types, a strided view of a shared mutable
//!   allocation (the `loop` dialect's buffers).
//! * [`allclose`]: comparison with tolerances as ONNX's test runner does.
//!
//! ```
//! use strata_interp::{Interpreter, Tensor};
//! use strata_ir::{Module, OpBuilder, OperationState};
//!
//! let ctx = strata::default_context();
//! let mut module = Module::new(&ctx);
//! // func.func @add(%a: i32, %b: i32) -> i32 { %s = arith.addi %a, %b; return %s }
//! let i32t = ctx.i32();
//! let fty = ctx.function_type(&[i32t, i32t], &[i32t]);
//! let block = module.block().unwrap();
//! let mut st = OperationState::new(&ctx, ctx.op_name("func.func"), ctx.unknown_loc());
//! st.props = Some(ctx.dict_attr(&[
//!     ("sym_name", ctx.string_attr("add")),
//!     ("function_type", ctx.type_attr(fty)),
//! ]));
//! let body = module.region_body_mut();
//! let region = st.add_region(body);
//! let rb = st.region_body(body);
//! let entry = rb.create_block();
//! rb.append_block(region, entry);
//! let a = rb.add_block_arg(entry, i32t);
//! let b = rb.add_block_arg(entry, i32t);
//! let mut bld = OpBuilder::at_end(&ctx, rb, entry);
//! let s = bld.build_value("arith.addi", &[a, b], i32t, &[]);
//! bld.build("func.return", &[s], &[], &[]);
//! let f = body.create_op(st);
//! body.append_op(block, f);
//!
//! let out = Interpreter::new(&ctx, &module)
//!     .run("add", &[Tensor::scalar(i32::MAX), Tensor::scalar(1i32)])
//!     .unwrap();
//! assert_eq!(out, vec![Tensor::scalar(i32::MIN)]);
//! ```
//!
//! Semantics live in a table from op name to implementation, one module per dialect under
//! `ops/`; each module documents the choices it makes where MLIR or ONNX leave behaviour
//! undefined. [`is_interpretable`] tells whether an op has semantics.

mod buffer;
mod cast;
mod compare;
mod dtype;
mod error;
mod eval;
mod ir;
mod npy;
pub mod numeric;
mod ops;
mod small;
pub mod strings;
mod tensor;
mod value;

pub use buffer::Buffer;
pub use compare::{allclose, Comparison};
pub use dtype::{DType, Element};
pub use error::{Error, Result};
pub use eval::{Interpreter, DEFAULT_FUEL, DEFAULT_MAX_DEPTH, DEFAULT_MAX_WORK};
pub use ir::{decode_le, encode_le, tensor_from_attr, ShapeSpec, ValueType};
pub use npy::{MAX_HEADER_LEN, MAX_RANK};
pub use ops::is_interpretable;
pub use small::{f32_to_e8m0, CastOptions, E8M0Round};
pub use tensor::{checked_numel, shape_str, strides, Data, Tensor, DEFAULT_MAX_ELEMENTS};
pub use value::AnyValue;
