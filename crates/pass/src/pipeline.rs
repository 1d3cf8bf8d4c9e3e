//! Pass pipelines: [`OpPassManager`] (a list of passes and nested pipelines anchored on an op
//! name) and its textual form, MLIR's syntax:
//! `builtin.module(func.func(cse,canonicalize{max-iterations=10 test-convergence=true}))`.

use crate::pass::{lookup, Pass, PassOptions};

/// One element of a pipeline.
pub enum Element {
    /// A pass.
    Pass(Box<dyn Pass>),
    /// A nested pipeline run on the isolated ops directly inside the current op.
    Nested(OpPassManager),
}

/// A pipeline anchored on an op name (or `any`).
pub struct OpPassManager {
    /// The op name this pipeline runs on, or `any`.
    pub anchor: String,
    /// Its passes and nested pipelines, in order.
    pub elements: Vec<Element>,
}

impl std::fmt::Debug for OpPassManager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OpPassManager({})", self.to_text())
    }
}

impl OpPassManager {
    /// An empty pipeline anchored on `anchor`.
    pub fn new(anchor: &str) -> Self {
        OpPassManager {
            anchor: anchor.to_string(),
            elements: Vec::new(),
        }
    }
    /// Append a pass; fails when the pass is restricted to another op than this pipeline's
    /// anchor (MLIR's "did you intend to nest?").
    pub fn add_pass(&mut self, pass: Box<dyn Pass>) -> Result<(), String> {
        let info = pass.info();
        if let Some(a) = info.anchor {
            if a != self.anchor {
                return Err(format!(
                    "can't add pass '{}' restricted to '{a}' on a PassManager intended to run on '{}', did you intend to nest?",
                    info.name, self.anchor
                ));
            }
        }
        self.elements.push(Element::Pass(pass));
        Ok(())
    }
    /// Append a nested pipeline anchored on `anchor` and return it.
    pub fn nest(&mut self, anchor: &str) -> &mut OpPassManager {
        self.elements
            .push(Element::Nested(OpPassManager::new(anchor)));
        match self.elements.last_mut() {
            Some(Element::Nested(pm)) => pm,
            _ => unreachable!("a nested pipeline was pushed just above"),
        }
    }
    /// Whether there is nothing to run.
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }
    /// The textual form (`builtin.module(func.func(cse))`).
    pub fn to_text(&self) -> String {
        let inner: Vec<String> = self
            .elements
            .iter()
            .map(|e| match e {
                Element::Pass(p) => p.pipeline_text(),
                Element::Nested(pm) => pm.to_text(),
            })
            .collect();
        format!("{}({})", self.anchor, inner.join(","))
    }
}

/// A pipeline syntax error at byte offset `pos` of the pipeline text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PipelineError {
    /// Byte offset of the offending character.
    pub pos: usize,
    /// What is wrong.
    pub message: String,
}

impl PipelineError {
    /// Render as `mlir-opt` does: the message, the pipeline text, and a caret.
    pub fn render(&self, text: &str) -> String {
        let col = text[..self.pos.min(text.len())].chars().count();
        format!(
            "<Pass-Pipeline>:1:{}: error: {}\n{}\n{}^\n",
            col + 1,
            self.message,
            text,
            " ".repeat(col)
        )
    }
}

struct Parser<'s> {
    s: &'s str,
    pos: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 64;

