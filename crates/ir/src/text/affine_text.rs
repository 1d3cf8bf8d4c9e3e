//! Affine expressions in the text format: MLIR's simplifying constructors (the parser builds
//! expressions through them, so `s0 - d0 - 9` becomes `-d0 + s0 - 9` exactly as in
//! `mlir-opt`), and the printer (`printAffineExprInternal`, with its `-` and `- c * x`
//! pretty forms).

use crate::affine::{AffineExpr, AffineMap, IntegerSet};

type E = AffineExpr;

fn bx(e: E) -> Box<E> {
    Box::new(e)
}

fn cst(e: &E) -> Option<i64> {
    match e {
        E::Const(c) => Some(*c),
        _ => None,
    }
}

/// Rebuild `e` bottom-up through the simplifying constructors, as MLIR's uniquing
/// constructors do, so that IR built programmatically is the IR its printed form parses to.
pub(crate) fn simplify(e: &E) -> E {
    match e {
        E::Dim(_) | E::Symbol(_) | E::Const(_) => e.clone(),
        E::Add(a, b) => add(simplify(a), simplify(b)),
        E::Mul(a, b) => mul(simplify(a), simplify(b)),
        E::Mod(a, b) => modulo_expr(simplify(a), simplify(b)),
        E::FloorDiv(a, b) => floordiv(simplify(a), simplify(b)),
        E::CeilDiv(a, b) => ceildiv(simplify(a), simplify(b)),
    }
}

/// Whether `e` only uses symbols and constants.
pub(crate) fn is_symbolic_or_constant(e: &E) -> bool {
    match e {
        E::Const(_) | E::Symbol(_) => true,
        E::Dim(_) => false,
        E::Add(a, b) | E::Mul(a, b) | E::Mod(a, b) | E::FloorDiv(a, b) | E::CeilDiv(a, b) => {
            is_symbolic_or_constant(a) && is_symbolic_or_constant(b)
        }
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    // `std::gcd((uint64_t)a, (uint64_t)b)` as MLIR computes it.
    let (mut a, mut b) = (a as u64, b as u64);
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a as i64
}

fn largest_known_divisor(e: &E) -> i64 {
    match e {
        E::Dim(_) | E::Symbol(_) => 1,
        // MLIR 22: a constant divisor dividing the LHS's known divisor gives the quotient.
        E::CeilDiv(l, r) | E::FloorDiv(l, r) => match cst(r) {
            Some(rc) if rc != 0 => {
                let ld = largest_known_divisor(l);
                if ld.wrapping_rem(rc) == 0 {
                    ld.wrapping_div(rc).wrapping_abs()
                } else {
                    1
                }
            }
            _ => 1,
        },
        // MLIR computes with plain (wrapping) `int64_t` arithmetic.
        E::Const(c) => c.wrapping_abs(),
        E::Mul(a, b) => largest_known_divisor(a).wrapping_mul(largest_known_divisor(b)),
        E::Add(a, b) | E::Mod(a, b) => gcd(largest_known_divisor(a), largest_known_divisor(b)),
    }
}

fn floor_div(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    Some(if a % b != 0 && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    })
}
fn ceil_div(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    Some(if a % b != 0 && ((a < 0) == (b < 0)) {
        q + 1
    } else {
        q
    })
}
fn modulo(a: i64, b: i64) -> Option<i64> {
    a.checked_rem_euclid(b)
}

/// MLIR 22 orders the operands of a commutative op on two dimensions (or two symbols) by
/// position (`d1 + d0` is built as `d0 + d1`).
fn out_of_order(lhs: &E, rhs: &E) -> bool {
    match (lhs, rhs) {
        (E::Dim(a), E::Dim(b)) | (E::Symbol(a), E::Symbol(b)) => a > b,
        _ => false,
    }
}

/// `lhs + rhs`, simplified as MLIR's `AffineExpr::operator+`.
pub(crate) fn add(lhs: E, rhs: E) -> E {
    match simplify_add(lhs, rhs) {
        Ok(e) => e,
        Err((l, r)) => {
            if out_of_order(&l, &r) {
                E::Add(bx(r), bx(l))
            } else {
                E::Add(bx(l), bx(r))
            }
        }
    }
}

