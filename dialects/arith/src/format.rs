//! Custom assembly formats of the arith and math ops, described declaratively (MLIR's
//! `assemblyFormat` strings) by a [`Format`]: the operand layout ([`FormatKind`]) plus the
//! optional keyword groups an op accepts after its operands.

use strata_ir::CustomFormat;

/// The shape of an op's custom form.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FormatKind {
    /// `$operand [flags] attr-dict : type($result)`.
    Unary,
    /// `$lhs, $rhs [flags] attr-dict : type($result)`.
    Binary,
    /// `$a, $b, $c [flags] attr-dict : type($result)`.
    Ternary,
    /// `$in [flags] attr-dict : type($in) to type($out)`.
    Cast,
    /// `$predicate, $lhs, $rhs attr-dict : type($lhs)` (integer predicate keywords).
    CmpI,
    /// `$predicate, $lhs, $rhs [fastmath] attr-dict : type($lhs)` (float predicate keywords).
    CmpF,
    /// `$condition, $true, $false attr-dict : [type($condition),] type($result)`.
    Select,
    /// `attr-dict $value`.
    Constant,
    /// `$lhs, $rhs attr-dict : type($sum), type($overflow)`.
    TwoResultTypes,
    /// `$lhs, $rhs attr-dict : type($lhs)` with two results of that type.
    BinaryTwoResults,
    /// `$operand attr-dict : type($operand)` (result type derived: `i1` of the same shape,
    /// fastmath only in the attribute dictionary).
    Classify,
    /// `$lhs, $rhs [fastmath] attr-dict : type($lhs), type($rhs)`.
    FPowI,
    /// `$value to [$min, $max] [fastmath] attr-dict : type($result)`.
    Clamp,
    /// `$operand [fastmath] attr-dict : type($operand)` with two results of that type.
    SinCos,
}

/// How an op's fast-math flags appear in its custom form.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FastMathSyntax {
    /// The op has no `fastmath` property.
    None,
    /// `DefaultValuedAttr`: `fastmath<...>` printed unless `none`; a missing property means
    /// `none` and is materialised by the parser.
    Default,
    /// `OptionalAttr`: `fastmath<...>` printed whenever the property is present (even
    /// `none`).
    Optional,
}

/// A custom assembly format.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Format {
    /// The operand layout.
    pub kind: FormatKind,
    /// `overflow<...>` (`overflowFlags`, default `none`).
    pub overflow: bool,
    /// `exact` (`isExact` unit property).
    pub exact: bool,
    /// A rounding-mode keyword (`roundingmode`).
    pub rounding: bool,
    /// `fastmath<...>`.
    pub fastmath: FastMathSyntax,
}

impl Format {
    /// A format with no optional groups.
    pub const fn new(kind: FormatKind) -> Format {
        Format {
            kind,
            overflow: false,
            exact: false,
            rounding: false,
            fastmath: FastMathSyntax::None,
        }
    }
    /// Accept `overflow<...>`.
    pub const fn overflow(self) -> Format {
        Format {
            overflow: true,
            ..self
        }
    }
    /// Accept `exact`.
    pub const fn exact(self) -> Format {
        Format {
            exact: true,
            ..self
        }
    }
    /// Accept a rounding-mode keyword.
    pub const fn rounding(self) -> Format {
        Format {
            rounding: true,
            ..self
        }
    }
    /// Default-valued `fastmath<...>`.
    pub const fn fastmath(self) -> Format {
        Format {
            fastmath: FastMathSyntax::Default,
            ..self
        }
    }
    /// Optional `fastmath<...>`.
    pub const fn optional_fastmath(self) -> Format {
        Format {
            fastmath: FastMathSyntax::Optional,
            ..self
        }
    }
}

/// The `format` field of an op definition for a [`Format`]. Custom forms are wired to the
/// IR's `OpAsmParser`/`OpAsmPrinter` once that API exists; until then ops print and parse in
/// the generic form.
pub const fn custom(f: &'static Format) -> Option<&'static dyn CustomFormat> {
    let _ = f;
    None
}
