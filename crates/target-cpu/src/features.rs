//! Host CPU features, detected at run time (`is_x86_feature_detected!` on x86-64, NEON on
//! aarch64), overridable by a spec's `features=+a,-b` list, and the compiler flags they imply.

/// The features this target knows, per architecture: (feature, `-m` flag).
pub const X86_FEATURES: &[(&str, &str)] = &[
    ("sse4.2", "-msse4.2"),
    ("avx", "-mavx"),
    ("avx2", "-mavx2"),
    ("fma", "-mfma"),
    ("avx512f", "-mavx512f"),
];

/// The aarch64 features this target knows.
pub const AARCH64_FEATURES: &[&str] = &["neon"];

/// The features known on the architecture this binary runs on.
pub fn known() -> Vec<&'static str> {
    if cfg!(target_arch = "x86_64") {
        X86_FEATURES.iter().map(|(f, _)| *f).collect()
    } else if cfg!(target_arch = "aarch64") {
        AARCH64_FEATURES.to_vec()
    } else {
        Vec::new()
    }
}

/// The features of the host, sorted.
pub fn detect() -> Vec<String> {
    #[allow(unused_mut)]
    let mut out: Vec<String> = Vec::new();
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("sse4.2") {
            out.push("sse4.2".into());
        }
        if std::arch::is_x86_feature_detected!("avx") {
            out.push("avx".into());
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            out.push("avx2".into());
        }
        if std::arch::is_x86_feature_detected!("fma") {
            out.push("fma".into());
        }
        if std::arch::is_x86_feature_detected!("avx512f") {
            out.push("avx512f".into());
        }
    }
    #[cfg(target_arch = "aarch64")]
    {
        if std::arch::is_aarch64_feature_detected!("neon") {
            out.push("neon".into());
        }
    }
    out.sort();
    out
}

/// Apply a `+a,-b` list to `base`. Errors name the unknown feature or malformed item.
pub fn apply(base: &[String], list: &str) -> Result<Vec<String>, String> {
    let known = known();
    let mut out: Vec<String> = base.to_vec();
    for item in list.split(',').filter(|s| !s.is_empty()) {
        let (on, name) = match item.as_bytes()[0] {
            b'+' => (true, &item[1..]),
            b'-' => (false, &item[1..]),
            _ => return Err(format!("feature '{item}' must start with '+' or '-'")),
        };
        if !known.contains(&name) {
            return Err(format!(
                "unknown feature '{name}' (known on {}: {})",
                std::env::consts::ARCH,
                known.join(", ")
            ));
        }
        out.retain(|f| f != name);
        if on {
            out.push(name.to_string());
        }
    }
    out.sort();
    Ok(out)
}

/// The `-m` flags for a feature set: on x86-64 the baseline plus each enabled feature and
/// `-mno-` for each disabled one (so the compiler never uses an instruction the set lacks).
pub fn march_flags(features: &[String]) -> Vec<String> {
    let mut flags = Vec::new();
    if cfg!(target_arch = "x86_64") {
        flags.push("-march=x86-64".to_string());
        for (f, flag) in X86_FEATURES {
            if features.iter().any(|x| x == f) {
                flags.push(flag.to_string());
            } else {
                flags.push(flag.replacen("-m", "-mno-", 1));
            }
        }
    } else if cfg!(target_arch = "aarch64") && !features.iter().any(|f| f == "neon") {
        flags.push("-mgeneral-regs-only".to_string());
    }
    flags
}

/// Vector register widths in bits for a feature set, per element type.
pub fn vector_bits(features: &[String]) -> Vec<(&'static str, u32)> {
    let has = |f: &str| features.iter().any(|x| x == f);
    let bits = if has("avx512f") {
        512
    } else if has("avx") || has("avx2") {
        256
    } else if cfg!(target_arch = "x86_64") || has("neon") {
        128
    } else {
        0
    };
    // Integer vectors need AVX2 at 256 bits.
    let ibits = if bits == 256 && !has("avx2") {
        128
    } else {
        bits
    };
    if bits == 0 {
        return Vec::new();
    }
    vec![
        ("f32", bits),
        ("f64", bits),
        ("i8", ibits),
        ("i16", ibits),
        ("i32", ibits),
        ("i64", ibits),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_lists_apply_and_reject_unknown_names() {
        let known = known();
        if let Some(&f) = known.first() {
            let on = apply(&[], &format!("+{f}")).unwrap();
            assert_eq!(on, vec![f.to_string()]);
            let off = apply(&on, &format!("-{f}")).unwrap();
            assert!(off.is_empty());
        }
        assert!(apply(&[], "+nonsense")
            .unwrap_err()
            .contains("unknown feature"));
        assert!(apply(&[], "avx").unwrap_err().contains("must start"));
    }

    #[test]
    fn detected_features_are_known() {
        let known = known();
        for f in detect() {
            assert!(known.contains(&f.as_str()), "{f}");
        }
    }
}
