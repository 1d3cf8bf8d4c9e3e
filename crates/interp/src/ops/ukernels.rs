//! Semantics of the micro-kernel intrinsics that targets call through `hw.intrinsic`
//! (the cpu target's `cpu-ukernels` lowering rule creates them from structured ops on
//! buffers):
//!
//! * `strata.batch_matmul_acc(A, B, C)` with optional unit attributes `transpose_a` and
//!   `transpose_b`: `C[b.., i, j] += sum_k A[b.., i, k] * B[b.., k, j]` (`A[b.., k, i]`,
//!   `B[b.., j, k]` when transposed). `C` has rank 2 or more; the batch dims of `A` and `B`
//!   are aligned to the right of `C`'s and are equal to them, 1 (broadcast) or missing.
//! * `strata.conv2d_nchw_acc(I, W, O)` with `strides` and `dilations` (two each):
//!   `O[n, f, y, x] += sum_{c, p, q} I[n, c, y * sh + p * dh, x * sw + q * dw] * W[f, c, p, q]`
//!   on a padded input.
//!
//! Each output element accumulates from its current value in increasing reduction order
//! (`k`; or `c`, then `p`, then `q`), each product and sum rounded as `arith.mulf` and
//! `arith.addf` round (`arith.muli`/`arith.addi` on integers). Compiled code may fuse the
//! multiply-add (one rounding instead of two); it keeps the order.

use super::hw::{buffer, call};
use super::loop_ops::{MemArg, MemOut};
use super::OpCx;
use crate::buffer::Buffer;
use crate::error::{bail, ensure, Result};

pub use strata_dialect_hw::parallel::{BATCH_MATMUL_ACC, CONV2D_NCHW_ACC};

/// Run the micro-kernel intrinsic `name`, or `None` when it is not one of them.
pub(super) fn run(cx: &OpCx<'_>, name: &str, args: &[MemArg<'_>]) -> Option<Result<Vec<MemOut>>> {
    match name {
        BATCH_MATMUL_ACC => Some(batch_matmul(cx, args)),
        CONV2D_NCHW_ACC => Some(conv2d(cx, args)),
        _ => None,
    }
}

fn ops_for(b: &Buffer) -> (&'static str, &'static str) {
    if b.dtype().is_float() {
        ("arith.mulf", "arith.addf")
    } else {
        ("arith.muli", "arith.addi")
    }
}

/// The index into an operand of rank `rank` of the batch position `cb` of `C` (whose batch
/// dims are `cbatch`): right-aligned, size-1 dims read index 0.
fn batch_index(b: &Buffer, cb: &[usize]) -> Vec<i64> {
    let rank = b.sizes().len();
    let nb = rank - 2;
    let off = cb.len() - nb;
    (0..nb)
        .map(|d| {
            if b.sizes()[d] == 1 {
                0
            } else {
                cb[off + d] as i64
            }
        })
        .collect()
}

fn batch_matmul(cx: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    ensure!(args.len() == 3, "'{BATCH_MATMUL_ACC}' takes 3 buffers");
    let (a, b, c) = (buffer(args, 0)?, buffer(args, 1)?, buffer(args, 2)?);
    let (ta, tb) = (
        cx.attr("transpose_a").is_some(),
        cx.attr("transpose_b").is_some(),
    );
    let (sa, sb, sc) = (a.sizes(), b.sizes(), c.sizes());
    let r = sc.len();
    ensure!(
        r >= 2 && (2..=r).contains(&sa.len()) && (2..=r).contains(&sb.len()),
        "'{BATCH_MATMUL_ACC}' takes buffers of rank 2 or more, A and B no larger than C"
    );
    ensure!(
        a.dtype() == c.dtype() && b.dtype() == c.dtype(),
        "'{BATCH_MATMUL_ACC}' takes buffers of one element type"
    );
    let (m, n) = (sc[r - 2], sc[r - 1]);
    let (am, k) = if ta {
        (sa[sa.len() - 1], sa[sa.len() - 2])
    } else {
        (sa[sa.len() - 2], sa[sa.len() - 1])
    };
    let (bk, bn) = if tb {
        (sb[sb.len() - 1], sb[sb.len() - 2])
    } else {
        (sb[sb.len() - 2], sb[sb.len() - 1])
    };
    ensure!(
        am == m && bk == k && bn == n,
        "'{BATCH_MATMUL_ACC}' shapes do not agree: A {sa:?}, B {sb:?}, C {sc:?}"
    );
    let cbatch = &sc[..r - 2];
    for (x, name) in [(sa, "A"), (sb, "B")] {
        let nb = x.len() - 2;
        for d in 0..nb {
            let cd = cbatch[cbatch.len() - nb + d];
            ensure!(
                x[d] == cd || x[d] == 1,
                "'{BATCH_MATMUL_ACC}' batch dim {d} of {name} is {} where C has {cd}",
                x[d]
            );
        }
    }
    let batches: usize = cbatch.iter().product();
    cx.work(&[batches, m, n, k])?;
    let (mul, add) = ops_for(c);
    let mut cb = vec![0usize; cbatch.len()];
    for _ in 0..batches {
        let (ia, ib) = (batch_index(a, &cb), batch_index(b, &cb));
        let ic: Vec<i64> = cb.iter().map(|&x| x as i64).collect();
        let at = |base: &[i64], x: i64, y: i64| -> Vec<i64> {
            let mut v = base.to_vec();
            v.extend([x, y]);
            v
        };
        for i in 0..m as i64 {
            for j in 0..n as i64 {
                let mut acc = c.load(&at(&ic, i, j))?;
                for p in 0..k as i64 {
                    let x = a.load(&if ta { at(&ia, p, i) } else { at(&ia, i, p) })?;
                    let y = b.load(&if tb { at(&ib, j, p) } else { at(&ib, p, j) })?;
                    let prod = call(cx, mul, &[&x, &y])?;
                    acc = call(cx, add, &[&acc, &prod])?;
                }
                c.store(&acc, &at(&ic, i, j))?;
            }
        }
        // Next batch position, row-major.
        for d in (0..cb.len()).rev() {
            cb[d] += 1;
            if cb[d] < cbatch[d] {
                break;
            }
            cb[d] = 0;
        }
    }
    Ok(Vec::new())
}

