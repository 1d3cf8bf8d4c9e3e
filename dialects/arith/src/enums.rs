//! The arith dialect's enum attributes: fast-math flags (`#arith.fastmath<...>`), integer
//! overflow flags (`#arith.overflow<...>`), rounding modes (`roundingmode = N : i32`) and the
//! `cmpi`/`cmpf` predicates (`predicate = N : i64`, printed as keywords in the custom form).
//!
//! Flag attributes are kept as opaque dialect attributes whose body is the canonical text
//! (`fastmath<nnan,ninf>`, `overflow<nsw, nuw>`); they are parsed leniently (any order,
//! spaces) and always built in MLIR's canonical spelling.

use strata_ir::{AttrKind, Attribute, Context, TypeKind};

/// The items of the `<...>` list of a flag attribute body such as `fastmath<nnan, ninf>`
/// (untrimmed; decoded without allocating).
fn flag_list<'a>(
    ctx: &'a Context,
    attr: Attribute,
    mnemonic: &str,
) -> Option<std::str::Split<'a, char>> {
    let AttrKind::Opaque { dialect, body } = ctx.attr_kind(attr) else {
        return None;
    };
    if ctx.str(*dialect) != "arith" {
        return None;
    }
    let body = body.trim().trim_start_matches('.');
    let inner = body
        .strip_prefix(mnemonic)?
        .trim_start()
        .strip_prefix('<')?
        .strip_suffix('>')?;
    Some(inner.split(','))
}

/// [`Context::cached_attr`] key of `#arith.fastmath<none>` (a static, so that every use
/// passes the same address).
static FASTMATH_NONE_KEY: &str = "arith.fastmath<none>";
/// [`Context::cached_attr`] key of `#arith.overflow<none>`.
static OVERFLOW_NONE_KEY: &str = "arith.overflow<none>";

fn opaque(ctx: &Context, body: String) -> Attribute {
    ctx.attr(AttrKind::Opaque {
        dialect: ctx.sym("arith"),
        body: body.into_boxed_str(),
    })
}

/// LLVM fast-math flags (`#arith.fastmath<...>`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Debug)]
pub struct FastMathFlags(pub u32);

impl FastMathFlags {
    /// No flags.
    pub const NONE: FastMathFlags = FastMathFlags(0);
    /// Reassociation.
    pub const REASSOC: FastMathFlags = FastMathFlags(1);
    /// No NaNs.
    pub const NNAN: FastMathFlags = FastMathFlags(2);
    /// No infinities.
    pub const NINF: FastMathFlags = FastMathFlags(4);
    /// No signed zeros.
    pub const NSZ: FastMathFlags = FastMathFlags(8);
    /// Allow reciprocal.
    pub const ARCP: FastMathFlags = FastMathFlags(16);
    /// Allow contraction.
    pub const CONTRACT: FastMathFlags = FastMathFlags(32);
    /// Approximate functions.
    pub const AFN: FastMathFlags = FastMathFlags(64);
    /// All flags.
    pub const FAST: FastMathFlags = FastMathFlags(127);

    const NAMES: [(&'static str, u32); 7] = [
        ("reassoc", 1),
        ("nnan", 2),
        ("ninf", 4),
        ("nsz", 8),
        ("arcp", 16),
        ("contract", 32),
        ("afn", 64),
    ];

    /// Whether all flags of `other` are set.
    pub fn contains(self, other: FastMathFlags) -> bool {
        self.0 & other.0 == other.0
    }
    /// Parse a comma-separated keyword list (`nnan, ninf`, `fast`, `none`).
    pub fn parse_list<'s>(items: impl IntoIterator<Item = &'s str>) -> Option<FastMathFlags> {
        let mut bits = 0;
        for item in items {
            bits |= match item.trim() {
                "none" => 0,
                "fast" => 127,
                k => Self::NAMES.iter().find(|(n, _)| *n == k)?.1,
            };
        }
        Some(FastMathFlags(bits))
    }
    /// The canonical keyword list (`none`, `fast`, or flags in bit order joined by `,`).
    pub fn keywords(self) -> String {
        match self.0 {
            0 => "none".into(),
            127 => "fast".into(),
            b => Self::NAMES
                .iter()
                .filter(|(_, v)| b & v != 0)
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(","),
        }
    }
    /// The attribute `#arith.fastmath<...>`.
    pub fn attr(self, ctx: &Context) -> Attribute {
        match self.0 {
            // The default on every float op: built and interned once per context.
            0 => ctx.cached_attr(FASTMATH_NONE_KEY, || {
                opaque(ctx, "fastmath<none>".to_string())
            }),
            _ => opaque(ctx, format!("fastmath<{}>", self.keywords())),
        }
    }
    /// Decode a `#arith.fastmath<...>` attribute.
    pub fn from_attr(ctx: &Context, attr: Attribute) -> Option<FastMathFlags> {
        if attr == FastMathFlags::NONE.attr(ctx) {
            return Some(FastMathFlags::NONE);
        }
        Self::parse_list(flag_list(ctx, attr, "fastmath")?)
    }
}

