//! Crash reproducers in MLIR's format: the input IR followed by an `external_resources`
//! section holding the pipeline and flags, replayable with `strata opt --run-reproducer FILE`.
//!
//! ```text
//! {-#
//!   external_resources: {
//!     mlir_reproducer: {
//!       pipeline: "builtin.module(func.func(cse))",
//!       disable_threading: true,
//!       verify_each: true
//!     }
//!   }
//! #-}
//! ```

/// A loaded reproducer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reproducer {
    /// The IR text (without the reproducer section).
    pub ir: String,
    /// The pipeline to run.
    pub pipeline: String,
    /// Whether to verify after each pass.
    pub verify_each: bool,
    /// Whether threading was disabled.
    pub disable_threading: bool,
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The reproducer text for `ir` (printed IR) and `pipeline`.
pub fn render(ir: &str, pipeline: &str, verify_each: bool) -> String {
    let mut out = ir.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&format!(
        "{{-#\n  external_resources: {{\n    mlir_reproducer: {{\n      pipeline: \"{}\",\n      disable_threading: true,\n      verify_each: {}\n    }}\n  }}\n#-}}\n",
        escape(pipeline),
        verify_each
    ));
    out
}

/// Split a reproducer file into its IR and its recorded pipeline and flags.
pub fn load(text: &str) -> Result<Reproducer, String> {
    let Some(key_pos) = text.rfind("mlir_reproducer") else {
        return Err("no 'mlir_reproducer' entry found in an external_resources section".into());
    };
    let Some(start) = text[..key_pos].rfind("{-#") else {
        return Err("the 'mlir_reproducer' entry is not inside a '{-# ... #-}' section".into());
    };
    let Some(end_rel) = text[key_pos..].find("#-}") else {
        return Err("unterminated '{-#' section in reproducer".into());
    };
    let section = &text[start..key_pos + end_rel];
    let pipeline = field_string(section, "pipeline")
        .ok_or_else(|| "the reproducer does not record a 'pipeline'".to_string())?;
    let flag = |name: &str| field_bare(section, name).is_some_and(|v| v == "true");
    let mut ir = text[..start].to_string();
    let rest = &text[key_pos + end_rel + 3..];
    ir.push_str(rest.strip_prefix('\n').unwrap_or(rest));
    Ok(Reproducer {
        ir,
        pipeline,
        verify_each: field_bare(section, "verify_each").is_none_or(|v| v == "true"),
        disable_threading: flag("disable_threading"),
    })
}

fn field_string(section: &str, name: &str) -> Option<String> {
    let at = section.find(&format!("{name}:"))? + name.len() + 1;
    let rest = section[at..].trim_start();
    let rest = rest.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => out.push(chars.next()?),
            c => out.push(c),
        }
    }
    None
}

fn field_bare<'a>(section: &'a str, name: &str) -> Option<&'a str> {
    let at = section.find(&format!("{name}:"))? + name.len() + 1;
    let rest = section[at..].trim_start();
    let end = rest.find([',', '\n', '}']).unwrap_or(rest.len());
    Some(rest[..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_then_load_round_trips() {
        let text = render(
            "module {\n}\n",
            "builtin.module(func.func(cse,canonicalize{a=\"x y\"}))",
            true,
        );
        let r = load(&text).expect("loads");
        assert_eq!(r.ir, "module {\n}\n");
        assert_eq!(
            r.pipeline,
            "builtin.module(func.func(cse,canonicalize{a=\"x y\"}))"
        );
        assert!(r.verify_each && r.disable_threading);
    }

    #[test]
    fn missing_section_is_an_error() {
        assert!(load("module {}").is_err());
        assert!(
            load("{-# external_resources: { mlir_reproducer: { verify_each: true } } #-}").is_err()
        );
    }
}