/// MLIR's `simplifyAdd`: `Err` gives the operands back when nothing simplifies.
fn simplify_add(lhs: E, rhs: E) -> Result<E, (E, E)> {
    if let (Some(a), Some(b)) = (cst(&lhs), cst(&rhs)) {
        if let Some(s) = a.checked_add(b) {
            return Ok(E::Const(s));
        }
        return Err((lhs, rhs));
    }
    if matches!(lhs, E::Const(_))
        || (is_symbolic_or_constant(&lhs) && !is_symbolic_or_constant(&rhs))
    {
        return Ok(add(rhs, lhs));
    }
    if cst(&rhs) == Some(0) {
        return Ok(lhs);
    }
    // (d0 + 2) + 3 -> d0 + 5
    if let (E::Add(ll, lr), Some(rc)) = (&lhs, cst(&rhs)) {
        if let Some(lc) = cst(lr) {
            // MLIR folds successive constants with wrapping arithmetic.
            return Ok(add((**ll).clone(), E::Const(lc.wrapping_add(rc))));
        }
    }
    // c1 * x + c2 * x -> (c1 + c2) * x
    let (c1, first) = match &lhs {
        E::Mul(a, b) if cst(b).is_some() => (cst(b).unwrap_or(1), &**a),
        _ => (1, &lhs),
    };
    let (c2, second) = match &rhs {
        E::Mul(a, b) if cst(b).is_some() => (cst(b).unwrap_or(1), &**a),
        _ => (1, &rhs),
    };
    if first == second {
        // MLIR adds the coefficients with wrapping arithmetic.
        return Ok(mul(first.clone(), E::Const(c1.wrapping_add(c2))));
    }
    // (d0 + 2) + d1 -> (d0 + d1) + 2
    if let E::Add(ll, lr) = &lhs {
        if let Some(lc) = cst(lr) {
            return Ok(add(add((**ll).clone(), rhs), E::Const(lc)));
        }
    }
    // expr + (expr floordiv q) * -q -> expr mod q
    if let E::Mul(rl, rr) = &rhs {
        if cst(rr) == Some(-1) {
            if let E::Mul(a, q) = &**rl {
                if let E::FloorDiv(x, q2) = &**a {
                    if q2 == q && **x == lhs {
                        return Ok(modulo_expr(lhs, (**q).clone()));
                    }
                }
            }
        }
        if let E::FloorDiv(x, q) = &**rl {
            if let (Some(qc), Some(m)) = (cst(q), cst(rr)) {
                if qc > 0 && **x == lhs && Some(m) == qc.checked_neg() {
                    return Ok(modulo_expr(lhs, (**q).clone()));
                }
            }
        }
        // (a + b) + (x floordiv q) * y -> a + (b + (x floordiv q) * y) when the latter
        // simplifies (MLIR 22: `(s0 + s1) + (s1 floordiv 4) * -4` is `s0 + s1 mod 4`).
        if let (E::Add(ll, lr), E::FloorDiv(..)) = (&lhs, &**rl) {
            if let Ok(s) = simplify_add((**lr).clone(), rhs.clone()) {
                return Ok(add((**ll).clone(), s));
            }
        }
    }
    Err((lhs, rhs))
}

/// `lhs * rhs`, simplified as MLIR's `AffineExpr::operator*`.
pub(crate) fn mul(lhs: E, rhs: E) -> E {
    if let (Some(a), Some(b)) = (cst(&lhs), cst(&rhs)) {
        if let Some(p) = a.checked_mul(b) {
            return E::Const(p);
        }
        return E::Mul(bx(lhs), bx(rhs));
    }
    if out_of_order(&lhs, &rhs) {
        return E::Mul(bx(rhs), bx(lhs));
    }
    if !is_symbolic_or_constant(&rhs) || matches!(lhs, E::Const(_)) {
        if is_symbolic_or_constant(&lhs) {
            return mul(rhs, lhs);
        }
        return E::Mul(bx(lhs), bx(rhs));
    }
    if let Some(rc) = cst(&rhs) {
        if rc == 1 {
            return lhs;
        }
        if rc == 0 {
            return rhs;
        }
    }
    // (d0 * 2) * 3 -> d0 * 6
    if let (E::Mul(ll, lr), Some(rc)) = (&lhs, cst(&rhs)) {
        if let Some(lc) = cst(lr) {
            // MLIR folds successive constants with wrapping arithmetic.
            return mul((**ll).clone(), E::Const(lc.wrapping_mul(rc)));
        }
    }
    // (d0 * 2) * d1 -> (d0 * d1) * 2
    if let E::Mul(ll, lr) = &lhs {
        if let Some(lc) = cst(lr) {
            return mul(mul((**ll).clone(), rhs), E::Const(lc));
        }
    }
    E::Mul(bx(lhs), bx(rhs))
}

