//! The parser core: tokens, diagnostics, types, attributes, locations and affine structures.
//! Operations, regions and blocks are in [`super::ops`].
//!
//! The structure and the diagnostics follow `mlir/lib/AsmParser` (`Parser.cpp`,
//! `TypeParser.cpp`, `AttributeParser.cpp`, `LocationParser.cpp`, `AffineParser.cpp`). The
//! first error stops parsing; it is stored in [`Parser::diag`] and signalled with [`PErr`].

use super::affine_text as af;
use super::float;
use super::lexer::{Lexer, Tok, Token};
use crate::affine::{AffineConstraint, AffineExpr, AffineMap, IntegerSet};
use crate::attrs::{AttrKind, Attribute, LocKind, Location, NamedAttr};
use crate::types::{FloatKind, Signedness, Type, TypeKind, DYNAMIC, MAX_INT_WIDTH};
use crate::{Context, Diagnostic, Symbol};
use rustc_hash::FxHashMap;

/// Parsing failed; the diagnostic is in [`Parser::diag`].
#[derive(Debug)]
pub(crate) struct PErr;

/// Result of a parser step.
pub(crate) type PResult<T> = Result<T, PErr>;

/// Delimiters of comma-separated lists.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Delimiter {
    /// No delimiter: a possibly empty list that ends at the first token that is not a comma.
    None,
    /// `( ... )`.
    Paren,
    /// `[ ... ]`.
    Square,
    /// `< ... >`.
    LessGreater,
    /// `{ ... }`.
    Braces,
    /// `( ... )` if present.
    OptionalParen,
    /// `[ ... ]` if present.
    OptionalSquare,
    /// `< ... >` if present.
    OptionalLessGreater,
    /// `{ ... }` if present.
    OptionalBraces,
}

/// One element of a dense literal: sign and token.
#[derive(Clone, Copy)]
struct Elem {
    neg: bool,
    tok: Token,
}

/// The parser state shared by the whole parse.
pub(crate) struct Parser<'a> {
    pub ctx: &'a Context,
    pub src: &'a str,
    pub file_name: &'a str,
    pub file: Symbol,
    pub lex: Lexer<'a>,
    pub tok: Token,
    /// End of the previous token.
    pub prev_end: u32,
    pub diag: Option<Diagnostic>,
    pub nesting_limit: usize,
    pub nest: usize,
    pub type_aliases: FxHashMap<&'a str, Type>,
    pub attr_aliases: FxHashMap<&'a str, Attribute>,
    /// `dense_resource` names used so far, mapped to the context symbol they refer to.
    pub resource_names: FxHashMap<String, Symbol>,
    /// Renames decided by a previous parse of the same text (see `parse`).
    pub resource_renames: FxHashMap<String, Symbol>,
    /// Common types by keyword, to skip interning on hot paths.
    ty_cache: FxHashMap<&'a str, Type>,
    /// A direct-mapped cache of short type keywords (`f32`, `index`) by their packed bytes.
    fast_ty: [(u64, Type); 64],
    /// Operation-level state (value and block scopes, deferred locations).
    pub ops: super::ops::OpScopes<'a>,
}

fn is_int_type_spelling(s: &str) -> Option<(Signedness, &str)> {
    let (sg, rest) = if let Some(r) = s.strip_prefix("si") {
        (Signedness::Signed, r)
    } else if let Some(r) = s.strip_prefix("ui") {
        (Signedness::Unsigned, r)
    } else if let Some(r) = s.strip_prefix('i') {
        (Signedness::Signless, r)
    } else {
        return None;
    };
    if !rest.is_empty() && rest.bytes().all(|c| c.is_ascii_digit()) {
        Some((sg, rest))
    } else {
        None
    }
}

/// Whether `s` is a keyword or identifier that can start a builtin type.
fn starts_type(s: &str) -> bool {
    matches!(
        s,
        "memref"
            | "tensor"
            | "complex"
            | "tuple"
            | "vector"
            | "index"
            | "none"
            | "f16"
            | "bf16"
            | "f32"
            | "f64"
            | "tf32"
            | "f80"
            | "f128"
    ) || s.starts_with("f8")
        || s.starts_with("f6")
        || s.starts_with("f4")
        || is_int_type_spelling(s).is_some()
}

/// The bytes of a keyword of at most 8 bytes packed into a `u64` (never 0).
#[inline]
fn short_key(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 8 {
        return None;
    }
    // Byte by byte: a variable-length copy would be a `memcpy` call.
    let mut k = 0u64;
    for (i, &c) in b.iter().enumerate() {
        k |= (c as u64) << (8 * i);
    }
    Some(k)
}

#[inline]
fn fast_slot(k: u64) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize
}

/// Parse an unsigned integer literal token (decimal or `0x` hex) into a `u128`.
pub(crate) fn int_token_value(s: &str) -> Option<u128> {
    if let Some(h) = s.strip_prefix("0x") {
        u128::from_str_radix(h, 16).ok()
    } else {
        s.parse::<u128>().ok()
    }
}

fn hex_val(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c - b'A' + 10,
    }
}

/// Unescape the contents of a string token (without the quotes).
pub(crate) fn unescape(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        i += 1;
        if c != b'\\' {
            out.push(c);
            continue;
        }
        let Some(&c1) = body.get(i) else { break };
        i += 1;
        match c1 {
            b'"' | b'\\' => out.push(c1),
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            _ => {
                let Some(&c2) = body.get(i) else { break };
                i += 1;
                out.push((hex_val(c1) << 4) | hex_val(c2));
            }
        }
    }
    out
}

/// The number of elements of a static shape, `None` on overflow or a dynamic dimension.
pub(crate) fn num_elements(shape: &[i64]) -> Option<u64> {
    let mut n: u64 = 1;
    for &d in shape {
        if d < 0 {
            return None;
        }
        n = n.checked_mul(d as u64)?;
    }
    Some(n)
}

/// Storage bytes of one dense element of integer/float/index type (complex: of one part).
pub(crate) fn scalar_bytes(ctx: &Context, ty: Type) -> Option<usize> {
    match ctx.type_kind(ty) {
        TypeKind::Integer { width, .. } => Some((*width as usize).div_ceil(8)),
        TypeKind::Index => Some(8),
        TypeKind::Float(k) => Some(k.storage_bytes()),
        _ => None,
    }
}

impl<'a> Parser<'a> {
    pub fn new(ctx: &'a Context, file_name: &'a str, src: &'a str, nesting_limit: usize) -> Self {
        let mut lex = Lexer::new(src.as_bytes());
        let tok = lex.next_token();
        Parser {
            ctx,
            src,
            file_name,
            file: ctx.sym(file_name),
            lex,
            tok,
            prev_end: 0,
            diag: None,
            nesting_limit,
            nest: 0,
            type_aliases: FxHashMap::default(),
            attr_aliases: FxHashMap::default(),
            resource_names: FxHashMap::default(),
            resource_renames: FxHashMap::default(),
            ty_cache: FxHashMap::default(),
            fast_ty: [(0, Type(0)); 64],
            ops: Default::default(),
        }
    }

    // ----- tokens -----

