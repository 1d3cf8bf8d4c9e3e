//! C emission of `hw.intrinsic` calls of the cpu target's micro-kernels (`ukernels.h`):
//! `strata.batch_matmul_acc` and `strata.conv2d_nchw_acc` on f32 buffers with static shapes
//! and strides (the semantics are in the interpreter, `crates/interp/src/ops/ukernels.rs`).
//! Each call fills a parameter struct from the buffers' static strides and hands its units
//! of work to the runtime's workers (serially inside an outlined parallel body).

use super::types::{CTy, MemTy, Scalar};
use super::{vname, FnEmitter};
use strata_ir::{AttrKind, Diagnostic, Op};

pub use strata_dialect_hw::parallel::{BATCH_MATMUL_ACC, CONV2D_NCHW_ACC};
/// The C source of the micro-kernels, added to a unit that calls one.
pub const UKERNELS: &str = include_str!("../ukernels.h");

pub(crate) fn emit(e: &mut FnEmitter<'_, '_>, op: Op, name: &str) -> Result<(), Diagnostic> {
    if name != "hw.intrinsic" {
        return Err(e.error(op, "is not supported"));
    }
    let r = e.opref(op);
    let iname = match r.attr("name").map(|a| e.ctx().attr_kind(a)) {
        Some(AttrKind::String { value, .. }) => String::from_utf8_lossy(value).into_owned(),
        _ => return Err(e.error(op, "has no string 'name'")),
    };
    let bufs: Vec<(String, MemTy)> = e
        .body
        .operands(op)
        .map(|v| match e.cty(op, v)? {
            CTy::Mem(m) if m.elem == Scalar::F32 => Ok((vname(v), m)),
            _ => Err(e.error(op, format_args!("'{iname}' takes f32 buffers"))),
        })
        .collect::<Result<_, _>>()?;
    if bufs.len() != 3 {
        return Err(e.error(op, format_args!("'{iname}' takes 3 buffers")));
    }
    let rt = if e.in_parallel { "NULL" } else { "rt" };
    let p = e.tmp("uk");
    match iname.as_str() {
        BATCH_MATMUL_ACC => {
            let ta = r.attr("transpose_a").is_some();
            let tb = r.attr("transpose_b").is_some();
            let fields = batch_matmul_fields(&bufs, ta, tb).map_err(|m| e.error(op, m))?;
            e.line(format!("strata_uk_bmm {p} = {{ {fields} }};"));
            e.line(format!(
                "if (*err == 0) {{ int32_t e_ = strata_uk_batch_matmul(&{p}, {rt}); if (e_) strata_set_err(err, e_); }}"
            ));
        }
        CONV2D_NCHW_ACC => {
            let ints = |n: &str| -> Result<[i64; 2], Diagnostic> {
                let a = r
                    .attr(n)
                    .ok_or_else(|| e.error(op, format_args!("needs '{n}'")))?;
                match strata_dialect_tensor::util::i64_array(e.ctx(), a).as_deref() {
                    Some([x, y]) if *x > 0 && *y > 0 => Ok([*x, *y]),
                    _ => Err(e.error(op, format_args!("'{n}' must be two positive integers"))),
                }
            };
            let (s, d) = (ints("strides")?, ints("dilations")?);
            let fields = conv_fields(&bufs, s, d).map_err(|m| e.error(op, m))?;
            e.line(format!("strata_uk_conv {p} = {{ {fields} }};"));
            e.line(format!(
                "if (*err == 0) {{ int32_t e_ = strata_uk_conv2d_nchw(&{p}, {rt}); if (e_) strata_set_err(err, e_); }}"
            ));
        }
        _ => {
            return Err(e.error(
                op,
                format_args!("calls intrinsic '{iname}', which the cpu target does not have"),
            ))
        }
    }
    Ok(())
}

fn list(v: &[i64]) -> String {
    let mut s: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    if s.is_empty() {
        s.push("0".into());
    }
    format!("{{{}}}", s.join(", "))
}