/// Integer overflow flags (`#arith.overflow<...>`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Debug)]
pub struct OverflowFlags(pub u32);

impl OverflowFlags {
    /// No flags.
    pub const NONE: OverflowFlags = OverflowFlags(0);
    /// No signed wrap.
    pub const NSW: OverflowFlags = OverflowFlags(1);
    /// No unsigned wrap.
    pub const NUW: OverflowFlags = OverflowFlags(2);

    /// Whether all flags of `other` are set.
    pub fn contains(self, other: OverflowFlags) -> bool {
        self.0 & other.0 == other.0
    }
    /// Parse a comma-separated keyword list (`nsw, nuw`, `none`).
    pub fn parse_list<'s>(items: impl IntoIterator<Item = &'s str>) -> Option<OverflowFlags> {
        let mut bits = 0;
        for item in items {
            bits |= match item.trim() {
                "none" => 0,
                "nsw" => 1,
                "nuw" => 2,
                _ => return None,
            };
        }
        Some(OverflowFlags(bits))
    }
    /// The canonical keyword list (`none`, `nsw`, `nuw`, `nsw, nuw`).
    pub fn keywords(self) -> &'static str {
        match self.0 & 3 {
            0 => "none",
            1 => "nsw",
            2 => "nuw",
            _ => "nsw, nuw",
        }
    }
    /// The attribute `#arith.overflow<...>`.
    pub fn attr(self, ctx: &Context) -> Attribute {
        match self.0 & 3 {
            // The default on every integer op: built and interned once per context.
            0 => ctx.cached_attr(OVERFLOW_NONE_KEY, || {
                opaque(ctx, "overflow<none>".to_string())
            }),
            _ => opaque(ctx, format!("overflow<{}>", self.keywords())),
        }
    }
    /// Decode a `#arith.overflow<...>` attribute.
    pub fn from_attr(ctx: &Context, attr: Attribute) -> Option<OverflowFlags> {
        if attr == OverflowFlags::NONE.attr(ctx) {
            return Some(OverflowFlags::NONE);
        }
        Self::parse_list(flag_list(ctx, attr, "overflow")?)
    }
}

/// Read a `N : iW` integer attribute of the given width.
fn int_of_width(ctx: &Context, attr: Attribute, width: u32) -> Option<i128> {
    match ctx.attr_kind(attr) {
        AttrKind::Integer { value, ty } => match ctx.type_kind(*ty) {
            TypeKind::Integer {
                width: w,
                signedness: strata_ir::Signedness::Signless,
            } if *w == width => Some(*value),
            _ => None,
        },
        _ => None,
    }
}

