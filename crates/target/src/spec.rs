//! Target specs: `name` or `name{key=value,...}`, as given to `--target`.
//!
//! Options are separated by commas (or spaces). A value runs to the next separator; an item
//! without `=` that starts with `+` or `-` continues the previous option's value, so feature
//! lists read naturally: `cpu{features=+avx2,-avx512f,threads=4}` has `features =
//! "+avx2,-avx512f"` and `threads = "4"`. Errors carry the byte offset in the spec.

use std::fmt;

/// A parsed target spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetSpec {
    /// The target name.
    pub name: String,
    /// The options in the order given (a key appears at most once).
    pub options: Vec<(String, String)>,
    /// Byte offset in the spec text of each option's key (for located errors).
    pub offsets: Vec<usize>,
    /// The spec text.
    pub text: String,
}

/// A spec error at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    /// The spec text.
    pub text: String,
    /// Byte offset of the error.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl SpecError {
    /// An error at `offset` of `text`.
    pub fn new(text: &str, offset: usize, message: impl Into<String>) -> Self {
        SpecError {
            text: text.to_string(),
            offset: offset.min(text.len()),
            message: message.into(),
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let col = self.text[..self.offset].chars().count();
        write!(
            f,
            "target spec '{}' at column {}: {}\n  {}\n  {}^",
            self.text,
            col + 1,
            self.message,
            self.text,
            " ".repeat(col)
        )
    }
}

impl std::error::Error for SpecError {}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'
}

impl TargetSpec {
    /// Parse `text`.
    pub fn parse(text: &str) -> Result<TargetSpec, SpecError> {
        let err = |at: usize, m: &str| SpecError::new(text, at, m);
        let name_end = text.find(|c: char| !is_name_char(c)).unwrap_or(text.len());
        if name_end == 0 {
            return Err(err(0, "expected a target name"));
        }
        let name = text[..name_end].to_string();
        let mut spec = TargetSpec {
            name,
            options: Vec::new(),
            offsets: Vec::new(),
            text: text.to_string(),
        };
        let rest = &text[name_end..];
        if rest.is_empty() {
            return Ok(spec);
        }
        if !rest.starts_with('{') {
            return Err(err(name_end, "expected '{' or the end of the spec"));
        }
        let Some(close) = rest.find('}') else {
            return Err(err(text.len(), "expected '}' to close the options"));
        };
        if name_end + close + 1 != text.len() {
            return Err(err(name_end + close + 1, "unexpected text after '}'"));
        }
        let body_start = name_end + 1;
        let body = &text[body_start..name_end + close];
        let mut pos = 0;
        while pos < body.len() {
            let c = body[pos..]
                .chars()
                .next()
                .expect("pos < len: a char follows");
            if c == ',' || c.is_whitespace() {
                pos += c.len_utf8();
                continue;
            }
            let end = body[pos..]
                .find(|c: char| c == ',' || c.is_whitespace())
                .map_or(body.len(), |e| pos + e);
            let item = &body[pos..end];
            let at = body_start + pos;
            match item.split_once('=') {
                Some((key, value)) => {
                    if key.is_empty() || !key.chars().all(is_name_char) {
                        return Err(err(at, "expected an option name before '='"));
                    }
                    if value.is_empty() {
                        return Err(err(at + key.len() + 1, "expected a value after '='"));
                    }
                    if spec.options.iter().any(|(k, _)| k == key) {
                        return Err(err(at, &format!("option '{key}' given twice")));
                    }
                    spec.options.push((key.to_string(), value.to_string()));
                    spec.offsets.push(at);
                }
                None if item.starts_with('+') || item.starts_with('-') => {
                    let Some(last) = spec.options.last_mut() else {
                        return Err(err(at, "a '+'/'-' item must follow an option's value"));
                    };
                    last.1.push(',');
                    last.1.push_str(item);
                }
                None => return Err(err(at, &format!("expected 'key=value', got '{item}'"))),
            }
            pos = end;
        }
        Ok(spec)
    }

    /// The value of option `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// An error at option `key` (or at the name when absent).
    pub fn error_at(&self, key: &str, message: impl Into<String>) -> SpecError {
        let at = self
            .options
            .iter()
            .position(|(k, _)| k == key)
            .map_or(0, |i| self.offsets[i]);
        SpecError::new(&self.text, at, message)
    }

    /// Check that every option is one of `known`.
    pub fn check_known(&self, known: &[&str]) -> Result<(), SpecError> {
        for (i, (k, _)) in self.options.iter().enumerate() {
            if !known.contains(&k.as_str()) {
                return Err(SpecError::new(
                    &self.text,
                    self.offsets[i],
                    format!(
                        "unknown option '{k}' of target '{}' (known: {})",
                        self.name,
                        known.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_options_and_feature_lists() {
        let s = TargetSpec::parse("cpu").unwrap();
        assert_eq!((s.name.as_str(), s.options.len()), ("cpu", 0));
        let s = TargetSpec::parse("cpu{}").unwrap();
        assert!(s.options.is_empty());
        let s = TargetSpec::parse("cpu{features=+avx2,-avx512f, threads=3}").unwrap();
        assert_eq!(s.get("features"), Some("+avx2,-avx512f"));
        assert_eq!(s.get("threads"), Some("3"));
        assert_eq!(s.offsets, vec![4, 29]);
    }

    #[test]
    fn errors_are_located() {
        for (text, offset, msg) in [
            ("", 0, "expected a target name"),
            ("{a=1}", 0, "expected a target name"),
            ("cpu[", 3, "expected '{'"),
            ("cpu{a=1", 7, "expected '}'"),
            ("cpu{a=1}x", 8, "unexpected text"),
            ("cpu{=1}", 4, "expected an option name"),
            ("cpu{a=}", 6, "expected a value"),
            ("cpu{a=1,a=2}", 8, "given twice"),
            ("cpu{+avx}", 4, "must follow"),
            ("cpu{avx}", 4, "expected 'key=value'"),
        ] {
            let e = TargetSpec::parse(text).unwrap_err();
            assert_eq!(e.offset, offset, "{text}: {e}");
            assert!(e.message.contains(msg), "{text}: {e}");
            // Display never panics and points at the column.
            assert!(e.to_string().contains('^'));
        }
        let s = TargetSpec::parse("cpu{a=1,bogus=2}").unwrap();
        let e = s.check_known(&["a"]).unwrap_err();
        assert_eq!(e.offset, 8);
        assert!(e.message.contains("unknown option 'bogus'"));
    }

    #[test]
    fn non_ascii_text_does_not_panic() {
        for text in ["cpü", "cpu{é=1}", "cpu{a=é,+ü}", "cpu{a=1,\u{3000}b=2}"] {
            let _ = TargetSpec::parse(text).map_err(|e| e.to_string());
        }
    }
}
