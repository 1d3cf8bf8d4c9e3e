//! The rule text syntax: tokens and a recursive-descent parser (with a nesting limit) into an
//! untyped syntax tree, which [`super::compile`] checks against a context.
//!
//! ```text
//! rule     := side ("=>" | "<=>") side clause*
//! clause   := "if" expr ("," expr)*  |  "where" var "=" expr ("," var "=" expr)*
//! side     := pattern  |  var "=" pattern ("," var "=" pattern)*      (multi-root)
//! pattern  := var  |  "{" dictionary "}"  |  "(" op-name pattern* ")"  |  "(" "get" INT pattern ")"
//! expr     := term (("==" | "!=" | "<" | "<=" | ">" | ">=") term)?
//! term     := var | INT | FLOAT | STRING | "true" | "false" | "{" dictionary "}" | IDENT "(" expr,* ")"
//! ```
//!
//! Op names are the `.mlir` names (`graph.transpose`); a `{...}` literal is an MLIR
//! dictionary attribute in the text format; variables are `?name`.

use std::fmt;

/// Deepest nesting of parentheses a rule may use.
pub const MAX_NESTING: usize = 64;

/// A parse error with its byte offset in the rule text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset.
    pub pos: usize,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at offset {}: {}", self.pos, self.message)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    LParen,
    RParen,
    Comma,
    Eq,
    Arrow,
    BiArrow,
    Cmp(&'static str),
    Var(String),
    Ident(String),
    Int(i64),
    Float(f64),
    Str(String),
    Dict(String),
}

/// A pattern tree.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Pat {
    Var(String),
    Dict(String),
    Op(String, Vec<Pat>),
    Get(u32, Box<Pat>),
}

/// An expression tree.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Expr {
    Var(String),
    Int(i64),
    Float(f64),
    Str(String),
    Bool(bool),
    Dict(String),
    Call(String, Vec<Expr>),
}

/// One side of a rule.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Side {
    Single(Pat),
    Multi(Vec<(String, Pat)>),
}

/// A parsed rule.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RuleAst {
    pub lhs: Side,
    pub rhs: Side,
    pub bidirectional: bool,
    pub conds: Vec<Expr>,
    pub bindings: Vec<(String, Expr)>,
}

fn err<T>(pos: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        pos,
        message: message.into(),
    })
}