/// `-e` (`e * -1`).
pub(crate) fn neg(e: E) -> E {
    mul(e, E::Const(-1))
}

/// `lhs - rhs` (`lhs + rhs * -1`).
pub(crate) fn sub(lhs: E, rhs: E) -> E {
    add(lhs, neg(rhs))
}

/// `lhs floordiv rhs`, simplified.
pub(crate) fn floordiv(lhs: E, rhs: E) -> E {
    // Division by zero is kept as is; negative divisors fold (MLIR 22).
    let Some(rc) = cst(&rhs).filter(|&c| c != 0) else {
        return E::FloorDiv(bx(lhs), bx(rhs));
    };
    if let Some(lc) = cst(&lhs) {
        if let Some(q) = floor_div(lc, rc) {
            return E::Const(q);
        }
    }
    if rc == 1 {
        return lhs;
    }
    if let E::Mul(ll, lr) = &lhs {
        if let Some(lc) = cst(lr) {
            if lc.checked_rem(rc) == Some(0) {
                if let Some(q) = lc.checked_div(rc) {
                    return mul((**ll).clone(), E::Const(q));
                }
            }
        }
    }
    if let E::Add(ll, lr) = &lhs {
        let a = largest_known_divisor(ll);
        let b = largest_known_divisor(lr);
        if a.checked_rem(rc) == Some(0) || b.checked_rem(rc) == Some(0) {
            return add(
                floordiv((**ll).clone(), E::Const(rc)),
                floordiv((**lr).clone(), E::Const(rc)),
            );
        }
    }
    E::FloorDiv(bx(lhs), bx(rhs))
}

/// `lhs ceildiv rhs`, simplified.
pub(crate) fn ceildiv(lhs: E, rhs: E) -> E {
    let Some(rc) = cst(&rhs).filter(|&c| c != 0) else {
        return E::CeilDiv(bx(lhs), bx(rhs));
    };
    if let Some(lc) = cst(&lhs) {
        if let Some(q) = ceil_div(lc, rc) {
            return E::Const(q);
        }
    }
    if rc == 1 {
        return lhs;
    }
    if let E::Mul(ll, lr) = &lhs {
        if let Some(lc) = cst(lr) {
            if lc.checked_rem(rc) == Some(0) {
                if let Some(q) = lc.checked_div(rc) {
                    return mul((**ll).clone(), E::Const(q));
                }
            }
        }
    }
    E::CeilDiv(bx(lhs), bx(rhs))
}

/// `lhs mod rhs`, simplified.
pub(crate) fn modulo_expr(lhs: E, rhs: E) -> E {
    let Some(rc) = cst(&rhs).filter(|&c| c >= 1) else {
        return E::Mod(bx(lhs), bx(rhs));
    };
    if let Some(lc) = cst(&lhs) {
        if let Some(m) = modulo(lc, rc) {
            return E::Const(m);
        }
    }
    if largest_known_divisor(&lhs) % rc == 0 {
        return E::Const(0);
    }
    if let E::Add(ll, lr) = &lhs {
        if largest_known_divisor(ll) % rc == 0 {
            return modulo_expr((**lr).clone(), E::Const(rc));
        }
        if largest_known_divisor(lr) % rc == 0 {
            return modulo_expr((**ll).clone(), E::Const(rc));
        }
    }
    if let E::Mod(ll, lr) = &lhs {
        if let Some(ic) = cst(lr) {
            if ic >= 1 && modulo(ic, rc) == Some(0) {
                return modulo_expr((**ll).clone(), E::Const(rc));
            }
        }
    }
    E::Mod(bx(lhs), bx(rhs))
}