/// The initialiser of a `strata_uk_bmm`, checking the shapes.
fn batch_matmul_fields(b: &[(String, MemTy)], ta: bool, tb: bool) -> Result<String, String> {
    let (a, bm, c) = (&b[0].1, &b[1].1, &b[2].1);
    let r = c.shape.len();
    if r < 2 || !(2..=r).contains(&a.shape.len()) || !(2..=r).contains(&bm.shape.len()) || r - 2 > 6
    {
        return Err(
            "'strata.batch_matmul_acc' takes buffers of rank 2 to 8, A and B no larger than C"
                .into(),
        );
    }
    let last2 = |t: &MemTy, tr: bool| {
        let n = t.shape.len();
        let (r0, r1) = (n - 2, n - 1);
        if tr {
            (t.shape[r1], t.shape[r0], t.strides[r1], t.strides[r0])
        } else {
            (t.shape[r0], t.shape[r1], t.strides[r0], t.strides[r1])
        }
    };
    // A as (m, k) with strides (a_rs, a_cs); B as (k, n).
    let (m, k, a_rs, a_cs) = last2(a, ta);
    let (bk, n, b_rs, b_cs) = last2(bm, tb);
    let (cm, cn) = (c.shape[r - 2], c.shape[r - 1]);
    if m != cm || k != bk || n != cn {
        return Err(format!(
            "shapes do not agree: A {:?}, B {:?}, C {:?}",
            a.shape, bm.shape, c.shape
        ));
    }
    if c.strides[r - 1] != 1 && n > 1 {
        return Err("needs C with unit stride along its last dim".into());
    }
    let nb = r - 2;
    let bshape = &c.shape[..nb];
    let batch_strides = |t: &MemTy| -> Result<Vec<i64>, String> {
        let tb = t.shape.len() - 2;
        (0..nb)
            .map(|d| {
                if d + tb < nb {
                    return Ok(0);
                }
                let td = d + tb - nb;
                match t.shape[td] {
                    1 => Ok(0),
                    s if s == bshape[d] => Ok(t.strides[td]),
                    s => Err(format!(
                        "batch dim {td} of an operand is {s} where C has {}",
                        bshape[d]
                    )),
                }
            })
            .collect()
    };
    let (a_bs, b_bs) = (batch_strides(a)?, batch_strides(bm)?);
    let c_bs = c.strides[..nb].to_vec();
    Ok(format!(
        "{}, {}, {}, {m}, {n}, {k}, {a_rs}, {a_cs}, {b_rs}, {b_cs}, {}, {nb}, {}, {}, {}, {}, 0, 0",
        b[0].0,
        b[1].0,
        b[2].0,
        c.strides[r - 2],
        list(bshape),
        list(&a_bs),
        list(&b_bs),
        list(&c_bs)
    ))
}

/// The initialiser of a `strata_uk_conv`, checking the shapes and layouts.
fn conv_fields(b: &[(String, MemTy)], s: [i64; 2], d: [i64; 2]) -> Result<String, String> {
    let (x, w, o) = (&b[0].1, &b[1].1, &b[2].1);
    if x.shape.len() != 4 || w.shape.len() != 4 || o.shape.len() != 4 {
        return Err("'strata.conv2d_nchw_acc' takes 4-D buffers".into());
    }
    let (n, c) = (x.shape[0], x.shape[1]);
    let (f, kh, kw) = (w.shape[0], w.shape[2], w.shape[3]);
    let (oh, ow) = (o.shape[2], o.shape[3]);
    if w.shape[1] != c || o.shape[0] != n || o.shape[1] != f {
        return Err(format!(
            "shapes do not agree: input {:?}, filter {:?}, output {:?}",
            x.shape, w.shape, o.shape
        ));
    }
    let fits = |out: i64, k: i64, st: i64, dl: i64, size: i64| {
        out == 0 || (out - 1) * st + (k - 1) * dl < size
    };
    if !fits(oh, kh, s[0], d[0], x.shape[2]) || !fits(ow, kw, s[1], d[1], x.shape[3]) {
        return Err("windows leave the input".into());
    }
    let w_contig = w.strides[3] == 1 && w.strides[2] == kw && w.strides[1] == kh * kw;
    let o_contig = o.strides[3] == 1 && o.strides[2] == ow;
    if !w_contig || !o_contig {
        return Err("needs a contiguous filter and output planes".into());
    }
    Ok(format!(
        "{}, {}, {}, {n}, {c}, {f}, {kh}, {kw}, {oh}, {ow}, {}, {}, {}, {}, {}, {}, {}, 0, 0",
        b[0].0,
        b[1].0,
        b[2].0,
        s[0],
        s[1],
        d[0],
        d[1],
        list(&x.strides),
        list(&w.strides),
        list(&o.strides)
    ))
}
