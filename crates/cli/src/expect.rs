//! `--verify-diagnostics`: check produced diagnostics against comments in the input, as
//! `mlir-opt` does.
//!
//! ```mlir
//! // expected-error @+1 {{unknown operation}}
//! "foo.bar"() : () -> ()
//! ```
//!
//! A comment `expected-KIND[-re] [@LOC] {{MESSAGE}}` (KIND: `error`, `warning`, `note`,
//! `remark`) expects a diagnostic of that severity whose message contains MESSAGE (with `-re`,
//! MESSAGE is literal text with `{{regex}}` parts), located at:
//!
//! * no `@LOC`: the comment's own line;
//! * `@+N` / `@-N`: N lines below / above the comment;
//! * `@above` / `@below`: the nearest line above / below that is not itself an
//!   `expected-*` comment;
//! * `@unknown`: a diagnostic without a file location.
//!
//! Every produced diagnostic (and each attached note) must match an expectation of the same
//! line and message, else `unexpected error: MESSAGE` is reported at its location (or a
//! "diagnostic emitted when expecting a ..." message when only the severity differs); every
//! expectation must be matched by at least one diagnostic, else `expected error "MESSAGE" was
//! not produced` is reported at the comment.

use crate::split::Chunk;
use regex::Regex;
use std::sync::OnceLock;
use strata::ir::diag::{self, SourceMap};
use strata::ir::{Context, Diagnostic, Severity};

/// One `expected-*` comment.
#[derive(Clone, Debug)]
pub struct Expectation {
    /// The expected severity.
    pub severity: Severity,
    /// The line the diagnostic must be on; `None` for `@unknown`.
    pub line: Option<u32>,
    /// The comment's own line.
    pub comment_line: u32,
    /// 1-based column of `expected-` in the comment line.
    pub comment_col: u32,
    /// The text between `{{` and `}}`.
    pub message: String,
    regex: Option<Regex>,
    matched: bool,
}

impl Expectation {
    fn matches(&self, msg: &str) -> bool {
        match &self.regex {
            Some(re) => re.is_match(msg),
            None => msg.contains(&self.message),
        }
    }
}

fn expected_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"expected-(error|note|remark|warning)(-re)? *(@([+-][0-9]+|above|below|unknown))? *\{\{(.*)\}\}$",
        )
        .expect("valid regex")
    })
}

/// Build the matcher of an `expected-*-re` message: literal text with `{{regex}}` parts.
fn message_regex(msg: &str) -> Result<Regex, String> {
    let mut pattern = String::new();
    let mut rest = msg;
    while let Some(open) = rest.find("{{") {
        pattern.push_str(&regex::escape(&rest[..open]));
        let after = &rest[open + 2..];
        let close = after
            .find("}}")
            .ok_or_else(|| "found start of regex with no end '}}'".to_string())?;
        pattern.push('(');
        pattern.push_str(&after[..close]);
        pattern.push(')');
        rest = &after[close + 2..];
    }
    pattern.push_str(&regex::escape(rest));
    Regex::new(&pattern).map_err(|e| format!("invalid regex: {e}"))
}

