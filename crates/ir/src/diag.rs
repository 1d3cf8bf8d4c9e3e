//! Diagnostics: located errors, warnings, remarks and notes, rendered like `mlir-opt`
//! (`file:line:col: error: message`, then the source line and a caret).

use crate::{Context, Location};
use std::fmt::Write as _;

/// How serious a diagnostic is.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Severity {
    /// A note attached to another diagnostic.
    Note,
    /// A remark.
    Remark,
    /// A warning.
    Warning,
    /// An error.
    Error,
}

impl Severity {
    /// The word used when rendering.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Remark => "remark",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A diagnostic with a location and optional notes.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Diagnostic {
    /// Severity.
    pub severity: Severity,
    /// Where it applies.
    pub loc: Location,
    /// The message.
    pub message: String,
    /// Attached notes.
    pub notes: Vec<Diagnostic>,
}

impl Diagnostic {
    /// An error at `loc`.
    pub fn error(loc: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            loc,
            message: message.into(),
            notes: Vec::new(),
        }
    }
    /// A warning at `loc`.
    pub fn warning(loc: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(loc, message)
        }
    }
    /// A remark at `loc`.
    pub fn remark(loc: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Remark,
            ..Self::error(loc, message)
        }
    }
    /// Attach a note.
    pub fn with_note(mut self, loc: Location, message: impl Into<String>) -> Self {
        self.notes.push(Diagnostic {
            severity: Severity::Note,
            loc,
            message: message.into(),
            notes: Vec::new(),
        });
        self
    }
}

/// Source texts by file name, for rendering the offending line under a diagnostic.
#[derive(Default, Debug, Clone)]
pub struct SourceMap {
    files: Vec<(String, std::sync::Arc<str>)>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }
    /// Register `text` under `name`.
    pub fn add(&mut self, name: &str, text: std::sync::Arc<str>) {
        self.files.push((name.to_string(), text));
    }
    fn line(&self, name: &str, line: u32) -> Option<&str> {
        let (_, text) = self.files.iter().rev().find(|(n, _)| n == name)?;
        text.split('\n').nth(line.checked_sub(1)? as usize)
    }
}

/// Render a diagnostic (and its notes) as `mlir-opt` does.
pub fn render(ctx: &Context, sources: &SourceMap, d: &Diagnostic) -> String {
    let mut out = String::new();
    render_one(ctx, sources, d, &mut out);
    for n in &d.notes {
        render_one(ctx, sources, n, &mut out);
    }
    out
}

fn render_one(ctx: &Context, sources: &SourceMap, d: &Diagnostic, out: &mut String) {
    match ctx.loc_file_line_col(d.loc) {
        Some((file, line, col)) => {
            let _ = writeln!(
                out,
                "{file}:{line}:{col}: {}: {}",
                d.severity.word(),
                d.message
            );
            if let Some(text) = sources.line(file, line) {
                let text = text.trim_end_matches('\r');
                let _ = writeln!(out, "{text}");
                let caret_col = (col as usize).saturating_sub(1).min(text.len());
                let pad: String = text[..text.floor_char_boundary_compat(caret_col)]
                    .chars()
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(out, "{pad}^");
            }
        }
        None => {
            let _ = writeln!(out, "loc(unknown): {}: {}", d.severity.word(), d.message);
        }
    }
}

trait FloorCharBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorCharBoundary for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        if i >= self.len() {
            return self.len();
        }
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}