macro_rules! keyword_enum {
    (
        $(#[doc = $doc:literal])*
        $Name:ident, width: $width:literal, attr: $attr_desc:literal;
        $( $(#[doc = $vdoc:literal])* $Var:ident = $val:literal, $kw:literal; )*
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        pub enum $Name {
            $( $(#[doc = $vdoc])* $Var = $val, )*
        }

        impl $Name {
            /// All values, in numeric order.
            pub const ALL: &'static [$Name] = &[$($Name::$Var),*];
            /// Description of the attribute constraint, as in MLIR's ODS.
            pub const DESCRIPTION: &'static str = $attr_desc;
            /// The keyword used in the custom assembly form.
            pub fn keyword(self) -> &'static str {
                match self { $($Name::$Var => $kw,)* }
            }
            /// The value for a keyword.
            pub fn from_keyword(s: &str) -> Option<$Name> {
                match s { $($kw => Some($Name::$Var),)* _ => None }
            }
            /// The value for an integer.
            pub fn from_i64(v: i128) -> Option<$Name> {
                match v { $($val => Some($Name::$Var),)* _ => None }
            }
            /// The integer attribute holding this value.
            pub fn attr(self, ctx: &strata_ir::Context) -> strata_ir::Attribute {
                ctx.int_attr(self as i128, ctx.int_type($width))
            }
            /// Decode the integer attribute.
            pub fn from_attr(ctx: &strata_ir::Context, attr: strata_ir::Attribute) -> Option<$Name> {
                Self::from_i64(int_of_width(ctx, attr, $width)?)
            }
            /// Whether `attr` is a valid attribute for this enum (attribute constraint).
            pub fn is_valid_attr(ctx: &strata_ir::Context, attr: strata_ir::Attribute) -> bool {
                Self::from_attr(ctx, attr).is_some()
            }
        }
    };
}

keyword_enum! {
    /// The predicate of `arith.cmpi`.
    CmpIPredicate, width: 64, attr: "allowed 64-bit signless integer cases: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9";
    /// Equal.
    Eq = 0, "eq";
    /// Not equal.
    Ne = 1, "ne";
    /// Signed less than.
    Slt = 2, "slt";
    /// Signed less than or equal.
    Sle = 3, "sle";
    /// Signed greater than.
    Sgt = 4, "sgt";
    /// Signed greater than or equal.
    Sge = 5, "sge";
    /// Unsigned less than.
    Ult = 6, "ult";
    /// Unsigned less than or equal.
    Ule = 7, "ule";
    /// Unsigned greater than.
    Ugt = 8, "ugt";
    /// Unsigned greater than or equal.
    Uge = 9, "uge";
}

keyword_enum! {
    /// The predicate of `arith.cmpf`.
    CmpFPredicate, width: 64, attr: "allowed 64-bit signless integer cases: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15";
    /// Always false.
    AlwaysFalse = 0, "false";
    /// Ordered and equal.
    Oeq = 1, "oeq";
    /// Ordered and greater than.
    Ogt = 2, "ogt";
    /// Ordered and greater than or equal.
    Oge = 3, "oge";
    /// Ordered and less than.
    Olt = 4, "olt";
    /// Ordered and less than or equal.
    Ole = 5, "ole";
    /// Ordered and not equal.
    One = 6, "one";
    /// Ordered (no NaN).
    Ord = 7, "ord";
    /// Unordered or equal.
    Ueq = 8, "ueq";
    /// Unordered or greater than.
    Ugt = 9, "ugt";
    /// Unordered or greater than or equal.
    Uge = 10, "uge";
    /// Unordered or less than.
    Ult = 11, "ult";
    /// Unordered or less than or equal.
    Ule = 12, "ule";
    /// Unordered or not equal.
    Une = 13, "une";
    /// Unordered (a NaN).
    Uno = 14, "uno";
    /// Always true.
    AlwaysTrue = 15, "true";
}

keyword_enum! {
    /// IEEE rounding modes (`roundingmode` of `arith.truncf`).
    RoundingMode, width: 32, attr: "Floating point rounding mode";
    /// Round to nearest, ties to even.
    ToNearestEven = 0, "to_nearest_even";
    /// Round toward negative infinity.
    Downward = 1, "downward";
    /// Round toward positive infinity.
    Upward = 2, "upward";
    /// Round toward zero.
    TowardZero = 3, "toward_zero";
    /// Round to nearest, ties away from zero.
    ToNearestAway = 4, "to_nearest_away";
}

impl CmpIPredicate {
    /// Evaluate on two values of width `w`.
    pub fn eval(self, w: crate::apint::IntWidth, a: u128, b: u128) -> bool {
        match self {
            CmpIPredicate::Eq => a == b,
            CmpIPredicate::Ne => a != b,
            CmpIPredicate::Slt => w.slt(a, b),
            CmpIPredicate::Sle => !w.slt(b, a),
            CmpIPredicate::Sgt => w.slt(b, a),
            CmpIPredicate::Sge => !w.slt(a, b),
            CmpIPredicate::Ult => a < b,
            CmpIPredicate::Ule => a <= b,
            CmpIPredicate::Ugt => a > b,
            CmpIPredicate::Uge => a >= b,
        }
    }
    /// The result for two equal operands.
    pub fn on_equal(self) -> bool {
        matches!(
            self,
            CmpIPredicate::Eq
                | CmpIPredicate::Sle
                | CmpIPredicate::Sge
                | CmpIPredicate::Ule
                | CmpIPredicate::Uge
        )
    }
}

impl CmpFPredicate {
    /// Evaluate given the ordering of the operands (`None`: unordered).
    pub fn eval(self, ord: Option<std::cmp::Ordering>) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpFPredicate::AlwaysFalse => false,
            CmpFPredicate::Oeq => ord == Some(Equal),
            CmpFPredicate::Ogt => ord == Some(Greater),
            CmpFPredicate::Oge => matches!(ord, Some(Greater | Equal)),
            CmpFPredicate::Olt => ord == Some(Less),
            CmpFPredicate::Ole => matches!(ord, Some(Less | Equal)),
            CmpFPredicate::One => matches!(ord, Some(Less | Greater)),
            CmpFPredicate::Ord => ord.is_some(),
            CmpFPredicate::Ueq => matches!(ord, None | Some(Equal)),
            CmpFPredicate::Ugt => matches!(ord, None | Some(Greater)),
            CmpFPredicate::Uge => matches!(ord, None | Some(Greater | Equal)),
            CmpFPredicate::Ult => matches!(ord, None | Some(Less)),
            CmpFPredicate::Ule => matches!(ord, None | Some(Less | Equal)),
            CmpFPredicate::Une => ord != Some(Equal),
            CmpFPredicate::Uno => ord.is_none(),
            CmpFPredicate::AlwaysTrue => true,
        }
    }
}

/// Attribute constraint predicate: a `#arith.fastmath<...>` attribute.
pub fn is_fastmath_attr(ctx: &Context, attr: Attribute) -> bool {
    FastMathFlags::from_attr(ctx, attr).is_some()
}

/// Attribute constraint predicate: a `#arith.overflow<...>` attribute.
pub fn is_overflow_attr(ctx: &Context, attr: Attribute) -> bool {
    OverflowFlags::from_attr(ctx, attr).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_canonicalised() {
        let ctx = Context::new();
        let f = FastMathFlags::parse_list(["afn", " reassoc"]).unwrap();
        assert_eq!(f.keywords(), "reassoc,afn");
        assert_eq!(
            FastMathFlags::parse_list(["fast", "nnan"])
                .unwrap()
                .keywords(),
            "fast"
        );
        let a = f.attr(&ctx);
        assert_eq!(FastMathFlags::from_attr(&ctx, a), Some(f));
        let o = OverflowFlags::parse_list(["nuw", "nsw"]).unwrap();
        assert_eq!(o.keywords(), "nsw, nuw");
        let lenient = ctx.attr(AttrKind::Opaque {
            dialect: ctx.sym("arith"),
            body: "overflow< nuw ,nsw>".into(),
        });
        assert_eq!(OverflowFlags::from_attr(&ctx, lenient), Some(o));
        assert_eq!(FastMathFlags::parse_list(["bogus"]), None);
    }

    #[test]
    fn predicates_round_trip() {
        let ctx = Context::new();
        for &p in CmpFPredicate::ALL {
            assert_eq!(CmpFPredicate::from_keyword(p.keyword()), Some(p));
            assert_eq!(CmpFPredicate::from_attr(&ctx, p.attr(&ctx)), Some(p));
        }
        assert_eq!(
            CmpIPredicate::from_attr(&ctx, ctx.int_attr(9, ctx.i64())),
            Some(CmpIPredicate::Uge)
        );
        assert_eq!(
            CmpIPredicate::from_attr(&ctx, ctx.int_attr(9, ctx.i32())),
            None
        );
        assert_eq!(
            RoundingMode::from_attr(&ctx, ctx.int_attr(4, ctx.i32())),
            Some(RoundingMode::ToNearestAway)
        );
    }
}