/// Parse the `expected-*` comments of `chunk`. Malformed ones are returned as errors
/// `(line, col, message)`.
pub fn parse_expectations(chunk: &Chunk<'_>) -> (Vec<Expectation>, Vec<(u32, u32, String)>) {
    let text = String::from_utf8_lossy(chunk.text);
    let mut out: Vec<Expectation> = Vec::new();
    let mut errors = Vec::new();
    let mut last_plain_line: Option<u32> = None;
    let mut waiting_for_next_line: Vec<usize> = Vec::new();
    for (i, line_text) in text.split('\n').enumerate() {
        let line = chunk.first_line + i as u32;
        let Some(caps) = expected_re().captures(line_text.trim_end()) else {
            for idx in waiting_for_next_line.drain(..) {
                out[idx].line = Some(line);
            }
            last_plain_line = Some(line);
            continue;
        };
        let whole = caps.get(0).expect("group 0");
        let severity = match &caps[1] {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "note" => Severity::Note,
            _ => Severity::Remark,
        };
        let comment_col = whole.start() as u32 + 1;
        let message = caps[5].to_string();
        let regex = if caps.get(2).is_some() {
            match message_regex(&message) {
                Ok(re) => Some(re),
                Err(e) => {
                    errors.push((line, comment_col, e));
                    continue;
                }
            }
        } else {
            None
        };
        let mut target = Some(line);
        let mut below = false;
        if let Some(loc) = caps.get(4) {
            match loc.as_str() {
                "unknown" => target = None,
                "above" => match last_plain_line {
                    Some(l) => target = Some(l),
                    None => {
                        errors.push((line, comment_col, "no line above to apply @above to".into()));
                        continue;
                    }
                },
                "below" => below = true,
                off => {
                    let n: i64 = off[1..].parse().unwrap_or(i64::MAX);
                    let t = if off.starts_with('+') {
                        line as i64 + n
                    } else {
                        line as i64 - n
                    };
                    if t < 1 || t > u32::MAX as i64 {
                        errors.push((
                            line,
                            comment_col,
                            format!("line offset @{off} is out of the file"),
                        ));
                        continue;
                    }
                    target = Some(t as u32);
                }
            }
        }
        if below {
            waiting_for_next_line.push(out.len());
        }
        out.push(Expectation {
            severity,
            line: target,
            comment_line: line,
            comment_col,
            message,
            regex,
            matched: false,
        });
    }
    // `@below` with no line below: it stays on its own line and will not match.
    (out, errors)
}

/// Matches the diagnostics of one chunk against its expectations.
pub struct Checker<'c> {
    ctx: &'c Context,
    input_name: String,
    expected: Vec<Expectation>,
    /// Errors to report, in order.
    reports: Vec<(Diagnostic, usize)>,
}

/// What [`Checker::finish`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Whether every diagnostic was expected and every expectation met.
    pub ok: bool,
    /// The rendered mismatches.
    pub stderr: String,
}

impl<'c> Checker<'c> {
    /// Read the expectations of `chunk` of the input named `input_name`.
    pub fn new(ctx: &'c Context, input_name: &str, chunk: &Chunk<'_>) -> Self {
        let (expected, errors) = parse_expectations(chunk);
        let reports = errors
            .into_iter()
            .map(|(line, col, msg)| {
                (
                    Diagnostic::error(ctx.file_loc(input_name, line, col), msg),
                    0,
                )
            })
            .collect();
        Checker {
            ctx,
            input_name: input_name.to_string(),
            expected,
            reports,
        }
    }

    /// Match a produced diagnostic and each of its notes.
    pub fn process(&mut self, d: &Diagnostic) {
        self.process_one(d);
        for n in &d.notes {
            self.process_one(n);
        }
    }

    fn process_one(&mut self, d: &Diagnostic) {
        let line = match self.ctx.loc_file_line_col(d.loc) {
            Some((file, line, _)) if file == self.input_name => Some(line),
            Some(_) => {
                self.unexpected(d);
                return;
            }
            None => None,
        };
        let mut near_miss = None;
        for (i, e) in self.expected.iter_mut().enumerate() {
            if e.line == line && e.matches(&d.message) {
                if e.severity == d.severity {
                    e.matched = true;
                    return;
                }
                near_miss = Some(i);
            }
        }
        match near_miss {
            Some(i) => {
                let e = &self.expected[i];
                let loc = self
                    .ctx
                    .file_loc(&self.input_name, e.comment_line, e.comment_col);
                let msg = format!(
                    "'{}' diagnostic emitted when expecting a '{}'",
                    d.severity.word(),
                    e.severity.word()
                );
                self.reports.push((Diagnostic::error(loc, msg), 0));
            }
            None => self.unexpected(d),
        }
    }

    fn unexpected(&mut self, d: &Diagnostic) {
        let msg = format!("unexpected {}: {}", d.severity.word(), d.message);
        self.reports.push((Diagnostic::error(d.loc, msg), 0));
    }

