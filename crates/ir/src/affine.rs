//! Affine expressions, maps and integer sets (`affine_map<(d0)[s0] -> (d0 + s0)>`,
//! `affine_set<(d0) : (d0 - 1 >= 0)>`), held structurally inside attributes.

/// An affine expression over dimensions `d_i`, symbols `s_j` and constants.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum AffineExpr {
    /// `d<i>`.
    Dim(u32),
    /// `s<i>`.
    Symbol(u32),
    /// An integer constant.
    Const(i64),
    /// `lhs + rhs`.
    Add(Box<AffineExpr>, Box<AffineExpr>),
    /// `lhs * rhs`.
    Mul(Box<AffineExpr>, Box<AffineExpr>),
    /// `lhs mod rhs`.
    Mod(Box<AffineExpr>, Box<AffineExpr>),
    /// `lhs floordiv rhs`.
    FloorDiv(Box<AffineExpr>, Box<AffineExpr>),
    /// `lhs ceildiv rhs`.
    CeilDiv(Box<AffineExpr>, Box<AffineExpr>),
}

impl AffineExpr {
    /// Evaluate with the given dimension and symbol values. `None` on division by zero,
    /// overflow or out-of-range positions.
    pub fn eval(&self, dims: &[i64], syms: &[i64]) -> Option<i64> {
        Some(match self {
            AffineExpr::Dim(i) => *dims.get(*i as usize)?,
            AffineExpr::Symbol(i) => *syms.get(*i as usize)?,
            AffineExpr::Const(c) => *c,
            AffineExpr::Add(a, b) => a.eval(dims, syms)?.checked_add(b.eval(dims, syms)?)?,
            AffineExpr::Mul(a, b) => a.eval(dims, syms)?.checked_mul(b.eval(dims, syms)?)?,
            AffineExpr::Mod(a, b) => {
                let (a, b) = (a.eval(dims, syms)?, b.eval(dims, syms)?);
                if b == 0 {
                    return None;
                }
                a.checked_rem_euclid(b)?
            }
            AffineExpr::FloorDiv(a, b) => {
                let (a, b) = (a.eval(dims, syms)?, b.eval(dims, syms)?);
                if b == 0 {
                    return None;
                }
                let q = a.checked_div(b)?;
                if (a % b != 0) && ((a < 0) != (b < 0)) {
                    q - 1
                } else {
                    q
                }
            }
            AffineExpr::CeilDiv(a, b) => {
                let (a, b) = (a.eval(dims, syms)?, b.eval(dims, syms)?);
                if b == 0 {
                    return None;
                }
                let q = a.checked_div(b)?;
                if (a % b != 0) && ((a < 0) == (b < 0)) {
                    q + 1
                } else {
                    q
                }
            }
        })
    }

    /// The largest dimension and symbol positions used, plus one (`(num_dims, num_syms)`).
    pub fn max_positions(&self) -> (u32, u32) {
        match self {
            AffineExpr::Dim(i) => (i + 1, 0),
            AffineExpr::Symbol(i) => (0, i + 1),
            AffineExpr::Const(_) => (0, 0),
            AffineExpr::Add(a, b)
            | AffineExpr::Mul(a, b)
            | AffineExpr::Mod(a, b)
            | AffineExpr::FloorDiv(a, b)
            | AffineExpr::CeilDiv(a, b) => {
                let (ad, as_) = a.max_positions();
                let (bd, bs) = b.max_positions();
                (ad.max(bd), as_.max(bs))
            }
        }
    }
}

/// `affine_map<(d0, ..)[s0, ..] -> (exprs)>`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct AffineMap {
    /// Number of dimensions.
    pub num_dims: u32,
    /// Number of symbols.
    pub num_symbols: u32,
    /// Result expressions.
    pub results: Vec<AffineExpr>,
}

impl AffineMap {
    /// The identity map on `n` dimensions.
    pub fn identity(n: u32) -> Self {
        AffineMap {
            num_dims: n,
            num_symbols: 0,
            results: (0..n).map(AffineExpr::Dim).collect(),
        }
    }
    /// Whether the map is `(d0, .., dn) -> (d0, .., dn)`.
    pub fn is_identity(&self) -> bool {
        self.num_symbols == 0
            && self.results.len() == self.num_dims as usize
            && self
                .results
                .iter()
                .enumerate()
                .all(|(i, e)| *e == AffineExpr::Dim(i as u32))
    }
    /// Evaluate all results.
    pub fn eval(&self, dims: &[i64], syms: &[i64]) -> Option<Vec<i64>> {
        self.results.iter().map(|e| e.eval(dims, syms)).collect()
    }
}

/// One constraint of an integer set: `expr >= 0` or `expr == 0`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct AffineConstraint {
    /// The expression.
    pub expr: AffineExpr,
    /// `true` for `== 0`, `false` for `>= 0`.
    pub is_eq: bool,
}

/// `affine_set<(d0)[s0] : (d0 - s0 >= 0, d0 == 0)>`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct IntegerSet {
    /// Number of dimensions.
    pub num_dims: u32,
    /// Number of symbols.
    pub num_symbols: u32,
    /// Constraints (conjunction).
    pub constraints: Vec<AffineConstraint>,
}