/// The end (exclusive) of the balanced `{...}` starting at `start`, skipping strings.
pub(crate) fn balanced_end(s: &str, start: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

pub(crate) fn tokenize(s: &str) -> Result<Vec<(usize, Tok)>, ParseError> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'(' => {
                out.push((start, Tok::LParen));
                i += 1;
            }
            b')' => {
                out.push((start, Tok::RParen));
                i += 1;
            }
            b',' => {
                out.push((start, Tok::Comma));
                i += 1;
            }
            b'{' => {
                let Some(end) = balanced_end(s, i) else {
                    return err(i, "unbalanced '{'");
                };
                out.push((start, Tok::Dict(s[i..end].to_string())));
                i = end;
            }
            b'"' => {
                let mut j = i + 1;
                let mut text = String::new();
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' && j + 1 < b.len() {
                        j += 1;
                    }
                    text.push(b[j] as char);
                    j += 1;
                }
                if j >= b.len() {
                    return err(i, "unterminated string");
                }
                out.push((start, Tok::Str(text)));
                i = j + 1;
            }
            b'<' if s[i..].starts_with("<=>") => {
                out.push((start, Tok::BiArrow));
                i += 3;
            }
            b'=' if s[i..].starts_with("=>") => {
                out.push((start, Tok::Arrow));
                i += 2;
            }
            b'=' if s[i..].starts_with("==") => {
                out.push((start, Tok::Cmp("==")));
                i += 2;
            }
            b'=' => {
                out.push((start, Tok::Eq));
                i += 1;
            }
            b'!' if s[i..].starts_with("!=") => {
                out.push((start, Tok::Cmp("!=")));
                i += 2;
            }
            b'<' | b'>' => {
                let two = s[i..].starts_with("<=") || s[i..].starts_with(">=");
                let op = match (c, two) {
                    (b'<', true) => "<=",
                    (b'<', false) => "<",
                    (_, true) => ">=",
                    _ => ">",
                };
                out.push((start, Tok::Cmp(op)));
                i += if two { 2 } else { 1 };
            }
            b'?' => {
                let mut j = i + 1;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                    j += 1;
                }
                if j == i + 1 {
                    return err(i, "expected a variable name after '?'");
                }
                out.push((start, Tok::Var(s[i..j].to_string())));
                i = j;
            }
            b'-' | b'0'..=b'9' => {
                let mut j = i + 1;
                while j < b.len()
                    && (b[j].is_ascii_alphanumeric()
                        || b[j] == b'.'
                        || ((b[j] == b'-' || b[j] == b'+') && matches!(b[j - 1], b'e' | b'E')))
                {
                    j += 1;
                }
                let text = &s[i..j];
                if let Ok(v) = text.parse::<i64>() {
                    out.push((start, Tok::Int(v)));
                } else if let Ok(v) = text.parse::<f64>() {
                    out.push((start, Tok::Float(v)));
                } else {
                    return err(i, format!("bad number '{text}'"));
                }
                i = j;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let mut j = i + 1;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'.')
                {
                    j += 1;
                }
                out.push((start, Tok::Ident(s[i..j].to_string())));
                i = j;
            }
            _ => return err(i, format!("unexpected character '{}'", c as char)),
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    len: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }
    fn peek2(&self) -> Option<&Tok> {
        self.toks.get(self.pos + 1).map(|(_, t)| t)
    }
    fn offset(&self) -> usize {
        self.toks.get(self.pos).map_or(self.len, |(p, _)| *p)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).map(|(_, t)| t.clone());
        self.pos += 1;
        t
    }
    fn expect(&mut self, want: &Tok, what: &str) -> Result<(), ParseError> {
        let at = self.offset();
        match self.next() {
            Some(t) if &t == want => Ok(()),
            _ => err(at, format!("expected {what}")),
        }
    }

    fn pattern(&mut self, depth: usize) -> Result<Pat, ParseError> {
        if depth > MAX_NESTING {
            return err(self.offset(), "patterns nest too deeply");
        }
        let at = self.offset();
        match self.next() {
            Some(Tok::Var(v)) => Ok(Pat::Var(v)),
            Some(Tok::Dict(d)) => Ok(Pat::Dict(d)),
            Some(Tok::LParen) => {
                let head_at = self.offset();
                let head = match self.next() {
                    Some(Tok::Ident(h)) => h,
                    _ => return err(head_at, "expected an op name or 'get' after '('"),
                };
                if head == "get" {
                    let idx_at = self.offset();
                    let idx = match self.next() {
                        Some(Tok::Int(i)) if (0..=u32::MAX as i64).contains(&i) => i as u32,
                        _ => return err(idx_at, "expected a result number after 'get'"),
                    };
                    let inner = self.pattern(depth + 1)?;
                    self.expect(&Tok::RParen, "')' after a 'get' pattern")?;
                    return Ok(Pat::Get(idx, Box::new(inner)));
                }
                if !head.contains('.') {
                    return err(
                        head_at,
                        format!("'{head}' is not an op name (expected 'dialect.op' or 'get')"),
                    );
                }
                let mut children = Vec::new();
                while self.peek() != Some(&Tok::RParen) {
                    if self.peek().is_none() {
                        return err(self.offset(), "expected ')'");
                    }
                    children.push(self.pattern(depth + 1)?);
                }
                self.pos += 1;
                Ok(Pat::Op(head, children))
            }
            _ => err(at, "expected a pattern: '?var', '{...}' or '(op ...)'"),
        }
    }

    fn side(&mut self) -> Result<Side, ParseError> {
        if matches!(self.peek(), Some(Tok::Var(_))) && self.peek2() == Some(&Tok::Eq) {
            let mut roots = Vec::new();
            loop {
                let at = self.offset();
                let Some(Tok::Var(v)) = self.next() else {
                    return err(at, "expected '?root = pattern'");
                };
                self.expect(&Tok::Eq, "'='")?;
                roots.push((v, self.pattern(0)?));
                if self.peek() == Some(&Tok::Comma)
                    && matches!(self.peek2(), Some(Tok::Var(_)))
                    && self.toks.get(self.pos + 2).map(|(_, t)| t) == Some(&Tok::Eq)
                {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            Ok(Side::Multi(roots))
        } else {
            Ok(Side::Single(self.pattern(0)?))
        }
    }

    fn term(&mut self, depth: usize) -> Result<Expr, ParseError> {
        if depth > MAX_NESTING {
            return err(self.offset(), "expressions nest too deeply");
        }
        let at = self.offset();
        match self.next() {
            Some(Tok::Var(v)) => Ok(Expr::Var(v)),
            Some(Tok::Int(i)) => Ok(Expr::Int(i)),
            Some(Tok::Float(f)) => Ok(Expr::Float(f)),
            Some(Tok::Str(s)) => Ok(Expr::Str(s)),
            Some(Tok::Dict(d)) => Ok(Expr::Dict(d)),
            Some(Tok::Ident(id)) if id == "true" => Ok(Expr::Bool(true)),
            Some(Tok::Ident(id)) if id == "false" => Ok(Expr::Bool(false)),
            Some(Tok::Ident(id)) => {
                self.expect(&Tok::LParen, &format!("'(' after function name '{id}'"))?;
                let mut args = Vec::new();
                if self.peek() != Some(&Tok::RParen) {
                    loop {
                        args.push(self.expr(depth + 1)?);
                        if self.peek() == Some(&Tok::Comma) {
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                }
                self.expect(&Tok::RParen, "')' closing the argument list")?;
                Ok(Expr::Call(id, args))
            }
            _ => err(at, "expected an expression"),
        }
    }

    fn expr(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let lhs = self.term(depth)?;
        if let Some(Tok::Cmp(op)) = self.peek() {
            let name = match *op {
                "==" => "eq",
                "!=" => "ne",
                "<" => "lt",
                "<=" => "le",
                ">" => "gt",
                _ => "ge",
            };
            self.pos += 1;
            let rhs = self.term(depth)?;
            return Ok(Expr::Call(name.to_string(), vec![lhs, rhs]));
        }
        Ok(lhs)
    }

    fn rule(&mut self) -> Result<RuleAst, ParseError> {
        let lhs = self.side()?;
        let at = self.offset();
        let bidirectional = match self.next() {
            Some(Tok::Arrow) => false,
            Some(Tok::BiArrow) => true,
            _ => return err(at, "expected '=>' or '<=>'"),
        };
        let rhs = self.side()?;
        let mut conds = Vec::new();
        let mut bindings = Vec::new();
        while let Some(t) = self.peek().cloned() {
            let at = self.offset();
            match t {
                Tok::Ident(k) if k == "if" => {
                    self.pos += 1;
                    loop {
                        conds.push(self.expr(0)?);
                        if self.peek() == Some(&Tok::Comma) {
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                }
                Tok::Ident(k) if k == "where" => {
                    self.pos += 1;
                    loop {
                        let vat = self.offset();
                        let Some(Tok::Var(v)) = self.next() else {
                            return err(vat, "expected '?var = expression' after 'where'");
                        };
                        self.expect(&Tok::Eq, "'='")?;
                        bindings.push((v, self.expr(0)?));
                        if self.peek() == Some(&Tok::Comma) {
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                }
                _ => return err(at, "expected 'if', 'where' or the end of the rule"),
            }
        }
        Ok(RuleAst {
            lhs,
            rhs,
            bidirectional,
            conds,
            bindings,
        })
    }
}

/// Parse a rule's text.
pub(crate) fn parse_rule(text: &str) -> Result<RuleAst, ParseError> {
    let toks = tokenize(text)?;
    let mut p = Parser {
        toks,
        pos: 0,
        len: text.len(),
    };
    p.rule()
}

/// Split `s` at commas that are not nested in brackets or strings.
pub(crate) fn split_top_level(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' | b'<' => depth += 1,
            b')' | b']' | b'}' | b'>' => depth -= 1,
            b',' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let last = s[start..].trim();
    if !last.is_empty() {
        out.push(last);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_single_multi_and_clauses() {
        let r = parse_rule(
            "(graph.transpose (graph.transpose ?x ?p) ?q) => ?x if perms_compose_to_identity(?p, ?q)",
        )
        .expect("parses");
        assert!(!r.bidirectional);
        assert_eq!(r.conds.len(), 1);
        assert!(matches!(r.rhs, Side::Single(Pat::Var(ref v)) if v == "?x"));
        let r = parse_rule(
            "?a = (graph.matmul ?x ?w1), ?b = (graph.matmul ?x ?w2) => ?a = (get 0 ?s), ?b = (get 1 ?s) where ?t = dict(\"axis\", -1), ?u = {axis = 1 : i64} if rank(?w1) == 2",
        );
        let r = r.expect("parses");
        assert!(matches!(r.lhs, Side::Multi(ref v) if v.len() == 2));
        assert_eq!(r.bindings.len(), 2);
        assert_eq!(
            r.conds,
            vec![Expr::Call(
                "eq".into(),
                vec![
                    Expr::Call("rank".into(), vec![Expr::Var("?w1".into())]),
                    Expr::Int(2)
                ]
            )]
        );
    }

    #[test]
    fn errors_are_located_and_nesting_is_bounded() {
        let e = parse_rule("(graph.add ?x => ?x").expect_err("unbalanced");
        assert!(e.message.contains("'?var'"), "{e}");
        let e = parse_rule("(add ?x ?y) => ?x").expect_err("no dialect");
        assert_eq!(e.pos, 1);
        let deep = format!("{}?x{} => ?x", "(graph.neg ".repeat(200), ")".repeat(200));
        let e = parse_rule(&deep).expect_err("too deep");
        assert!(e.message.contains("too deeply"));
        assert_eq!(
            split_top_level("?x: tensor<2x3xf32>, ?p = {perm = array<i64: 1, 0>}"),
            vec!["?x: tensor<2x3xf32>", "?p = {perm = array<i64: 1, 0>}"]
        );
    }
}