    /// The text of a token.
    #[inline]
    pub fn text(&self, t: Token) -> &'a str {
        self.src.get(t.start as usize..t.end as usize).unwrap_or("")
    }
    /// The text of the current token.
    #[inline]
    pub fn tok_text(&self) -> &'a str {
        self.text(self.tok)
    }
    /// Advance to the next token.
    #[inline]
    pub fn bump(&mut self) {
        self.prev_end = self.tok.end;
        self.tok = self.lex.next_token();
    }
    /// Consume the current token if it has kind `k`.
    #[inline]
    pub fn eat(&mut self, k: Tok) -> bool {
        if self.tok.kind == k {
            self.bump();
            true
        } else {
            false
        }
    }
    /// Whether the current token is the bare identifier / keyword `kw`.
    #[inline]
    pub fn is_kw(&self, kw: &str) -> bool {
        self.tok.kind == Tok::BareIdent && self.tok_text() == kw
    }
    /// Consume the keyword `kw` if present.
    pub fn eat_kw(&mut self, kw: &str) -> bool {
        if self.is_kw(kw) {
            self.bump();
            true
        } else {
            false
        }
    }
    /// Expect a token of kind `k`, else report `msg` as MLIR's `parseToken` does.
    #[inline]
    pub fn expect(&mut self, k: Tok, msg: &str) -> PResult<()> {
        if self.tok.kind == k {
            self.bump();
            Ok(())
        } else {
            Err(self.wrong_token(msg))
        }
    }
    /// Expect the keyword `kw`.
    pub fn expect_kw(&mut self, kw: &str, msg: &str) -> PResult<()> {
        if self.eat_kw(kw) {
            Ok(())
        } else {
            Err(self.wrong_token(msg))
        }
    }
    /// Look at the token after the current one without consuming anything.
    pub fn peek(&self) -> Token {
        let mut l = self.lex;
        l.next_token()
    }
    /// Re-lex from byte position `pos` (on the current line).
    pub fn reset_to(&mut self, pos: usize) {
        self.lex.reset_to(pos);
        self.bump();
    }

    // ----- diagnostics -----

    /// The location of a token.
    #[inline]
    pub fn loc_of(&self, t: Token) -> Location {
        self.ctx.file_line_col_loc(self.file, t.line, t.col)
    }
    /// The line and column of a byte position (slow; for diagnostics).
    pub fn line_col_of(&self, pos: usize) -> (u32, u32) {
        let bytes = self.src.as_bytes();
        let pos = pos.min(bytes.len());
        let before = &bytes[..pos];
        let line = before.iter().filter(|&&c| c == b'\n').count() as u32 + 1;
        let ls = before
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        (line, (pos - ls) as u32 + 1)
    }
    /// The location of a byte position (slow; for diagnostics).
    pub fn loc_at_pos(&self, pos: usize) -> Location {
        let (l, c) = self.line_col_of(pos);
        self.ctx.file_loc(self.file_name, l, c)
    }
    /// Record `d` as the parse error unless one is already recorded.
    pub fn fail(&mut self, d: Diagnostic) -> PErr {
        if self.diag.is_none() {
            self.diag = Some(d);
        }
        PErr
    }
    /// An error at a location.
    pub fn err_loc(&mut self, loc: Location, msg: impl Into<String>) -> PErr {
        self.fail(Diagnostic::error(loc, msg))
    }
    /// An error at a token.
    pub fn err_at(&mut self, t: Token, msg: impl Into<String>) -> PErr {
        let loc = self.loc_of(t);
        self.err_loc(loc, msg)
    }
    /// An error at the current token.
    pub fn err(&mut self, msg: impl Into<String>) -> PErr {
        if self.tok.kind == Tok::Error {
            return self.lex_error();
        }
        self.err_at(self.tok, msg)
    }
    /// The error of an error token.
    pub fn lex_error(&mut self) -> PErr {
        let (_, line, col, msg) = self.lex.error;
        let loc = self.ctx.file_loc(self.file_name, line, col);
        self.err_loc(loc, msg)
    }
    /// MLIR's `emitWrongTokenError`: report at the end of the previous line's content when
    /// the current token starts a line.
    pub fn wrong_token(&mut self, msg: impl Into<String>) -> PErr {
        if self.tok.kind == Tok::Error {
            return self.lex_error();
        }
        let bytes = self.src.as_bytes();
        let mut pos = self.tok.start as usize;
        if self.tok.kind == Tok::Eof {
            pos = pos.saturating_sub(1);
        }
        let original = pos;
        let mut end = pos;
        let at = loop {
            while end > 0 && matches!(bytes[end - 1], b' ' | b'\t') {
                end -= 1;
            }
            if end == 0 {
                break original;
            }
            if bytes[end - 1] != b'\n' && bytes[end - 1] != b'\r' {
                break end;
            }
            end -= 1;
            let line_start = bytes[..end]
                .iter()
                .rposition(|&c| c == b'\n' || c == b'\r')
                .unwrap_or(0);
            if let Some(c) = find_sub(&bytes[line_start..end], b"//") {
                end = line_start + c;
            }
        };
        let loc = self.loc_at_pos(at);
        self.err_loc(loc, msg)
    }

    /// Enter one level of type/attribute nesting.
    pub fn enter(&mut self) -> PResult<()> {
        self.nest += 1;
        if self.nest > self.nesting_limit {
            let msg = format!("nesting limit exceeded (limit {})", self.nesting_limit);
            return Err(self.err(msg));
        }
        Ok(())
    }
    /// Leave one level of nesting.
    #[inline]
    pub fn leave(&mut self) {
        self.nest -= 1;
    }

    // ----- lists -----

    /// MLIR's `parseCommaSeparatedList`.
    pub fn comma_list(
        &mut self,
        delim: Delimiter,
        ctx_msg: &str,
        mut f: impl FnMut(&mut Self) -> PResult<()>,
    ) -> PResult<bool> {
        let (open, close, open_s, close_s, optional) = match delim {
            Delimiter::None => {
                return {
                    f(self)?;
                    while self.eat(Tok::Comma) {
                        f(self)?;
                    }
                    Ok(true)
                }
            }
            Delimiter::Paren => (Tok::LParen, Tok::RParen, "(", ")", false),
            Delimiter::Square => (Tok::LSquare, Tok::RSquare, "[", "]", false),
            Delimiter::LessGreater => (Tok::Less, Tok::Greater, "<", ">", false),
            Delimiter::Braces => (Tok::LBrace, Tok::RBrace, "{", "}", false),
            Delimiter::OptionalParen => (Tok::LParen, Tok::RParen, "(", ")", true),
            Delimiter::OptionalSquare => (Tok::LSquare, Tok::RSquare, "[", "]", true),
            Delimiter::OptionalLessGreater => (Tok::Less, Tok::Greater, "<", ">", true),
            Delimiter::OptionalBraces => (Tok::LBrace, Tok::RBrace, "{", "}", true),
        };
        if self.tok.kind != open {
            if optional {
                return Ok(false);
            }
            return Err(self.wrong_token(format!("expected '{open_s}'{ctx_msg}")));
        }
        self.bump();
        if self.eat(close) {
            return Ok(true);
        }
        f(self)?;
        while self.eat(Tok::Comma) {
            f(self)?;
        }
        if !self.eat(close) {
            return Err(self.wrong_token(format!("expected '{close_s}'{ctx_msg}")));
        }
        Ok(true)
    }

    /// MLIR's `parseCommaSeparatedListUntil` (the opening token is already consumed).
    pub fn comma_list_until(
        &mut self,
        close: Tok,
        close_s: &str,
        mut f: impl FnMut(&mut Self) -> PResult<()>,
    ) -> PResult<()> {
        if self.eat(close) {
            return Ok(());
        }
        f(self)?;
        while self.eat(Tok::Comma) {
            f(self)?;
        }
        if !self.eat(close) {
            return Err(self.wrong_token(format!("expected ',' or '{close_s}'")));
        }
        Ok(())
    }

    // ----- literals -----

    /// The unescaped bytes of the current string token.
    pub fn string_bytes(&self, t: Token) -> Vec<u8> {
        let s = self.text(t).as_bytes();
        if s.len() < 2 {
            return Vec::new();
        }
        unescape(&s[1..s.len() - 1])
    }
    /// The unescaped value of a string token as UTF-8 text.
    pub fn string_utf8(&mut self, t: Token) -> PResult<String> {
        let b = self.string_bytes(t);
        String::from_utf8(b).map_err(|_| self.err_at(t, "invalid UTF-8 in name"))
    }
    /// The name of an `@foo` / `@"foo"` token.
    pub fn symbol_ref_name(&mut self, t: Token) -> PResult<String> {
        let s = self.text(t);
        if s.as_bytes().get(1) == Some(&b'"') {
            let b = unescape(s.as_bytes().get(2..s.len() - 1).unwrap_or(&[]));
            String::from_utf8(b).map_err(|_| self.err_at(t, "invalid UTF-8 in symbol name"))
        } else {
            Ok(s[1..].to_string())
        }
    }

    // ----- types -----

    /// Parse a type.
    pub fn parse_type(&mut self) -> PResult<Type> {
        if self.tok.kind == Tok::LParen {
            self.enter()?;
            let r = self.parse_function_type();
            self.leave();
            r
        } else {
            self.parse_non_function_type()
        }
    }

    /// Whether the current token can start a type.
    pub fn at_type(&self) -> bool {
        match self.tok.kind {
            Tok::LParen | Tok::ExclIdent => true,
            Tok::BareIdent => starts_type(self.tok_text()),
            _ => false,
        }
    }

    /// `(types) -> results`.
    pub fn parse_function_type(&mut self) -> PResult<Type> {
        let mut inputs = Vec::new();
        let mut results = Vec::new();
        self.parse_type_list_parens(&mut inputs)?;
        self.expect(Tok::Arrow, "expected '->' in function type")?;
        self.parse_function_result_types(&mut results)?;
        Ok(self.ctx.ty(TypeKind::Function {
            inputs: inputs.into(),
            results: results.into(),
        }))
    }

    /// `(` type-list? `)`.
    pub fn parse_type_list_parens(&mut self, out: &mut Vec<Type>) -> PResult<()> {
        self.expect(Tok::LParen, "expected '('")?;
        if self.eat(Tok::RParen) {
            return Ok(());
        }
        self.parse_type_list_no_parens(out)?;
        self.expect(Tok::RParen, "expected ')'")
    }

    /// type (`,` type)*.
    pub fn parse_type_list_no_parens(&mut self, out: &mut Vec<Type>) -> PResult<()> {
        out.push(self.parse_type()?);
        while self.eat(Tok::Comma) {
            out.push(self.parse_type()?);
        }
        Ok(())
    }

    /// A function result list: `(types)` or a single non-function type.
    pub fn parse_function_result_types(&mut self, out: &mut Vec<Type>) -> PResult<()> {
        if self.tok.kind == Tok::LParen {
            return self.parse_type_list_parens(out);
        }
        out.push(self.parse_non_function_type()?);
        Ok(())
    }

    fn cached_type(&mut self, s: &'a str, kind: impl FnOnce() -> TypeKind) -> Type {
        if let Some(&t) = self.ty_cache.get(s) {
            return t;
        }
        let t = self.ctx.ty(kind());
        self.ty_cache.insert(s, t);
        if let Some(k) = short_key(s) {
            self.fast_ty[fast_slot(k)] = (k, t);
        }
        t
    }

    /// Any type except a function type.
    pub fn parse_non_function_type(&mut self) -> PResult<Type> {
        match self.tok.kind {
            Tok::ExclIdent => {
                self.enter()?;
                let r = self.parse_extended_type();
                self.leave();
                r
            }
            Tok::BareIdent => {
                let s = self.tok_text();
                if let Some(k) = short_key(s) {
                    let (key, t) = self.fast_ty[fast_slot(k)];
                    if key == k {
                        self.bump();
                        return Ok(t);
                    }
                }
                match s {
                    "memref" | "tensor" | "complex" | "tuple" | "vector" => {
                        self.enter()?;
                        let r = match s {
                            "memref" => self.parse_memref_type(),
                            "tensor" => self.parse_tensor_type(),
                            "complex" => self.parse_complex_type(),
                            "tuple" => self.parse_tuple_type(),
                            _ => self.parse_vector_type(),
                        };
                        self.leave();
                        r
                    }
                    "index" => {
                        self.bump();
                        Ok(self.cached_type(s, || TypeKind::Index))
                    }
                    "none" => {
                        self.bump();
                        Ok(self.cached_type(s, || TypeKind::None))
                    }
                    "tf32" | "f80" | "f128" => Err(self.err(format!(
                        "unsupported type '{s}': Strata supports the float types f16, bf16, \
                         f32, f64, f8E5M2, f8E4M3FN, f8E5M2FNUZ, f8E4M3FNUZ, f8E8M0FNU and \
                         f4E2M1FN"
                    ))),
                    _ if FloatKind::from_keyword(s).is_some() => {
                        let k = FloatKind::from_keyword(s).expect("checked by the guard");
                        self.bump();
                        Ok(self.cached_type(s, || TypeKind::Float(k)))
                    }
                    _ if s.starts_with("f8") || s.starts_with("f6") || s.starts_with("f4") => {
                        Err(self.err(format!(
                            "unsupported type '{s}': Strata supports the float types f16, bf16, \
                             f32, f64, f8E5M2, f8E4M3FN, f8E5M2FNUZ, f8E4M3FNUZ, f8E8M0FNU and \
                             f4E2M1FN"
                        )))
                    }
                    _ => {
                        if let Some((sg, digits)) = is_int_type_spelling(s) {
                            let Ok(width) = digits.parse::<u32>() else {
                                return Err(self.err("invalid integer width"));
                            };
                            if width > MAX_INT_WIDTH {
                                return Err(self.err(format!(
                                    "integer bitwidth is limited to {MAX_INT_WIDTH} bits"
                                )));
                            }
                            if width == 0 {
                                return Err(self.err(
                                    "unsupported type: zero-width integers are not supported",
                                ));
                            }
                            self.bump();
                            return Ok(self.cached_type(s, || TypeKind::Integer {
                                width,
                                signedness: sg,
                            }));
                        }
                        Err(self.wrong_token("expected non-function type"))
                    }
                }
            }
            _ => Err(self.wrong_token("expected non-function type")),
        }
    }

    fn parse_complex_type(&mut self) -> PResult<Type> {
        self.bump();
        self.expect(Tok::Less, "expected '<' in complex type")?;
        let t = self.tok;
        let elem = self.parse_type()?;
        let k = self.ctx.type_kind(elem);
        if !matches!(k, TypeKind::Float(_) | TypeKind::Integer { .. }) {
            return Err(self.err_at(t, "invalid element type for complex"));
        }
        self.expect(Tok::Greater, "expected '>' in complex type")?;
        Ok(self.ctx.ty(TypeKind::Complex(elem)))
    }

    fn parse_tuple_type(&mut self) -> PResult<Type> {
        self.bump();
        self.expect(Tok::Less, "expected '<' in tuple type")?;
        let mut types = Vec::new();
        if !self.eat(Tok::Greater) {
            self.parse_type_list_no_parens(&mut types)?;
            self.expect(Tok::Greater, "expected '>' in tuple type")?;
        }
        Ok(self.ctx.ty(TypeKind::Tuple(types.into())))
    }

    /// MLIR's `parseXInDimensionList`.
    fn parse_x_in_dim_list(&mut self) -> PResult<()> {
        let s = self.tok_text();
        if self.tok.kind != Tok::BareIdent || !s.starts_with('x') {
            return Err(self.wrong_token("expected 'x' in dimension list"));
        }
        if s.len() != 1 {
            let p = self.tok.start as usize + 1;
            self.reset_to(p);
        } else {
            self.bump();
        }
        Ok(())
    }

    /// MLIR's `parseIntegerInDimensionList`.
    fn parse_int_in_dim_list(&mut self) -> PResult<i64> {
        let s = self.tok_text();
        if s.len() > 1 && s.as_bytes()[1] == b'x' {
            // `0xf32` is `0`, `x`, `f32` here.
            let p = self.tok.start as usize + 1;
            self.reset_to(p);
            return Ok(0);
        }
        match int_token_value(s) {
            Some(v) if v <= i64::MAX as u128 => {
                self.bump();
                Ok(v as i64)
            }
            _ => Err(self.err("invalid dimension")),
        }
    }

    /// `(dim x)*` with `?` allowed for dynamic dimensions.
    fn parse_dims_trailing_x(&mut self, dims: &mut Vec<i64>) -> PResult<()> {
        loop {
            match self.tok.kind {
                Tok::Question => {
                    self.bump();
                    dims.push(DYNAMIC);
                }
                Tok::Integer => {
                    let v = self.parse_int_in_dim_list()?;
                    dims.push(v);
                }
                _ => return Ok(()),
            }
            self.parse_x_in_dim_list()?;
        }
    }

    fn parse_tensor_type(&mut self) -> PResult<Type> {
        self.bump();
        self.expect(Tok::Less, "expected '<' in tensor type")?;
        let mut dims = Vec::new();
        let unranked = if self.eat(Tok::Star) {
            self.parse_x_in_dim_list()?;
            true
        } else {
            self.parse_dims_trailing_x(&mut dims)?;
            false
        };
        let elem_tok = self.tok;
        let elem = self.parse_type()?;
        let mut encoding = None;
        if self.eat(Tok::Comma) {
            encoding = self.parse_optional_attribute()?;
        }
        self.expect(Tok::Greater, "expected '>' in tensor type")?;
        if !valid_tensor_elem(self.ctx.type_kind(elem)) {
            return Err(self.err_at(elem_tok, "invalid tensor element type"));
        }
        if unranked {
            if encoding.is_some() {
                return Err(self.err("cannot apply encoding to unranked tensor"));
            }
            return Ok(self.ctx.ty(TypeKind::UnrankedTensor(elem)));
        }
        Ok(self.ctx.ty(TypeKind::RankedTensor {
            shape: dims.into(),
            elem,
            encoding,
        }))
    }

    fn parse_vector_type(&mut self) -> PResult<Type> {
        let start = self.tok;
        self.bump();
        self.expect(Tok::Less, "expected '<' in vector type")?;
        let mut dims = Vec::new();
        let mut scalable = Vec::new();
        while matches!(self.tok.kind, Tok::Integer | Tok::LSquare) {
            let sc = self.eat(Tok::LSquare);
            let v = self.parse_int_in_dim_list()?;
            dims.push(v);
            if sc && !self.eat(Tok::RSquare) {
                return Err(self.wrong_token("missing ']' closing scalable dimension"));
            }
            scalable.push(sc);
            self.parse_x_in_dim_list()?;
        }
        let elem_tok = self.tok;
        let elem = self.parse_type()?;
        self.expect(Tok::Greater, "expected '>' in vector type")?;
        if !matches!(
            self.ctx.type_kind(elem),
            TypeKind::Integer { .. } | TypeKind::Index | TypeKind::Float(_)
        ) {
            let _ = elem_tok;
            return Err(self.err_at(
                start,
                "failed to verify 'elementType': VectorElementTypeInterface instance",
            ));
        }
        if let Some(&d) = dims.iter().find(|&&d| d <= 0) {
            return Err(self.err_at(
                start,
                format!("vector types must have positive constant sizes but got {d}"),
            ));
        }
        Ok(self.ctx.ty(TypeKind::Vector {
            shape: dims.into(),
            scalable: scalable.into(),
            elem,
        }))
    }

    fn parse_memref_type(&mut self) -> PResult<Type> {
        let start = self.tok;
        self.bump();
        self.expect(Tok::Less, "expected '<' in memref type")?;
        let mut dims = Vec::new();
        let unranked = if self.eat(Tok::Star) {
            self.parse_x_in_dim_list()?;
            true
        } else {
            self.parse_dims_trailing_x(&mut dims)?;
            false
        };
        let elem_tok = self.tok;
        let elem = self.parse_type()?;
        if !valid_memref_elem(self.ctx.type_kind(elem)) {
            return Err(self.err_at(elem_tok, "invalid memref element type"));
        }
        let mut layout: Option<Attribute> = None;
        let mut space: Option<Attribute> = None;
        if !self.eat(Tok::Greater) {
            self.expect(Tok::Comma, "expected ',' or '>' in memref type")?;
            loop {
                let a = self.parse_attribute()?;
                let is_layout = matches!(
                    self.ctx.attr_kind(a),
                    AttrKind::AffineMap(_) | AttrKind::StridedLayout { .. }
                );
                if is_layout {
                    if unranked {
                        return Err(self.err("cannot have affine map for unranked memref type"));
                    }
                    if space.is_some() {
                        return Err(self.err("expected memory space to be last in memref type"));
                    }
                    layout = Some(a);
                } else if space.is_some() {
                    return Err(self.err("multiple memory spaces specified in memref type"));
                } else {
                    space = Some(a);
                }
                if self.eat(Tok::Greater) {
                    break;
                }
                self.expect(Tok::Comma, "expected ',' or '>'")?;
            }
        }
        if let Some(s) = space {
            // Dialect attributes (kept as opaque text here) are accepted, as MLIR accepts
            // those of registered dialects (`#gpu.address_space<workgroup>`).
            if !matches!(
                self.ctx.attr_kind(s),
                AttrKind::Integer { .. }
                    | AttrKind::String { .. }
                    | AttrKind::Dict(_)
                    | AttrKind::Opaque { .. }
            ) {
                return Err(self.err_at(start, "unsupported memory space Attribute"));
            }
        }
        // Default memory space (integer 0) is dropped, as MLIR does.
        if let Some(s) = space {
            if matches!(self.ctx.attr_kind(s), AttrKind::Integer { value: 0, .. }) {
                space = None;
            }
        }
        if unranked {
            return Ok(self.ctx.ty(TypeKind::UnrankedMemRef { elem, space }));
        }
        // The identity layout is the default and is not stored.
        if let Some(l) = layout {
            if let AttrKind::AffineMap(m) = self.ctx.attr_kind(l) {
                if m.num_dims as usize != dims.len() {
                    return Err(self.err_at(
                        start,
                        format!(
                            "memref layout mismatch between rank and affine map: {} != {}",
                            dims.len(),
                            m.num_dims
                        ),
                    ));
                }
                if m.is_identity() {
                    layout = None;
                }
            }
        }
        Ok(self.ctx.ty(TypeKind::MemRef {
            shape: dims.into(),
            elem,
            layout,
            space,
        }))
    }

    /// Split `!foo.bar<...>` / `#foo<...>` / alias. Returns `Err` after reporting, `Ok(None)`
    /// for an alias name (returned in `alias`), or `Ok(Some((dialect, body)))`.
    fn parse_extended_symbol(&mut self) -> PResult<Result<(&'a str, &'a str), &'a str>> {
        let t = self.tok;
        let ident = &self.text(t)[1..];
        self.bump();
        let (dialect, sym_data) = match ident.find('.') {
            Some(i) => (&ident[..i], &ident[i + 1..]),
            None => (ident, ""),
        };
        let is_pretty = !sym_data.is_empty() || ident.ends_with('.');
        let has_trailing = self.tok.kind == Tok::Less && self.tok.start == t.end;
        if !has_trailing && !is_pretty {
            return Ok(Err(ident));
        }
        if !is_pretty {
            // Verbose form `#dialect<body>`: the body is what is between the brackets.
            let end = self.scan_body()?;
            let body = self.src.get(t.end as usize + 1..end - 1).unwrap_or("");
            return Ok(Ok((dialect, body)));
        }
        if has_trailing {
            let end = self.scan_body()?;
            let start = t.start as usize + 1 + dialect.len() + 1;
            return Ok(Ok((dialect, self.src.get(start..end).unwrap_or(""))));
        }
        Ok(Ok((dialect, sym_data)))
    }

    /// Scan a pretty dialect body at the current `<` token; returns its end position.
    fn scan_body(&mut self) -> PResult<usize> {
        self.lex.reset_to(self.tok.start as usize);
        match self.lex.scan_dialect_body() {
            Ok(end) => {
                self.bump();
                // The body, not the `<` token, is what was consumed last: callers that slice
                // the source up to `prev_end` (the signature and dictionary memos) must see
                // the whole `!dialect.sym<...>`. `end <= src.len()`, which the entry points
                // keep below `u32::MAX`.
                self.prev_end = end as u32;
                Ok(end)
            }
            Err((pos, msg)) => {
                let loc = self.loc_at_pos(pos);
                Err(self.err_loc(loc, msg))
            }
        }
    }

    fn check_dialect(&mut self, t: Token, prefix: &str, dialect: &str, body: &str) -> PResult<()> {
        if dialect.is_empty()
            || !dialect
                .bytes()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
        {
            return Err(self.err_at(t, format!("invalid dialect namespace '{dialect}'")));
        }
        if !self.ctx.allow_unregistered && !self.ctx.is_dialect_registered(dialect) {
            let what = if prefix == "!" { "type" } else { "attribute" };
            return Err(self.err_at(
                t,
                format!(
                    "`{prefix}{dialect}<\"{body}\">` {what} created with unregistered dialect. If \
                     this is intended, please call allowUnregisteredDialects() on the \
                     MLIRContext, or use -allow-unregistered-dialect with the MLIR opt tool used"
                ),
            ));
        }
        Ok(())
    }

    fn parse_extended_type(&mut self) -> PResult<Type> {
        let t = self.tok;
        match self.parse_extended_symbol()? {
            Err(alias) => match self.type_aliases.get(alias) {
                Some(&ty) => Ok(ty),
                None => {
                    let _ = t;
                    Err(self.wrong_token(format!("undefined symbol alias id '{alias}'")))
                }
            },
            Ok((dialect, body)) => {
                self.check_dialect(t, "!", dialect, body)?;
                Ok(self.ctx.ty(TypeKind::Opaque {
                    dialect: self.ctx.sym(dialect),
                    body: body.into(),
                }))
            }
        }
    }

    // ----- attributes -----

    /// Whether the current token can start an attribute (MLIR's `parseOptionalAttribute`).
    pub fn at_attribute(&self) -> bool {
        match self.tok.kind {
            Tok::AtIdent
            | Tok::Float
            | Tok::Integer
            | Tok::HashIdent
            | Tok::LBrace
            | Tok::LSquare
            | Tok::Minus
            | Tok::String => true,
            Tok::BareIdent => {
                matches!(
                    self.tok_text(),
                    "affine_map"
                        | "affine_set"
                        | "dense"
                        | "dense_resource"
                        | "false"
                        | "loc"
                        | "sparse"
                        | "true"
                        | "unit"
                        | "array"
                        | "strided"
                        | "distinct"
                ) || self.at_type()
            }
            _ => self.at_type(),
        }
    }

    /// Parse an attribute if one starts here.
    pub fn parse_optional_attribute(&mut self) -> PResult<Option<Attribute>> {
        if self.at_attribute() {
            Ok(Some(self.parse_attribute()?))
        } else {
            Ok(None)
        }
    }

    /// Parse an attribute.
    pub fn parse_attribute(&mut self) -> PResult<Attribute> {
        self.parse_attribute_of(None)
    }

    /// Parse an attribute; `ty` is the type the context expects (then no `: type` follows).
    pub fn parse_attribute_of(&mut self, ty: Option<Type>) -> PResult<Attribute> {
        self.enter()?;
        let r = self.parse_attribute_inner(ty);
        self.leave();
        r
    }

    fn parse_attribute_inner(&mut self, ty: Option<Type>) -> PResult<Attribute> {
        let ctx = self.ctx;
        match self.tok.kind {
            Tok::LSquare => {
                self.bump();
                let mut items = Vec::new();
                self.comma_list_until(Tok::RSquare, "]", |p| {
                    items.push(p.parse_attribute()?);
                    Ok(())
                })?;
                Ok(ctx.attr(AttrKind::Array(items.into())))
            }
            Tok::LBrace => {
                let entries = self.parse_attr_dict_entries()?;
                Ok(ctx.attr(AttrKind::Dict(entries.into())))
            }
            Tok::HashIdent => self.parse_extended_attr(ty),
            Tok::Float => self.parse_float_attr(ty, false),
            Tok::Integer => self.parse_dec_or_hex_attr(ty, false),
            Tok::Minus => {
                self.bump();
                match self.tok.kind {
                    Tok::Integer => self.parse_dec_or_hex_attr(ty, true),
                    Tok::Float => self.parse_float_attr(ty, true),
                    _ => Err(self.wrong_token("expected constant integer or floating point value")),
                }
            }
            Tok::String => {
                let t = self.tok;
                let value = self.string_bytes(t);
                self.bump();
                let mut sty = ty;
                if sty.is_none() && self.eat(Tok::Colon) {
                    sty = Some(self.parse_type()?);
                }
                Ok(ctx.attr(AttrKind::String {
                    value: value.into(),
                    ty: sty,
                }))
            }
            Tok::AtIdent => {
                let t = self.tok;
                let root = self.symbol_ref_name(t)?;
                self.bump();
                let mut nested = Vec::new();
                while self.tok.kind == Tok::Colon {
                    let next = self.peek();
                    if next.kind != Tok::Colon {
                        break;
                    }
                    self.bump();
                    self.bump();
                    if self.tok.kind != Tok::AtIdent {
                        return Err(self.err("expected nested symbol reference identifier"));
                    }
                    let n = self.symbol_ref_name(self.tok)?;
                    self.bump();
                    nested.push(ctx.sym(&n));
                }
                Ok(ctx.attr(AttrKind::SymbolRef {
                    root: ctx.sym(&root),
                    nested: nested.into(),
                }))
            }
            Tok::BareIdent => match self.tok_text() {
                "affine_map" | "affine_set" => {
                    let is_map = self.tok_text() == "affine_map";
                    self.bump();
                    self.expect(
                        Tok::Less,
                        if is_map {
                            "expected '<' in affine map"
                        } else {
                            "expected '<' in integer set"
                        },
                    )?;
                    let r = self.parse_affine_map_or_set()?;
                    let a = match r {
                        Ok(m) => {
                            if !is_map {
                                return Err(self.err("expected integer set"));
                            }
                            ctx.affine_map_attr(m)
                        }
                        Err(s) => {
                            if is_map {
                                return Err(self.err("expected AffineMap, but got IntegerSet"));
                            }
                            ctx.integer_set_attr(s)
                        }
                    };
                    self.expect(
                        Tok::Greater,
                        if is_map {
                            "expected '>' in affine map"
                        } else {
                            "expected '>' in integer set"
                        },
                    )?;
                    Ok(a)
                }
                "true" | "false" => {
                    let b = self.tok_text() == "true";
                    self.bump();
                    Ok(ctx.bool_attr(b))
                }
                "dense" => self.parse_dense_attr(ty),
                "dense_resource" => self.parse_dense_resource_attr(ty),
                "array" => self.parse_dense_array_attr(),
                "loc" => {
                    self.bump();
                    self.expect(Tok::LParen, "expected '(' in inline location")?;
                    let l = self.parse_location_instance()?;
                    self.expect(Tok::RParen, "expected ')' in inline location")?;
                    Ok(l.0)
                }
                "sparse" => {
                    Err(self.err("unsupported attribute: sparse elements are not supported"))
                }
                "distinct" => {
                    Err(self.err("unsupported attribute: distinct attributes are not supported"))
                }
                "strided" => self.parse_strided_attr(),
                "unit" => {
                    self.bump();
                    Ok(ctx.unit_attr())
                }
                _ => {
                    let t = self.parse_type()?;
                    Ok(ctx.type_attr(t))
                }
            },
            _ => {
                let t = self.parse_type()?;
                Ok(ctx.type_attr(t))
            }
        }
    }

    /// `{` (name (`=` attr)?)* `}`: entries in source order.
    pub fn parse_attr_dict_entries(&mut self) -> PResult<Vec<NamedAttr>> {
        let mut entries: Vec<NamedAttr> = Vec::new();
        self.comma_list(Delimiter::Braces, " in attribute dictionary", |p| {
            let t = p.tok;
            let name = match t.kind {
                Tok::String => p.string_utf8(t)?,
                Tok::BareIdent => p.text(t).to_string(),
                _ => return Err(p.wrong_token("expected attribute name")),
            };
            if name.is_empty() {
                return Err(p.err("expected valid attribute name"));
            }
            let sym = p.ctx.sym(&name);
            if entries.iter().any(|e| e.name == sym) {
                return Err(p.err(format!("duplicate key '{name}' in dictionary attribute")));
            }
            p.bump();
            let value = if p.eat(Tok::Equal) {
                p.parse_attribute()?
            } else {
                p.ctx.unit_attr()
            };
            entries.push(NamedAttr { name: sym, value });
            Ok(())
        })?;
        Ok(entries)
    }

    fn parse_extended_attr(&mut self, ty: Option<Type>) -> PResult<Attribute> {
        let t = self.tok;
        match self.parse_extended_symbol()? {
            Err(alias) => match self.attr_aliases.get(alias) {
                Some(&a) => Ok(a),
                None => {
                    let _ = t;
                    Err(self.wrong_token(format!("undefined symbol alias id '{alias}'")))
                }
            },
            Ok((dialect, body)) => {
                if self.tok.kind == Tok::Colon {
                    return Err(self.err(
                        "unsupported attribute: Strata keeps dialect attributes as text and cannot \
                         attach a type to them",
                    ));
                }
                let _ = ty;
                self.check_dialect(t, "#", dialect, body)?;
                Ok(self.ctx.attr(AttrKind::Opaque {
                    dialect: self.ctx.sym(dialect),
                    body: body.into(),
                }))
            }
        }
    }

    /// The type after an integer/float literal: explicit `ty`, `: type`, or `default`.
    fn literal_type(&mut self, ty: Option<Type>, default: TypeKind) -> PResult<Type> {
        if let Some(t) = ty {
            return Ok(t);
        }
        if self.eat(Tok::Colon) {
            return self.parse_type();
        }
        Ok(self.ctx.ty(default))
    }

    fn parse_float_attr(&mut self, ty: Option<Type>, neg: bool) -> PResult<Attribute> {
        let t = self.tok;
        let Some(v) = float::decimal_to_f64(self.text(t)) else {
            return Err(self.err("floating point value too large for attribute"));
        };
        self.bump();
        let ty = self.literal_type(ty, TypeKind::Float(FloatKind::F64))?;
        let Some(kind) = self.ctx.type_kind(ty).float_kind() else {
            let _ = t;
            return Err(self.err("floating point value not valid for specified type"));
        };
        let v = if neg { -v } else { v };
        let bits = crate::numeric::f64_to_bits(v, kind);
        Ok(self.ctx.attr(AttrKind::Float { bits, ty }))
    }

    /// Float bits from a hex integer literal (`0x7FC00000 : f32`).
    fn float_from_int_token(&mut self, t: Token, neg: bool, kind: FloatKind) -> PResult<u64> {
        let s = self.text(t);
        if !s.starts_with("0x") {
            let d = Diagnostic::error(
                self.loc_of(t),
                "unexpected decimal integer literal for a floating point value",
            )
            .with_note(
                self.loc_of(t),
                "add a trailing dot to make the literal a float",
            );
            return Err(self.fail(d));
        }
        if neg {
            return Err(self.err_at(
                t,
                "hexadecimal float literal should not have a leading minus",
            ));
        }
        match int_token_value(s) {
            Some(v) if (128 - v.leading_zeros()) <= kind.width() => Ok(v as u64),
            _ => Err(self.err_at(t, "hexadecimal float constant out of range for type")),
        }
    }

    /// Check an integer literal against an integer type as MLIR's `buildAttributeAPInt`
    /// does, returning the value to store (sign-extended, or zero-extended for unsigned).
    pub fn int_literal_value(&self, s: &str, neg: bool, ty: Type) -> Result<i128, &'static str> {
        const OOR: &str = "integer constant out of range for attribute";
        let (width, sg) = match self.ctx.type_kind(ty) {
            TypeKind::Integer { width, signedness } => (*width, *signedness),
            TypeKind::Index => (64, Signedness::Signless),
            _ => return Err("integer literal not valid for specified type"),
        };
        let m = int_token_value(s).ok_or(OOR)?;
        let active = 128 - m.leading_zeros();
        if width < 128 && active > width {
            return Err(OOR);
        }
        let is_signed =
            sg == Signedness::Signed || matches!(self.ctx.type_kind(ty), TypeKind::Index);
        if neg {
            // -M must have its sign bit set in `width` bits (so `-0` is rejected, like MLIR).
            if m == 0 {
                return Err(OOR);
            }
            if width < 128 {
                if m > (1u128 << (width - 1)) {
                    return Err(OOR);
                }
            } else if m > (1u128 << 127) {
                return Err("integer constant does not fit in 128 bits");
            }
            return Ok((m as i128).wrapping_neg());
        }
        if is_signed {
            let limit = if width <= 128 {
                1u128 << (width.min(128) - 1)
            } else {
                1u128 << 127
            };
            if m >= limit {
                return Err(if width > 128 {
                    "integer constant does not fit in 128 bits"
                } else {
                    OOR
                });
            }
            return Ok(m as i128);
        }
        if width > 128 && m >= (1u128 << 127) {
            return Err("integer constant does not fit in 128 bits");
        }
        if width == 128 && sg == Signedness::Unsigned && m >= (1u128 << 127) {
            return Err("integer constant does not fit in 128 bits");
        }
        Ok(crate::numeric::normalize_bits(m as i128, width, sg))
    }

    fn parse_dec_or_hex_attr(&mut self, ty: Option<Type>, neg: bool) -> PResult<Attribute> {
        let t = self.tok;
        self.bump();
        let ty = self.literal_type(
            ty,
            TypeKind::Integer {
                width: 64,
                signedness: Signedness::Signless,
            },
        )?;
        let kind = self.ctx.type_kind(ty).clone();
        if let TypeKind::Float(k) = kind {
            let bits = self.float_from_int_token(t, neg, k)?;
            return Ok(self.ctx.attr(AttrKind::Float { bits, ty }));
        }
        if !matches!(kind, TypeKind::Integer { .. } | TypeKind::Index) {
            return Err(self.err_at(t, "integer literal not valid for specified type"));
        }
        if neg
            && matches!(
                kind,
                TypeKind::Integer {
                    signedness: Signedness::Unsigned,
                    ..
                }
            )
        {
            return Err(self.err_at(
                t,
                "negative integer literal not valid for unsigned integer type",
            ));
        }
        let s = self.text(t);
        match self.int_literal_value(s, neg, ty) {
            Ok(v) => Ok(self.make_int_attr(v, ty)),
            Err(m) => Err(self.err_at(t, m)),
        }
    }

    /// An integer attribute; signless `i1` values become `true`/`false` as in MLIR.
    pub fn make_int_attr(&self, v: i128, ty: Type) -> Attribute {
        if matches!(
            self.ctx.type_kind(ty),
            TypeKind::Integer {
                width: 1,
                signedness: Signedness::Signless
            }
        ) {
            return self.ctx.bool_attr(v & 1 == 1);
        }
        self.ctx.attr(AttrKind::Integer { value: v, ty })
    }

    fn parse_strided_attr(&mut self) -> PResult<Attribute> {
        self.bump();
        self.expect(Tok::Less, "expected '<' after 'strided'")?;
        self.expect(Tok::LSquare, "expected '['")?;
        let mut strides = Vec::new();
        if self.tok.kind != Tok::RSquare {
            loop {
                strides.push(self.parse_stride_or_offset()?);
                if !self.eat(Tok::Comma) {
                    break;
                }
            }
        }
        self.expect(Tok::RSquare, "expected ']'")?;
        let mut offset = 0;
        if self.eat(Tok::Comma) {
            self.expect_kw("offset", "expected 'offset' after comma")?;
            self.expect(Tok::Colon, "expected ':' after 'offset'")?;
            offset = self.parse_stride_or_offset()?;
        }
        self.expect(Tok::Greater, "expected '>'")?;
        Ok(self.ctx.attr(AttrKind::StridedLayout {
            offset,
            strides: strides.into(),
        }))
    }

    fn parse_stride_or_offset(&mut self) -> PResult<i64> {
        if self.eat(Tok::Question) {
            return Ok(DYNAMIC);
        }
        let t = self.tok;
        let neg = self.eat(Tok::Minus);
        if self.tok.kind == Tok::Integer {
            if let Some(v) = int_token_value(self.tok_text()) {
                if v <= i64::MAX as u128 {
                    self.bump();
                    let v = v as i64;
                    return Ok(if neg { -v } else { v });
                }
            }
        }
        Err(self.err_at(t, "expected a 64-bit signed integer or '?'"))
    }

    fn parse_dense_array_attr(&mut self) -> PResult<Attribute> {
        self.bump();
        self.expect(Tok::Less, "expected '<' after 'array'")?;
        let type_tok = self.tok;
        let elem = self.parse_type()?;
        let kind = self.ctx.type_kind(elem).clone();
        let width = match &kind {
            TypeKind::Integer { width, .. } => *width,
            TypeKind::Index => 64,
            TypeKind::Float(k) => k.width(),
            _ => {
                let s = super::print_type(self.ctx, elem);
                return Err(self.err_at(
                    type_tok,
                    format!("expected integer or float type, got: '{s}'"),
                ));
            }
        };
        if width != 1 && width % 8 != 0 {
            return Err(self.err_at(type_tok, "element type bitwidth must be a multiple of 8"));
        }
        let nbytes = (width as usize).div_ceil(8);
        let mut data: Vec<u8> = Vec::new();
        let mut len: u32 = 0;
        if !self.eat(Tok::Greater) {
            self.expect(Tok::Colon, "expected ':' after dense array type")?;
            self.comma_list(Delimiter::None, "", |p| {
                let neg = p.eat(Tok::Minus);
                let t = p.tok;
                if let TypeKind::Float(k) = kind {
                    let bits = match t.kind {
                        Tok::Float => {
                            let Some(v) = float::decimal_to_f64(p.text(t)) else {
                                return Err(p.err("floating point value too large"));
                            };
                            crate::numeric::f64_to_bits(if neg { -v } else { v }, k)
                        }
                        Tok::Integer => p.float_from_int_token(t, neg, k)?,
                        _ => return Err(p.err("expected floating point literal")),
                    };
                    p.bump();
                    data.extend_from_slice(&bits.to_le_bytes()[..nbytes]);
                } else {
                    let v: i128 = if p.is_kw("true") || p.is_kw("false") {
                        if width != 1 {
                            return Err(p.err("expected i1 type for 'true' or 'false' values"));
                        }
                        let b = p.is_kw("true");
                        p.bump();
                        b as i128
                    } else if t.kind == Tok::Integer {
                        let s = p.text(t);
                        let v = p
                            .int_literal_value(s, neg, elem)
                            .map_err(|_| p.err_at(t, "integer constant out of range"))?;
                        p.bump();
                        v
                    } else {
                        return Err(p.err("expected integer literal"));
                    };
                    let le = v.to_le_bytes();
                    if nbytes <= 16 {
                        data.extend_from_slice(&le[..nbytes]);
                    } else {
                        // Wider than i128: sign-extend.
                        p.check_literal_size(t, data.len().saturating_add(nbytes))?;
                        data.extend_from_slice(&le);
                        data.resize(data.len() + nbytes - 16, if v < 0 { 0xFF } else { 0 });
                    }
                }
                len += 1;
                Ok(())
            })?;
            self.expect(Tok::Greater, "expected '>' to close an array attribute")?;
        }
        Ok(self.ctx.attr(AttrKind::DenseArray {
            elem,
            len,
            data: data.into(),
        }))
    }

    fn parse_dense_resource_attr(&mut self, ty: Option<Type>) -> PResult<Attribute> {
        let start = self.tok;
        self.bump();
        self.expect(Tok::Less, "expected '<' after 'dense_resource'")?;
        let t = self.tok;
        let name = match t.kind {
            Tok::BareIdent => self.text(t).to_string(),
            Tok::String => self.string_utf8(t)?,
            _ => return Err(self.wrong_token("expected identifier key for 'resource' entry")),
        };
        self.bump();
        self.expect(Tok::Greater, "expected '>'")?;
        let (ty, type_tok) = match ty {
            Some(t) => (t, start),
            None => {
                let tt = self.tok;
                self.expect(Tok::Colon, "expected ':'")?;
                (self.parse_type()?, tt)
            }
        };
        if self.ctx.type_kind(ty).shape().is_none() {
            return Err(self.err_at(type_tok, "`dense_resource` expected a shaped type"));
        }
        let sym = self.resource_symbol(&name);
        Ok(self.ctx.attr(AttrKind::DenseResource { ty, name: sym }))
    }

    /// The context symbol that the resource name `name` of this file maps to.
    pub fn resource_symbol(&mut self, name: &str) -> Symbol {
        if let Some(&s) = self.resource_names.get(name) {
            return s;
        }
        let s = match self.resource_renames.get(name) {
            Some(&s) => s,
            None => self.ctx.sym(name),
        };
        self.resource_names.insert(name.to_string(), s);
        s
    }

    /// `dense<...>` followed by its type unless `ty` is given.
    fn parse_dense_attr(&mut self, ty: Option<Type>) -> PResult<Attribute> {
        let start = self.tok;
        self.bump();
        self.expect(Tok::Less, "expected '<' after 'dense'")?;
        let mut elems: Vec<Elem> = Vec::new();
        let mut shape: Vec<i64> = Vec::new();
        let mut hex: Option<Token> = None;
        if !self.eat(Tok::Greater) {
            if self.tok.kind == Tok::String {
                hex = Some(self.tok);
                self.bump();
            } else if self.tok.kind == Tok::LSquare {
                shape = self.parse_dense_list(&mut elems)?;
            } else {
                self.parse_dense_elem(&mut elems)?;
            }
            self.expect(Tok::Greater, "expected '>'")?;
        }
        let ty = match ty {
            Some(t) => t,
            None => {
                self.expect(Tok::Colon, "expected ':'")?;
                self.parse_type()?
            }
        };
        self.build_dense(start, ty, hex, &shape, &elems)
    }

    fn parse_dense_elem(&mut self, out: &mut Vec<Elem>) -> PResult<()> {
        match self.tok.kind {
            Tok::Float | Tok::Integer | Tok::String => {
                out.push(Elem {
                    neg: false,
                    tok: self.tok,
                });
                self.bump();
            }
            Tok::BareIdent if self.is_kw("true") || self.is_kw("false") => {
                out.push(Elem {
                    neg: false,
                    tok: self.tok,
                });
                self.bump();
            }
            Tok::Minus => {
                self.bump();
                if !matches!(self.tok.kind, Tok::Float | Tok::Integer) {
                    return Err(self.err("expected integer or floating point literal"));
                }
                out.push(Elem {
                    neg: true,
                    tok: self.tok,
                });
                self.bump();
            }
            Tok::LParen => {
                self.bump();
                self.parse_dense_elem(out)?;
                self.expect(Tok::Comma, "expected ',' between complex elements")?;
                self.parse_dense_elem(out)?;
                self.expect(Tok::RParen, "expected ')' after complex elements")?;
            }
            _ => return Err(self.err("expected element literal of primitive type")),
        }
        Ok(())
    }

    /// A nested list; returns the shape.
    fn parse_dense_list(&mut self, out: &mut Vec<Elem>) -> PResult<Vec<i64>> {
        self.enter()?;
        let mut first = true;
        let mut inner: Vec<i64> = Vec::new();
        let mut size: i64 = 0;
        let r = self.comma_list(Delimiter::Square, "", |p| {
            let this = if p.tok.kind == Tok::LSquare {
                p.parse_dense_list(out)?
            } else {
                p.parse_dense_elem(out)?;
                Vec::new()
            };
            size += 1;
            if first {
                inner = this;
                first = false;
            } else if inner != this {
                return Err(
                    p.err("tensor literal is invalid; ranks are not consistent between elements")
                );
            }
            Ok(())
        });
        self.leave();
        r?;
        let mut dims = vec![size];
        dims.extend(inner);
        Ok(dims)
    }

    fn build_dense(
        &mut self,
        at: Token,
        ty: Type,
        hex: Option<Token>,
        lit_shape: &[i64],
        elems: &[Elem],
    ) -> PResult<Attribute> {
        let ctx = self.ctx;
        let (shape, elem_ty) = match ctx.type_kind(ty) {
            TypeKind::RankedTensor { shape, elem, .. } | TypeKind::Vector { shape, elem, .. } => {
                (shape.clone(), *elem)
            }
            TypeKind::UnrankedTensor(_) => {
                return Err(self.err_at(at, "elements literal type must have static shape"))
            }
            _ => return Err(self.err_at(at, "elements literal must be a shaped type")),
        };
        let Some(n) = num_elements(&shape) else {
            return Err(self.err_at(at, "elements literal type must have static shape"));
        };
        let (part_ty, complex) = match ctx.type_kind(elem_ty) {
            TypeKind::Complex(e) => (*e, true),
            _ => (elem_ty, false),
        };
        let Some(part_bytes) = scalar_bytes(ctx, part_ty) else {
            if hex.is_some() {
                return Err(self.err_at(
                    at,
                    format!(
                        "expected floating-point, integer, or complex element type, got '{}'",
                        super::print_type(ctx, elem_ty)
                    ),
                ));
            }
            return Err(self.err_at(
                at,
                "unsupported attribute: dense string elements are not supported",
            ));
        };
        let elem_bytes = part_bytes * if complex { 2 } else { 1 };
        let is_bool = matches!(ctx.type_kind(elem_ty), TypeKind::Integer { width: 1, .. });
        if let Some(h) = hex {
            let s = self.text(h);
            let body = s.get(1..s.len().saturating_sub(1)).unwrap_or("");
            let Some(raw) = decode_hex(body) else {
                return Err(self.err_at(
                    h,
                    "expected string containing hex digits starting with `0x`",
                ));
            };
            let bad = || {
                format!(
                    "elements hex data size is invalid for provided type: '{}'",
                    super::print_type(ctx, ty)
                )
            };
            if is_bool {
                if raw.len() == 1 && (raw[0] == 0 || raw[0] == 0xFF) {
                    return Ok(self.dense_from_bytes(ty, true, vec![(raw[0] & 1)]));
                }
                if raw.len() as u64 != n.div_ceil(8) {
                    return Err(self.err_at(at, bad()));
                }
                let bytes: Vec<u8> = (0..n as usize)
                    .map(|i| (raw[i / 8] >> (i % 8)) & 1)
                    .collect();
                return Ok(self.dense_maybe_splat(ty, bytes, 1));
            }
            if raw.len() == elem_bytes {
                return Ok(self.dense_from_bytes(ty, true, raw));
            }
            if (raw.len() as u64) != n.saturating_mul(elem_bytes as u64) {
                return Err(self.err_at(at, bad()));
            }
            return Ok(self.dense_maybe_splat(ty, raw, elem_bytes));
        }
        if !lit_shape.is_empty() && lit_shape != &*shape {
            let fmt = |s: &[i64]| {
                s.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let msg = format!(
                "inferred shape of elements literal ([{}]) does not match type ([{}])",
                fmt(lit_shape),
                fmt(&shape)
            );
            return Err(self.err_at(at, msg));
        }
        if elems.is_empty() && n != 0 {
            let msg = format!(
                "parsed zero elements, but type ('{}') expected at least 1",
                super::print_type(ctx, ty)
            );
            return Err(self.err_at(at, msg));
        }
        if complex {
            let splat = lit_shape.is_empty() && n != 0;
            if splat && elems.len() != 2 {
                let msg = format!(
                    "parsed {} elements, but type ('{}') expected 2 elements",
                    elems.len(),
                    super::print_type(ctx, elem_ty)
                );
                return Err(self.err_at(at, msg));
            }
            if !lit_shape.is_empty() && elems.len() as u64 != n * 2 {
                let msg = format!(
                    "parsed {} elements, but type ('{}') expected {} elements",
                    elems.len(),
                    super::print_type(ctx, ty),
                    n * 2
                );
                return Err(self.err_at(at, msg));
            }
        }
        // Guard against absurd sizes before allocating.
        let total = elems.len().saturating_mul(part_bytes);
        self.check_literal_size(at, total)?;
        let mut data: Vec<u8> = Vec::with_capacity(total);
        let part_kind = ctx.type_kind(part_ty).clone();
        for e in elems {
            match &part_kind {
                TypeKind::Float(k) => {
                    let bits = match e.tok.kind {
                        Tok::Float => {
                            let Some(v) = float::decimal_to_f64(self.text(e.tok)) else {
                                return Err(self.err_at(e.tok, "floating point value too large"));
                            };
                            crate::numeric::f64_to_bits(if e.neg { -v } else { v }, *k)
                        }
                        Tok::Integer => self.float_from_int_token(e.tok, e.neg, *k)?,
                        _ => return Err(self.err_at(e.tok, "expected floating point literal")),
                    };
                    data.extend_from_slice(&bits.to_le_bytes()[..part_bytes]);
                }
                _ => {
                    let unsigned = matches!(
                        part_kind,
                        TypeKind::Integer {
                            signedness: Signedness::Unsigned,
                            ..
                        }
                    );
                    if e.neg && unsigned {
                        return Err(self.err_at(
                            e.tok,
                            "expected unsigned integer elements, but parsed negative value",
                        ));
                    }
                    let v: i128 = match e.tok.kind {
                        Tok::Float => {
                            return Err(self.err_at(
                                e.tok,
                                "expected integer elements, but parsed floating-point",
                            ))
                        }
                        Tok::BareIdent => {
                            if !matches!(part_kind, TypeKind::Integer { width: 1, .. }) {
                                return Err(self.err_at(
                                    e.tok,
                                    "expected i1 type for 'true' or 'false' values",
                                ));
                            }
                            (self.text(e.tok) == "true") as i128
                        }
                        Tok::Integer => {
                            let s = self.text(e.tok);
                            match self.int_literal_value(s, e.neg, part_ty) {
                                Ok(v) => v,
                                Err(_) => {
                                    return Err(self
                                        .err_at(e.tok, "integer constant out of range for type"))
                                }
                            }
                        }
                        _ => {
                            return Err(
                                self.err_at(e.tok, "expected integer elements, but parsed string")
                            )
                        }
                    };
                    let width = match part_kind {
                        TypeKind::Integer { width, .. } => width,
                        _ => 64,
                    };
                    let masked = if width >= 128 {
                        v
                    } else {
                        ((v as u128) & ((1u128 << width) - 1)) as i128
                    };
                    let le = masked.to_le_bytes();
                    if part_bytes <= 16 {
                        data.extend_from_slice(&le[..part_bytes]);
                    } else {
                        data.extend_from_slice(&le);
                        let fill = if v < 0 && width >= 128 { 0xFF } else { 0 };
                        data.resize(data.len() + part_bytes - 16, fill);
                    }
                }
            }
        }
        if lit_shape.is_empty() {
            if data.is_empty() {
                return Ok(self.dense_from_bytes(ty, false, data));
            }
            if data.len() == elem_bytes {
                // A single element (or complex pair): a splat.
                return Ok(self.dense_from_bytes(ty, true, data));
            }
            // `dense<(1, 2)> : tensor<2xi32>` (MLIR reads the pair as the elements).
            if data.len() as u64 == n.saturating_mul(elem_bytes as u64) {
                return Ok(self.dense_maybe_splat(ty, data, elem_bytes));
            }
            let msg = format!(
                "parsed {} elements, but type ('{}') expected {n}",
                elems.len(),
                super::print_type(ctx, ty)
            );
            return Err(self.err_at(at, msg));
        }
        Ok(self.dense_maybe_splat(ty, data, elem_bytes))
    }

    /// Reject literals whose decoded size is far beyond what their text could need (only
    /// very wide integer types get there), instead of allocating gigabytes.
    fn check_literal_size(&mut self, at: Token, bytes: usize) -> PResult<()> {
        let limit = (16usize << 20).max(self.src.len().saturating_mul(32));
        if bytes > limit {
            return Err(self.err_at(
                at,
                format!("unsupported: elements literal too large ({bytes} bytes)"),
            ));
        }
        Ok(())
    }

    fn dense_from_bytes(&self, ty: Type, splat: bool, data: Vec<u8>) -> Attribute {
        self.ctx.attr(AttrKind::DenseElements {
            ty,
            splat,
            data: data.into(),
        })
    }

    /// Build a dense attribute from full data, detecting splats as MLIR does.
    fn dense_maybe_splat(&self, ty: Type, data: Vec<u8>, elem_bytes: usize) -> Attribute {
        if elem_bytes > 0 && data.len() >= elem_bytes {
            let first = &data[..elem_bytes];
            if data.chunks(elem_bytes).all(|c| c == first) {
                let one = first.to_vec();
                return self.dense_from_bytes(ty, true, one);
            }
        }
        self.dense_from_bytes(ty, false, data)
    }

    // ----- locations -----

    /// A location instance (the contents of `loc(...)`).
    pub fn parse_location_instance(&mut self) -> PResult<Location> {
        self.enter()?;
        let r = self.parse_location_inner();
        self.leave();
        r
    }

    fn parse_location_inner(&mut self) -> PResult<Location> {
        let ctx = self.ctx;
        match self.tok.kind {
            Tok::HashIdent => {
                let t = self.tok;
                let a = self.parse_extended_attr(None)?;
                if matches!(ctx.attr_kind(a), AttrKind::Location(_)) {
                    Ok(Location(a))
                } else {
                    let s = super::print_attr(ctx, a);
                    Err(self.err_at(t, format!("expected location attribute, but got{s}")))
                }
            }
            Tok::String => self.parse_name_or_file_loc(),
            Tok::BareIdent => match self.tok_text() {
                "callsite" => {
                    self.bump();
                    self.expect(Tok::LParen, "expected '(' in callsite location")?;
                    let callee = self.parse_location_instance()?;
                    self.expect_kw("at", "expected 'at' in callsite location")?;
                    let caller = self.parse_location_instance()?;
                    self.expect(Tok::RParen, "expected ')' in callsite location")?;
                    Ok(ctx.loc(LocKind::CallSite {
                        callee: callee.0,
                        caller: caller.0,
                    }))
                }
                "fused" => {
                    self.bump();
                    let mut metadata = None;
                    if self.eat(Tok::Less) {
                        metadata = Some(self.parse_attribute()?);
                        self.expect(Tok::Greater, "expected '>' after fused location metadata")?;
                    }
                    let mut locs = Vec::new();
                    self.comma_list(Delimiter::Square, " in fused location", |p| {
                        locs.push(p.parse_location_instance()?);
                        Ok(())
                    })?;
                    Ok(make_fused_loc(ctx, &locs, metadata))
                }
                "unknown" => {
                    self.bump();
                    Ok(ctx.unknown_loc())
                }
                _ => Err(self.wrong_token("expected location instance")),
            },
            _ => Err(self.wrong_token("expected location instance")),
        }
    }

    fn parse_name_or_file_loc(&mut self) -> PResult<Location> {
        let ctx = self.ctx;
        let t = self.tok;
        let s = self.string_utf8(t)?;
        self.bump();
        if self.eat(Tok::Colon) {
            let line = self.parse_loc_uint("expected integer line number in FileLineColRange")?;
            if self.tok.kind != Tok::Colon {
                return Ok(ctx.loc(LocKind::FileLineCol {
                    file: ctx.sym(&s),
                    line,
                    col: 0,
                    end: None,
                }));
            }
            self.bump();
            let col = self.parse_loc_uint("expected integer column number in FileLineColRange")?;
            if !self.is_kw("to") {
                return Ok(ctx.loc(LocKind::FileLineCol {
                    file: ctx.sym(&s),
                    line,
                    col,
                    end: None,
                }));
            }
            self.bump();
            let mut end_line = None;
            if self.tok.kind == Tok::Integer {
                end_line =
                    Some(self.parse_loc_uint("expected integer line number in FileLineColRange")?);
            }
            if self.tok.kind != Tok::Colon {
                return Err(self
                    .wrong_token("expected either integer or `:` post `to` in FileLineColRange"));
            }
            self.bump();
            let end_col =
                self.parse_loc_uint("expected integer column number in FileLineColRange")?;
            let end_line = end_line.unwrap_or(line);
            let end = if (end_line, end_col) == (line, col) {
                None
            } else {
                Some((end_line, end_col))
            };
            return Ok(ctx.loc(LocKind::FileLineCol {
                file: ctx.sym(&s),
                line,
                col,
                end,
            }));
        }
        if self.eat(Tok::LParen) {
            let child = self.parse_location_instance()?;
            self.expect(Tok::RParen, "expected ')' after child location of NameLoc")?;
            let child = if matches!(ctx.loc_kind(child), LocKind::Unknown) {
                None
            } else {
                Some(child.0)
            };
            return Ok(ctx.loc(LocKind::Name {
                name: ctx.sym(&s),
                child,
            }));
        }
        Ok(ctx.loc(LocKind::Name {
            name: ctx.sym(&s),
            child: None,
        }))
    }

    fn parse_loc_uint(&mut self, msg: &str) -> PResult<u32> {
        if self.tok.kind != Tok::Integer {
            return Err(self.wrong_token(msg));
        }
        match int_token_value(self.tok_text()) {
            Some(v) if v <= u32::MAX as u128 => {
                self.bump();
                Ok(v as u32)
            }
            _ => Err(self.wrong_token(msg)),
        }
    }

    // ----- affine maps and integer sets -----

    /// After `affine_map<` / `affine_set<`: `(dims)[syms] -> (exprs)` or `(dims)[syms] :
    /// (constraints)`.
    pub fn parse_affine_map_or_set(&mut self) -> PResult<Result<AffineMap, IntegerSet>> {
        let mut names: Vec<(&'a str, AffineExpr)> = Vec::new();
        let mut num_dims = 0u32;
        let mut num_syms = 0u32;
        self.comma_list(Delimiter::Paren, " in dimensional identifier list", |p| {
            let n = p.parse_affine_ident(&names)?;
            names.push((n, AffineExpr::Dim(num_dims)));
            num_dims += 1;
            Ok(())
        })?;
        if self.tok.kind == Tok::LSquare {
            self.comma_list(Delimiter::Square, " in symbol list", |p| {
                let n = p.parse_affine_ident(&names)?;
                names.push((n, AffineExpr::Symbol(num_syms)));
                num_syms += 1;
                Ok(())
            })?;
        }
        if self.eat(Tok::Arrow) {
            let mut results = Vec::new();
            self.comma_list(Delimiter::Paren, " in affine map range", |p| {
                results.push(p.parse_affine_expr(&names)?);
                Ok(())
            })?;
            return Ok(Ok(AffineMap {
                num_dims,
                num_symbols: num_syms,
                results,
            }));
        }
        if self.eat(Tok::Colon) {
            let mut constraints = Vec::new();
            self.comma_list(Delimiter::Paren, " in integer set constraint list", |p| {
                let lhs = p.parse_affine_expr(&names)?;
                let c = if p.tok.kind == Tok::Greater && p.peek().kind == Tok::Equal {
                    p.bump();
                    p.bump();
                    let rhs = p.parse_affine_expr(&names)?;
                    AffineConstraint {
                        expr: af::sub(lhs, rhs),
                        is_eq: false,
                    }
                } else if p.tok.kind == Tok::Less && p.peek().kind == Tok::Equal {
                    p.bump();
                    p.bump();
                    let rhs = p.parse_affine_expr(&names)?;
                    AffineConstraint {
                        expr: af::sub(rhs, lhs),
                        is_eq: false,
                    }
                } else if p.tok.kind == Tok::Equal && p.peek().kind == Tok::Equal {
                    p.bump();
                    p.bump();
                    let rhs = p.parse_affine_expr(&names)?;
                    AffineConstraint {
                        expr: af::sub(lhs, rhs),
                        is_eq: true,
                    }
                } else {
                    return Err(p.err(
                        "expected '== affine-expr' or '>= affine-expr' at end of affine constraint",
                    ));
                };
                p.check_affine_depth(&c.expr)?;
                constraints.push(c);
                Ok(())
            })?;
            if constraints.is_empty() {
                constraints.push(AffineConstraint {
                    expr: AffineExpr::Const(0),
                    is_eq: true,
                });
            }
            return Ok(Err(IntegerSet {
                num_dims,
                num_symbols: num_syms,
                constraints,
            }));
        }
        Err(self.wrong_token("expected '->' or ':'"))
    }

    fn parse_affine_ident(&mut self, names: &[(&'a str, AffineExpr)]) -> PResult<&'a str> {
        if self.tok.kind != Tok::BareIdent {
            return Err(self.wrong_token("expected bare identifier"));
        }
        let n = self.tok_text();
        if names.iter().any(|(m, _)| *m == n) {
            return Err(self.err(format!("redefinition of identifier '{n}'")));
        }
        self.bump();
        Ok(n)
    }

    fn check_affine_depth(&mut self, e: &AffineExpr) -> PResult<()> {
        if af::deeper_than(e, self.nesting_limit) {
            let msg = format!("nesting limit exceeded (limit {})", self.nesting_limit);
            return Err(self.err(msg));
        }
        Ok(())
    }

    /// An affine expression with `+`/`-` (low) and `*`/`floordiv`/`ceildiv`/`mod` (high)
    /// precedence, left associative.
    pub fn parse_affine_expr(&mut self, names: &[(&'a str, AffineExpr)]) -> PResult<AffineExpr> {
        let mut acc: Option<(AffineExpr, bool)> = None; // pending (lhs, is_sub)
        loop {
            let term = self.parse_affine_term(names, acc.is_some())?;
            let e = match acc.take() {
                None => term,
                Some((l, false)) => af::add(l, term),
                Some((l, true)) => af::sub(l, term),
            };
            self.check_affine_depth(&e)?;
            match self.tok.kind {
                Tok::Plus => {
                    self.bump();
                    acc = Some((e, false));
                }
                Tok::Minus => {
                    self.bump();
                    acc = Some((e, true));
                }
                _ => return Ok(e),
            }
        }
    }

    fn high_prec_op(&self) -> Option<u8> {
        match self.tok.kind {
            Tok::Star => Some(b'*'),
            Tok::BareIdent => match self.tok_text() {
                "floordiv" => Some(b'f'),
                "ceildiv" => Some(b'c'),
                "mod" => Some(b'm'),
                _ => None,
            },
            _ => None,
        }
    }

    fn parse_affine_term(
        &mut self,
        names: &[(&'a str, AffineExpr)],
        has_lhs: bool,
    ) -> PResult<AffineExpr> {
        let mut lhs = self.parse_affine_operand(names, has_lhs)?;
        while let Some(op) = self.high_prec_op() {
            let op_tok = self.tok;
            self.bump();
            let rhs = self.parse_affine_operand(names, true)?;
            lhs = match op {
                b'*' => {
                    if !af::is_symbolic_or_constant(&lhs) && !af::is_symbolic_or_constant(&rhs) {
                        return Err(self.err_at(
                            op_tok,
                            "non-affine expression: at least one of the multiply operands has to \
                             be either a constant or symbolic",
                        ));
                    }
                    af::mul(lhs, rhs)
                }
                _ => {
                    let name = match op {
                        b'f' => "floordiv",
                        b'c' => "ceildiv",
                        _ => "mod",
                    };
                    if !af::is_symbolic_or_constant(&rhs) {
                        return Err(self.err_at(
                            op_tok,
                            format!(
                                "non-affine expression: right operand of {name} has to be either \
                                 a constant or symbolic"
                            ),
                        ));
                    }
                    match op {
                        b'f' => af::floordiv(lhs, rhs),
                        b'c' => af::ceildiv(lhs, rhs),
                        _ => af::modulo_expr(lhs, rhs),
                    }
                }
            };
            self.check_affine_depth(&lhs)?;
        }
        Ok(lhs)
    }

    fn parse_affine_operand(
        &mut self,
        names: &[(&'a str, AffineExpr)],
        has_lhs: bool,
    ) -> PResult<AffineExpr> {
        match self.tok.kind {
            Tok::BareIdent => {
                let n = self.tok_text();
                match names.iter().rev().find(|(m, _)| *m == n) {
                    Some((_, e)) => {
                        let e = e.clone();
                        self.bump();
                        Ok(e)
                    }
                    None => Err(self.err("use of undeclared identifier")),
                }
            }
            Tok::Integer => match int_token_value(self.tok_text()) {
                Some(v) if v <= i64::MAX as u128 => {
                    self.bump();
                    Ok(AffineExpr::Const(v as i64))
                }
                _ => Err(self.err("constant too large for index")),
            },
            Tok::LParen => {
                self.enter()?;
                self.bump();
                if self.tok.kind == Tok::RParen {
                    self.leave();
                    return Err(self.err("no expression inside parentheses"));
                }
                let r = self.parse_affine_expr(names);
                self.leave();
                let e = r?;
                self.expect(Tok::RParen, "expected ')'")?;
                Ok(e)
            }
            Tok::Minus => {
                self.enter()?;
                self.bump();
                let r = self.parse_affine_operand(names, has_lhs);
                self.leave();
                match r {
                    Ok(e) => Ok(af::neg(e)),
                    Err(e) => Err(e),
                }
            }
            Tok::Plus | Tok::Star => Err(self.err(if has_lhs {
                "missing right operand of binary operator"
            } else {
                "missing left operand of binary operator"
            })),
            _ => Err(self.err(if has_lhs {
                "missing right operand of binary operator"
            } else {
                "expected affine expression"
            })),
        }
    }
}

fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    let h = s.strip_prefix("0x")?;
    if h.len() % 2 != 0 || !h.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let b = h.as_bytes();
    Some(
        (0..b.len() / 2)
            .map(|i| (hex_val(b[2 * i]) << 4) | hex_val(b[2 * i + 1]))
            .collect(),
    )
}

/// Decode `"0x..."` hex text (as in resource blobs).
pub(crate) fn decode_hex_str(s: &str) -> Option<Vec<u8>> {
    decode_hex(s)
}

fn valid_tensor_elem(k: &TypeKind) -> bool {
    matches!(
        k,
        TypeKind::Complex(_)
            | TypeKind::Float(_)
            | TypeKind::Integer { .. }
            | TypeKind::Opaque { .. }
            | TypeKind::Vector { .. }
            | TypeKind::Index
    )
}

fn valid_memref_elem(k: &TypeKind) -> bool {
    matches!(
        k,
        TypeKind::Complex(_)
            | TypeKind::MemRef { .. }
            | TypeKind::Vector { .. }
            | TypeKind::UnrankedMemRef { .. }
            | TypeKind::Float(_)
            | TypeKind::Integer { .. }
            | TypeKind::Index
            | TypeKind::Opaque { .. }
    )
}

/// `FusedLoc::get`: flattens nested fused locations with the same metadata, drops unknown
/// locations and duplicates, and returns the single location (or `unknown`) when there is
/// nothing to fuse and no metadata.
pub(crate) fn make_fused_loc(
    ctx: &Context,
    locs: &[Location],
    metadata: Option<Attribute>,
) -> Location {
    let mut out: Vec<Attribute> = Vec::new();
    for l in locs {
        match ctx.loc_kind(*l) {
            LocKind::Fused {
                locs: inner,
                metadata: m,
            } if *m == metadata => {
                for &i in inner.iter() {
                    if !out.contains(&i) {
                        out.push(i);
                    }
                }
            }
            LocKind::Unknown => {}
            _ => {
                if !out.contains(&l.0) {
                    out.push(l.0);
                }
            }
        }
    }
    if out.is_empty() {
        if metadata.is_none() {
            return ctx.unknown_loc();
        }
        return ctx.loc(LocKind::Fused {
            locs: Box::new([ctx.unknown_loc().0]),
            metadata,
        });
    }
    if out.len() == 1 && metadata.is_none() {
        return Location(out[0]);
    }
    ctx.loc(LocKind::Fused {
        locs: out.into(),
        metadata,
    })
}
