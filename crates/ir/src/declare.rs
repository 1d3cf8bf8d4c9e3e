//! The [`op!`](crate::op) macro: the single declaration site of an op.
//!
//! One invocation gives the op's [`OpDef`](crate::OpDef) (name, summary, the doc comment as
//! the description used by the generated dialect reference, traits, constraints, verifier,
//! folder, custom format) and a typed wrapper with named operand, result and attribute
//! accessors:
//!
//! ```
//! use strata_ir::{op, Arity, DialectDef, OpDef, Traits};
//!
//! op! {
//!     /// Adds two values.
//!     ///
//!     /// ```mlir
//!     /// %2 = "demo.add"(%0, %1) : (i32, i32) -> i32
//!     /// ```
//!     pub struct AddOp = "demo.add";
//!     summary: "integer addition";
//!     operands: [lhs, rhs];
//!     results: [result];
//!     def: {
//!         traits: Traits::PURE.with(Traits::COMMUTATIVE),
//!         operands: Arity::Exactly(2),
//!         results: Arity::Exactly(1),
//!     }
//! }
//!
//! static DEMO: DialectDef = DialectDef {
//!     name: "demo",
//!     summary: "a demo dialect",
//!     description: "",
//!     ops: &[&AddOp::DEF],
//! };
//! let mut ctx = strata_ir::Context::new();
//! ctx.register_dialect(&DEMO);
//! assert!(ctx.op_def_by_name("demo.add").unwrap().description.contains("Adds two values"));
//! ```

/// Declare an op: its [`OpDef`](crate::OpDef) (as the associated const `DEF`) and a typed
/// wrapper around [`OpRef`](crate::OpRef). See the [module docs](crate::declare).
#[macro_export]
macro_rules! op {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $Name:ident = $opname:literal;
        summary: $summary:literal;
        $( operands: [$($operand:ident),* $(,)?]; )?
        $( results: [$($result:ident),* $(,)?]; )?
        $( attrs: [$($attr:ident = $attr_name:literal),* $(,)?]; )?
        def: { $($field:ident : $value:expr),* $(,)? }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy)]
        $vis struct $Name<'a>(pub $crate::OpRef<'a>);

        #[allow(dead_code)]
        impl<'a> $Name<'a> {
            /// The op's full name.
            pub const NAME: &'static str = $opname;
            /// The op's definition.
            pub const DEF: $crate::OpDef = $crate::OpDef {
                name: $opname,
                summary: $summary,
                description: concat!($($doc, "\n"),*),
                $($field: $value,)*
                ..$crate::OpDef::new($opname)
            };
            /// View `r` as this op if it has this op's name.
            pub fn cast(r: $crate::OpRef<'a>) -> Option<Self> {
                (r.name() == $opname).then_some(Self(r))
            }
            $( $crate::op!(@operands 0usize; $($operand),*); )?
            $( $crate::op!(@results 0usize; $($result),*); )?
            $( $(
                /// The attribute of the same name, if present.
                pub fn $attr(&self) -> Option<$crate::Attribute> {
                    self.0.attr($attr_name)
                }
            )* )?
        }
    };
    (@operands $idx:expr; ) => {};
    (@operands $idx:expr; $first:ident $(, $rest:ident)*) => {
        /// Named operand.
        pub fn $first(&self) -> $crate::Value {
            self.0.operand($idx)
        }
        $crate::op!(@operands $idx + 1usize; $($rest),*);
    };
    (@results $idx:expr; ) => {};
    (@results $idx:expr; $first:ident $(, $rest:ident)*) => {
        /// Named result.
        pub fn $first(&self) -> $crate::Value {
            self.0.result($idx)
        }
        $crate::op!(@results $idx + 1usize; $($rest),*);
    };
}