/// Whether the expression tree is deeper than `limit`.
pub(crate) fn deeper_than(e: &E, limit: usize) -> bool {
    if limit == 0 {
        return true;
    }
    match e {
        E::Const(_) | E::Dim(_) | E::Symbol(_) => false,
        E::Add(a, b) | E::Mul(a, b) | E::Mod(a, b) | E::FloorDiv(a, b) | E::CeilDiv(a, b) => {
            deeper_than(a, limit - 1) || deeper_than(b, limit - 1)
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Strength {
    Weak,
    Strong,
}

/// Print an affine expression as MLIR does.
pub(crate) fn print_expr(e: &E, out: &mut String) {
    print_expr_in(e, Strength::Weak, out)
}

fn print_expr_in(e: &E, enclosing: Strength, out: &mut String) {
    use std::fmt::Write as _;
    let (op, lhs, rhs) = match e {
        E::Symbol(i) => {
            let _ = write!(out, "s{i}");
            return;
        }
        E::Dim(i) => {
            let _ = write!(out, "d{i}");
            return;
        }
        E::Const(c) => {
            let _ = write!(out, "{c}");
            return;
        }
        E::Add(a, b) => (" + ", a, b),
        E::Mul(a, b) => (" * ", a, b),
        E::FloorDiv(a, b) => (" floordiv ", a, b),
        E::CeilDiv(a, b) => (" ceildiv ", a, b),
        E::Mod(a, b) => (" mod ", a, b),
    };
    let strong = enclosing == Strength::Strong;
    if !matches!(e, E::Add(..)) {
        if strong {
            out.push('(');
        }
        if matches!(e, E::Mul(..)) && cst(rhs) == Some(-1) {
            out.push('-');
            print_expr_in(lhs, Strength::Strong, out);
            if strong {
                out.push(')');
            }
            return;
        }
        print_expr_in(lhs, Strength::Strong, out);
        out.push_str(op);
        print_expr_in(rhs, Strength::Strong, out);
        if strong {
            out.push(')');
        }
        return;
    }
    if strong {
        out.push('(');
    }
    if let E::Mul(rl, rr) = &**rhs {
        if let Some(rrc) = cst(rr) {
            if rrc == -1 {
                print_expr_in(lhs, Strength::Weak, out);
                out.push_str(" - ");
                if matches!(**rl, E::Add(..)) {
                    print_expr_in(rl, Strength::Strong, out);
                } else {
                    print_expr_in(rl, Strength::Weak, out);
                }
                if strong {
                    out.push(')');
                }
                return;
            }
            if rrc < -1 {
                print_expr_in(lhs, Strength::Weak, out);
                out.push_str(" - ");
                print_expr_in(rl, Strength::Strong, out);
                let _ = write!(out, " * {}", rrc.wrapping_neg());
                if strong {
                    out.push(')');
                }
                return;
            }
        }
    }
    if let Some(c) = cst(rhs) {
        if c < 0 {
            print_expr_in(lhs, Strength::Weak, out);
            let _ = write!(out, " - {}", c.wrapping_neg());
            if strong {
                out.push(')');
            }
            return;
        }
    }
    print_expr_in(lhs, Strength::Weak, out);
    out.push_str(" + ");
    print_expr_in(rhs, Strength::Weak, out);
    if strong {
        out.push(')');
    }
}

fn print_dims_syms(num_dims: u32, num_symbols: u32, out: &mut String) {
    use std::fmt::Write as _;
    out.push('(');
    for i in 0..num_dims {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "d{i}");
    }
    out.push(')');
    if num_symbols != 0 {
        out.push('[');
        for i in 0..num_symbols {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "s{i}");
        }
        out.push(']');
    }
}

/// Print the body of an affine map (`(d0)[s0] -> (d0 + s0)`).
pub(crate) fn print_map(m: &AffineMap, out: &mut String) {
    print_dims_syms(m.num_dims, m.num_symbols, out);
    out.push_str(" -> (");
    for (i, e) in m.results.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        print_expr(e, out);
    }
    out.push(')');
}

/// Print the body of an integer set (`(d0) : (d0 - 1 >= 0)`).
pub(crate) fn print_set(s: &IntegerSet, out: &mut String) {
    print_dims_syms(s.num_dims, s.num_symbols, out);
    out.push_str(" : (");
    for (i, c) in s.constraints.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        print_expr(&c.expr, out);
        out.push_str(if c.is_eq { " == 0" } else { " >= 0" });
    }
    out.push(')');
}