    /// Report expectations that were not met and render everything.
    pub fn finish(mut self, sources: &SourceMap) -> Report {
        for e in &self.expected {
            if e.matched {
                continue;
            }
            let loc = self
                .ctx
                .file_loc(&self.input_name, e.comment_line, e.comment_col);
            let msg = format!(
                "expected {} \"{}\" was not produced",
                e.severity.word(),
                e.message
            );
            self.reports.push((
                Diagnostic::error(loc, msg),
                e.message.len().saturating_sub(1),
            ));
        }
        let mut stderr = String::new();
        for (d, range) in &self.reports {
            let mut text = diag::render(self.ctx, sources, d);
            // Underline the expected message like mlir-opt does: `^~~~~`.
            if *range > 0 && text.ends_with("^\n") {
                text.pop();
                text.push_str(&"~".repeat(*range));
                text.push('\n');
            }
            stderr.push_str(&text);
        }
        Report {
            ok: self.reports.is_empty(),
            stderr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exps(src: &str) -> Vec<(Severity, Option<u32>, String)> {
        let (e, errs) = parse_expectations(&Chunk {
            text: src.as_bytes(),
            first_line: 1,
        });
        assert!(errs.is_empty(), "{errs:?}");
        e.into_iter()
            .map(|e| (e.severity, e.line, e.message))
            .collect()
    }

    #[test]
    fn designators() {
        let src = "op1\n\
                   // expected-error @+1 {{a}}\n\
                   op3 // expected-warning {{b}}\n\
                   // expected-note@-2 {{c}}\n\
                   // expected-remark @above {{d}}\n\
                   // expected-error @below {{e}}\n\
                   // expected-error @below {{f}}\n\
                   op8\n\
                   // expected-error @unknown {{g {{h}} }}\n";
        assert_eq!(
            exps(src),
            [
                (Severity::Error, Some(3), "a".to_string()),
                (Severity::Warning, Some(3), "b".to_string()),
                (Severity::Note, Some(2), "c".to_string()),
                (Severity::Remark, Some(1), "d".to_string()),
                (Severity::Error, Some(8), "e".to_string()),
                (Severity::Error, Some(8), "f".to_string()),
                (Severity::Error, None, "g {{h}} ".to_string()),
            ]
        );
    }

    #[test]
    fn regex_messages() {
        let re = message_regex("op {{[a-z]+}} has {{[0-9]+}} results (bad)").unwrap();
        assert!(re.is_match("'foo' op xyz has 12 results (bad)"));
        assert!(!re.is_match("op xyz has 12 results bad"));
        assert!(message_regex("{{(").is_err());
    }

    #[test]
    fn matching_and_reporting() {
        let ctx = Context::new();
        let src = "x\n// expected-error @-1 {{boom}}\ny // expected-error {{never}}\n";
        let chunk = Chunk {
            text: src.as_bytes(),
            first_line: 1,
        };
        let mut sources = SourceMap::new();
        sources.add("t.mlir", src.into());
        let mut c = Checker::new(&ctx, "t.mlir", &chunk);
        c.process(&Diagnostic::error(
            ctx.file_loc("t.mlir", 1, 1),
            "it went boom here",
        ));
        c.process(&Diagnostic::warning(
            ctx.file_loc("t.mlir", 3, 1),
            "surprise",
        ));
        let r = c.finish(&sources);
        assert!(!r.ok);
        assert_eq!(
            r.stderr,
            "t.mlir:3:1: error: unexpected warning: surprise\n\
             y // expected-error {{never}}\n\
             ^\n\
             t.mlir:3:6: error: expected error \"never\" was not produced\n\
             y // expected-error {{never}}\n     ^~~~~\n"
        );
    }

    #[test]
    fn severity_near_miss() {
        let ctx = Context::new();
        let src = "x // expected-error {{boom}}\n";
        let chunk = Chunk {
            text: src.as_bytes(),
            first_line: 1,
        };
        let mut c = Checker::new(&ctx, "t.mlir", &chunk);
        c.process(&Diagnostic::warning(ctx.file_loc("t.mlir", 1, 1), "boom"));
        let r = c.finish(&SourceMap::new());
        assert_eq!(
            r.stderr,
            "t.mlir:1:6: error: 'warning' diagnostic emitted when expecting a 'error'\n\
             t.mlir:1:6: error: expected error \"boom\" was not produced\n"
        );
    }
}