fn pair(cx: &OpCx<'_>, name: &str) -> Result<[usize; 2]> {
    match cx.ints(name)?.as_deref() {
        Some([a, b]) if *a > 0 && *b > 0 => Ok([*a as usize, *b as usize]),
        Some(v) => bail!("'{CONV2D_NCHW_ACC}' needs two positive '{name}', got {v:?}"),
        None => bail!("'{CONV2D_NCHW_ACC}' needs attribute '{name}'"),
    }
}

fn conv2d(cx: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    ensure!(args.len() == 3, "'{CONV2D_NCHW_ACC}' takes 3 buffers");
    let (x, w, o) = (buffer(args, 0)?, buffer(args, 1)?, buffer(args, 2)?);
    let (s, d) = (pair(cx, "strides")?, pair(cx, "dilations")?);
    let (sx, sw, so) = (x.sizes(), w.sizes(), o.sizes());
    ensure!(
        sx.len() == 4 && sw.len() == 4 && so.len() == 4,
        "'{CONV2D_NCHW_ACC}' takes 4-D buffers"
    );
    let (n, c, h, wd) = (sx[0], sx[1], sx[2], sx[3]);
    let (f, kh, kw) = (sw[0], sw[2], sw[3]);
    let (oh, ow) = (so[2], so[3]);
    ensure!(
        sw[1] == c && so[0] == n && so[1] == f && kh > 0 && kw > 0,
        "'{CONV2D_NCHW_ACC}' shapes do not agree: input {sx:?}, filter {sw:?}, output {so:?}"
    );
    ensure!(
        oh == 0 || (oh - 1) * s[0] + (kh - 1) * d[0] < h,
        "'{CONV2D_NCHW_ACC}' windows leave the input: input {sx:?}, output {so:?}"
    );
    ensure!(
        ow == 0 || (ow - 1) * s[1] + (kw - 1) * d[1] < wd,
        "'{CONV2D_NCHW_ACC}' windows leave the input: input {sx:?}, output {so:?}"
    );
    cx.work(&[n, f, oh, ow, c, kh, kw])?;
    let (mul, add) = ops_for(o);
    for ni in 0..n as i64 {
        for fi in 0..f as i64 {
            for y in 0..oh as i64 {
                for xx in 0..ow as i64 {
                    let mut acc = o.load(&[ni, fi, y, xx])?;
                    for ci in 0..c as i64 {
                        for p in 0..kh as i64 {
                            for q in 0..kw as i64 {
                                let iy = y * s[0] as i64 + p * d[0] as i64;
                                let ix = xx * s[1] as i64 + q * d[1] as i64;
                                let a = x.load(&[ni, ci, iy, ix])?;
                                let b = w.load(&[fi, ci, p, q])?;
                                let prod = call(cx, mul, &[&a, &b])?;
                                acc = call(cx, add, &[&acc, &prod])?;
                            }
                        }
                    }
                    o.store(&acc, &[ni, fi, y, xx])?;
                }
            }
        }
    }
    Ok(Vec::new())
}