impl<'s> Parser<'s> {
    fn err<T>(&self, pos: usize, message: impl Into<String>) -> Result<T, PipelineError> {
        Err(PipelineError {
            pos,
            message: message.into(),
        })
    }
    fn skip_ws(&mut self) {
        while self.s[self.pos..].starts_with(|c: char| c.is_whitespace()) {
            self.pos += 1;
        }
    }
    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }
    fn name(&mut self) -> Result<(usize, &'s str), PipelineError> {
        self.skip_ws();
        let start = self.pos;
        while self.s[self.pos..]
            .starts_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '$'))
        {
            self.pos += 1;
        }
        if self.pos == start {
            return match self.peek() {
                Some(c) => self.err(
                    start,
                    format!("expected pass or pipeline name, found '{c}'"),
                ),
                None => self.err(start, "expected pass or pipeline name"),
            };
        }
        Ok((start, &self.s[start..self.pos]))
    }
    fn options(&mut self) -> Result<Vec<(String, String)>, PipelineError> {
        // At '{'.
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                Some('}') => {
                    self.pos += 1;
                    return Ok(out);
                }
                None => return self.err(self.pos, "expected '}' to end the pass options"),
                _ => {}
            }
            let start = self.pos;
            while self.s[self.pos..]
                .starts_with(|c: char| !c.is_whitespace() && c != '=' && c != '}' && c != '{')
            {
                self.pos += 1;
            }
            if self.pos == start {
                return self.err(start, "expected an option name");
            }
            let key = self.s[start..self.pos].to_string();
            let mut value = "true".to_string();
            if self.peek() == Some('=') {
                self.pos += 1;
                value = self.option_value()?;
            }
            out.push((key, value));
        }
    }
    fn option_value(&mut self) -> Result<String, PipelineError> {
        let start = self.pos;
        match self.peek() {
            Some('"') => {
                self.pos += 1;
                let mut v = String::new();
                loop {
                    match self.peek() {
                        None => return self.err(start, "unterminated string in pass option"),
                        Some('"') => {
                            self.pos += 1;
                            return Ok(v);
                        }
                        Some('\\') if self.s[self.pos + 1..].starts_with('"') => {
                            v.push('"');
                            self.pos += 2;
                        }
                        Some(c) => {
                            v.push(c);
                            self.pos += c.len_utf8();
                        }
                    }
                }
            }
            Some('{') => {
                let mut depth = 0usize;
                loop {
                    match self.peek() {
                        None => return self.err(start, "unbalanced '{' in pass option value"),
                        Some(c) => {
                            self.pos += c.len_utf8();
                            if c == '{' {
                                depth += 1;
                            } else if c == '}' {
                                depth -= 1;
                                if depth == 0 {
                                    return Ok(self.s[start + 1..self.pos - 1].to_string());
                                }
                            }
                        }
                    }
                }
            }
            _ => {
                while self.s[self.pos..].starts_with(|c: char| !c.is_whitespace() && c != '}') {
                    self.pos += 1;
                }
                Ok(self.s[start..self.pos].to_string())
            }
        }
    }
    /// Parse a comma-separated list of elements into `pm`, up to (not including) `)` or end.
    fn elements(&mut self, pm: &mut OpPassManager) -> Result<(), PipelineError> {
        self.skip_ws();
        if matches!(self.peek(), Some(')') | None) {
            return Ok(());
        }
        loop {
            let (start, name) = self.name()?;
            self.skip_ws();
            match self.peek() {
                Some('(') => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return self.err(start, "pipeline nesting limit exceeded");
                    }
                    self.pos += 1;
                    let mut sub = OpPassManager::new(name);
                    self.elements(&mut sub)?;
                    self.skip_ws();
                    if self.peek() != Some(')') {
                        return self.err(self.pos, "expected ')' to end the nested pipeline");
                    }
                    self.pos += 1;
                    self.depth -= 1;
                    pm.elements.push(Element::Nested(sub));
                }
                _ => {
                    let Some(info) = lookup(name) else {
                        return self.err(
                            start,
                            format!(
                                "'{name}' does not refer to a registered pass or pass pipeline"
                            ),
                        );
                    };
                    let opts = if self.peek() == Some('{') {
                        self.options()?
                    } else {
                        Vec::new()
                    };
                    let parsed = PassOptions::parse(info.options, &opts).or_else(|e| {
                        self.err(start, format!("invalid options for pass '{name}': {e}"))
                    })?;
                    let pass = (info.create)(&parsed).or_else(|e| {
                        self.err(start, format!("failed to create pass '{name}': {e}"))
                    })?;
                    if let Err(e) = pm.add_pass(pass) {
                        return self.err(start, e);
                    }
                }
            }
            self.skip_ws();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(')') | None => return Ok(()),
                Some(c) => {
                    return self.err(
                        self.pos,
                        format!("expected ',' or ')' in pipeline, found '{c}'"),
                    )
                }
            }
        }
    }
}

/// Parse a textual pipeline. `builtin.module(cse)` gives a pipeline anchored on
/// `builtin.module`; a bare list `cse,canonicalize` is anchored on `default_anchor`.
pub fn parse_pipeline(text: &str, default_anchor: &str) -> Result<OpPassManager, PipelineError> {
    let mut p = Parser {
        s: text,
        pos: 0,
        depth: 0,
    };
    let mut root = OpPassManager::new(default_anchor);
    p.elements(&mut root)?;
    p.skip_ws();
    if let Some(c) = p.peek() {
        return p.err(p.pos, format!("unexpected '{c}' after the pipeline"));
    }
    // `anchor(...)` alone at the top level is the root pipeline itself.
    if root.elements.len() == 1 {
        if let Some(Element::Nested(_)) = root.elements.first() {
            if let Some(Element::Nested(pm)) = root.elements.pop() {
                return Ok(pm);
            }
        }
    }
    Ok(root)
}
