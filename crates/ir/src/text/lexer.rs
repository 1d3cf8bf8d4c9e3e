//! The MLIR lexer: turns source text into [`Token`]s that slice the source (no per-token
//! allocation). Mirrors `mlir/lib/AsmParser/Lexer.cpp`: the same token kinds, the same error
//! messages and the same quirks (`1e5` is the integer `1` followed by `e5`, `0xf32` is `0`
//! then `xf32` in shapes, ...). Columns count bytes, as LLVM's `SourceMgr` does.

/// Token kinds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Tok {
    /// End of input.
    Eof,
    /// A lexing error; the message is in [`Lexer::error`].
    Error,
    /// `foo`, `foo.bar`, `i32`, `f32`, keywords.
    BareIdent,
    /// `@foo` or `@"foo"`.
    AtIdent,
    /// `#foo`, `#foo.bar`, `#1`.
    HashIdent,
    /// `%foo`, `%12`.
    PercentIdent,
    /// `^bb0`.
    CaretIdent,
    /// `!foo`, `!foo.bar`.
    ExclIdent,
    /// `123`, `0x1F`.
    Integer,
    /// `1.5`, `1.0e-3`.
    Float,
    /// `"..."`.
    String,
    Arrow,
    Colon,
    Comma,
    Ellipsis,
    Equal,
    Greater,
    LBrace,
    LParen,
    LSquare,
    Less,
    Minus,
    Plus,
    Question,
    RBrace,
    RParen,
    RSquare,
    Star,
    VBar,
    /// `{-#`.
    MetaBegin,
    /// `#-}`.
    MetaEnd,
}

/// A token: its kind, its byte range in the source and the 1-based line and (byte) column
/// of its first character.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub kind: Tok,
    pub start: u32,
    pub end: u32,
    pub line: u32,
    pub col: u32,
}

/// A lexer over a source buffer. Cheap to copy (for look-ahead).
#[derive(Clone, Copy)]
pub(crate) struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    line: u32,
    line_start: usize,
    /// Position, line, column and message of the last error token.
    pub error: (u32, u32, u32, &'static str),
}

const BLANK: u8 = 1;
const BARE: u8 = 2; // [a-zA-Z0-9_$.]
const SUFFIX: u8 = 4; // [a-zA-Z0-9$._-]
const DIGIT: u8 = 8; // [0-9]

/// Character classes for the hot lexing loops.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        let mut k = 0;
        if c == b' ' || c == b'\t' || c == b'\r' || c == b'\n' {
            k |= BLANK;
        }
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c == b'.' {
            k |= BARE;
        }
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c == b'.' || c == b'-' {
            k |= SUFFIX;
        }
        if c.is_ascii_digit() {
            k |= DIGIT;
        }
        t[i] = k;
        i += 1;
    }
    t
};

fn is_alpha(c: u8) -> bool {
    c.is_ascii_alphabetic()
}
fn is_digit(c: u8) -> bool {
    c.is_ascii_digit()
}
fn is_punct(c: u8) -> bool {
    matches!(c, b'$' | b'.' | b'_' | b'-')
}
#[inline]
fn is_bare_char(c: u8) -> bool {
    CLASS[c as usize] & BARE != 0
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a [u8]) -> Self {
        Lexer {
            src,
            pos: 0,
            line: 1,
            line_start: 0,
            error: (0, 1, 1, ""),
        }
    }

    /// The byte at `i`, or 0 past the end (like LLVM's NUL-terminated buffers).
    #[inline]
    fn at(&self, i: usize) -> u8 {
        self.src.get(i).copied().unwrap_or(0)
    }

    /// Move back (or forward) to `pos`, which must be on the current line at or after its
    /// start (used to split tokens such as `xf32` in shapes).
    pub fn reset_to(&mut self, pos: usize) {
        debug_assert!(pos >= self.line_start);
        self.pos = pos.max(self.line_start);
    }

    fn form(&self, kind: Tok, start: usize, line: u32, col: u32) -> Token {
        Token {
            kind,
            start: start as u32,
            end: self.pos as u32,
            line,
            col,
        }
    }

    fn err(&mut self, at: usize, msg: &'static str) -> Token {
        // `at` is on the current line for every error the lexer reports.
        let col = (at.saturating_sub(self.line_start)) as u32 + 1;
        self.error = (at as u32, self.line, col, msg);
        Token {
            kind: Tok::Error,
            start: at as u32,
            end: at as u32,
            line: self.line,
            col,
        }
    }

    /// Lex the next token.
    pub fn next_token(&mut self) -> Token {
        loop {
            // Skip blanks in a tight loop first.
            let src = self.src;
            let mut p = self.pos;
            while let Some(&c) = src.get(p) {
                if CLASS[c as usize] & BLANK == 0 {
                    break;
                }
                p += 1;
                if c == b'\n' {
                    self.line += 1;
                    self.line_start = p;
                }
            }
            self.pos = p;
            let start = self.pos;
            let line = self.line;
            let col = (start - self.line_start) as u32 + 1;
            let Some(&c) = self.src.get(start) else {
                return self.form(Tok::Eof, start, line, col);
            };
            self.pos += 1;
            let t = match c {
                b' ' | b'\t' | b'\r' => continue,
                b'\n' => {
                    self.line += 1;
                    self.line_start = self.pos;
                    continue;
                }
                0 => continue,
                b'_' => self.lex_bare(start, line, col),
                b':' => self.form(Tok::Colon, start, line, col),
                b',' => self.form(Tok::Comma, start, line, col),
                b'.' => {
                    if self.at(self.pos) == b'.' && self.at(self.pos + 1) == b'.' {
                        self.pos += 2;
                        self.form(Tok::Ellipsis, start, line, col)
                    } else {
                        self.err(start, "expected three consecutive dots for an ellipsis")
                    }
                }
                b'(' => self.form(Tok::LParen, start, line, col),
                b')' => self.form(Tok::RParen, start, line, col),
                b'{' => {
                    if self.at(self.pos) == b'-' && self.at(self.pos + 1) == b'#' {
                        self.pos += 2;
                        self.form(Tok::MetaBegin, start, line, col)
                    } else {
                        self.form(Tok::LBrace, start, line, col)
                    }
                }
                b'}' => self.form(Tok::RBrace, start, line, col),
                b'[' => self.form(Tok::LSquare, start, line, col),
                b']' => self.form(Tok::RSquare, start, line, col),
                b'<' => self.form(Tok::Less, start, line, col),
                b'>' => self.form(Tok::Greater, start, line, col),
                b'=' => self.form(Tok::Equal, start, line, col),
                b'+' => self.form(Tok::Plus, start, line, col),
                b'*' => self.form(Tok::Star, start, line, col),
                b'-' => {
                    if self.at(self.pos) == b'>' {
                        self.pos += 1;
                        self.form(Tok::Arrow, start, line, col)
                    } else {
                        self.form(Tok::Minus, start, line, col)
                    }
                }
                b'?' => self.form(Tok::Question, start, line, col),
                b'|' => self.form(Tok::VBar, start, line, col),
                b'/' => {
                    if self.at(self.pos) == b'/' {
                        while self.pos < self.src.len() && self.src[self.pos] != b'\n' {
                            self.pos += 1;
                        }
                        continue;
                    }
                    self.err(start, "unexpected character")
                }
                b'@' => self.lex_at(start, line, col),
                b'#' => {
                    if self.at(self.pos) == b'-' && self.at(self.pos + 1) == b'}' {
                        self.pos += 2;
                        self.form(Tok::MetaEnd, start, line, col)
                    } else {
                        self.lex_prefixed(c, start, line, col)
                    }
                }
                b'!' | b'^' | b'%' => self.lex_prefixed(c, start, line, col),
                b'"' => self.lex_string(start, line, col),
                b'0'..=b'9' => self.lex_number(start, line, col),
                c if is_alpha(c) => self.lex_bare(start, line, col),
                _ => self.err(start, "unexpected character"),
            };
            return t;
        }
    }

    fn lex_bare(&mut self, start: usize, line: u32, col: u32) -> Token {
        self.pos = self.skip_class(self.pos, BARE);
        self.form(Tok::BareIdent, start, line, col)
    }

    /// The first position at or after `p` whose byte is not in character class `class`.
    #[inline]
    fn skip_class(&self, mut p: usize, class: u8) -> usize {
        while let Some(&c) = self.src.get(p) {
            if CLASS[c as usize] & class == 0 {
                break;
            }
            p += 1;
        }
        p
    }

    fn lex_at(&mut self, start: usize, line: u32, col: u32) -> Token {
        let c = self.at(self.pos);
        if c == b'"' {
            self.pos += 1;
            let t = self.lex_string(start + 1, line, col + 1);
            if t.kind == Tok::Error {
                return t;
            }
            return self.form(Tok::AtIdent, start, line, col);
        }
        if !is_alpha(c) && c != b'_' {
            return self.err(
                start + 1,
                "@ identifier expected to start with letter or '_'",
            );
        }
        self.pos += 1;
        while is_bare_char(self.at(self.pos)) {
            self.pos += 1;
        }
        self.form(Tok::AtIdent, start, line, col)
    }

    fn lex_prefixed(&mut self, c: u8, start: usize, line: u32, col: u32) -> Token {
        let n = self.at(self.pos);
        if is_digit(n) {
            self.pos = self.skip_class(self.pos + 1, DIGIT);
        } else if is_alpha(n) || is_punct(n) {
            self.pos = self.skip_class(self.pos + 1, SUFFIX);
        } else {
            let msg = match c {
                b'#' => "invalid attribute name",
                b'%' => "invalid SSA name",
                b'^' => "invalid block name",
                _ => "invalid type identifier",
            };
            return self.err(start, msg);
        }
        let kind = match c {
            b'#' => Tok::HashIdent,
            b'%' => Tok::PercentIdent,
            b'^' => Tok::CaretIdent,
            _ => Tok::ExclIdent,
        };
        self.form(kind, start, line, col)
    }

    fn lex_number(&mut self, start: usize, line: u32, col: u32) -> Token {
        let first = self.src[start];
        if first == b'0' && self.at(self.pos) == b'x' {
            if !self.at(self.pos + 1).is_ascii_hexdigit() {
                return self.form(Tok::Integer, start, line, col);
            }
            self.pos += 2;
            while self.at(self.pos).is_ascii_hexdigit() {
                self.pos += 1;
            }
            return self.form(Tok::Integer, start, line, col);
        }
        while is_digit(self.at(self.pos)) {
            self.pos += 1;
        }
        if self.at(self.pos) != b'.' {
            return self.form(Tok::Integer, start, line, col);
        }
        self.pos += 1;
        while is_digit(self.at(self.pos)) {
            self.pos += 1;
        }
        let e = self.at(self.pos);
        if e == b'e' || e == b'E' {
            let n1 = self.at(self.pos + 1);
            let n2 = self.at(self.pos + 2);
            if is_digit(n1) || ((n1 == b'-' || n1 == b'+') && is_digit(n2)) {
                self.pos += 2;
                while is_digit(self.at(self.pos)) {
                    self.pos += 1;
                }
            }
        }
        self.form(Tok::Float, start, line, col)
    }

    /// Lex a string whose opening quote is at `start` (already consumed).
    fn lex_string(&mut self, start: usize, line: u32, col: u32) -> Token {
        loop {
            // Plain characters in bulk.
            while let Some(&c) = self.src.get(self.pos) {
                if c == b'"' || c == b'\\' || c == b'\n' || c == 0x0B || c == 0x0C {
                    break;
                }
                self.pos += 1;
            }
            let i = self.pos;
            let Some(&c) = self.src.get(i) else {
                return self.err(i, "expected '\"' in string literal");
            };
            self.pos += 1;
            match c {
                b'"' => return self.form(Tok::String, start, line, col),
                b'\n' | 0x0B | 0x0C => return self.err(i, "expected '\"' in string literal"),
                b'\\' => {
                    let n = self.at(self.pos);
                    if matches!(n, b'"' | b'\\' | b'n' | b't') {
                        self.pos += 1;
                    } else if n.is_ascii_hexdigit() && self.at(self.pos + 1).is_ascii_hexdigit() {
                        self.pos += 2;
                    } else {
                        return self.err(i, "unknown escape in string literal");
                    }
                }
                _ => {}
            }
        }
    }

    /// Scan a pretty dialect symbol body starting at the `<` at the current position
    /// (`pretty-dialect-sym-body`), returning the end position just after the matching `>`.
    /// Newlines inside are tracked. On error returns the position and message.
    pub fn scan_dialect_body(&mut self) -> Result<usize, (usize, String)> {
        let mut stack: Vec<u8> = Vec::new();
        debug_assert_eq!(self.at(self.pos), b'<');
        loop {
            let i = self.pos;
            let Some(&c) = self.src.get(i) else {
                return Err((
                    i,
                    match stack.last() {
                        Some(&p) => {
                            format!(
                                "unbalanced '{}' character in pretty dialect name",
                                p as char
                            )
                        }
                        None => "unexpected nul or EOF in pretty dialect name".to_string(),
                    },
                ));
            };
            self.pos += 1;
            match c {
                0 => {
                    return Err((
                        i,
                        match stack.last() {
                            Some(&p) => format!(
                                "unbalanced '{}' character in pretty dialect name",
                                p as char
                            ),
                            None => "unexpected nul or EOF in pretty dialect name".to_string(),
                        },
                    ))
                }
                b'\n' => {
                    self.line += 1;
                    self.line_start = self.pos;
                }
                b'<' | b'[' | b'(' | b'{' => stack.push(c),
                b'-' if self.at(self.pos) == b'>' => {
                    self.pos += 1;
                }
                b'>' | b']' | b')' | b'}' => {
                    let open = match c {
                        b'>' => b'<',
                        b']' => b'[',
                        b')' => b'(',
                        _ => b'{',
                    };
                    if stack.pop() != Some(open) {
                        return Err((
                            i,
                            format!(
                                "unbalanced '{}' character in pretty dialect name",
                                c as char
                            ),
                        ));
                    }
                }
                b'"' => {
                    let line = self.line;
                    let col = (i - self.line_start) as u32 + 1;
                    let t = self.lex_string(i, line, col);
                    if t.kind == Tok::Error {
                        return Err((self.error.0 as usize, self.error.3.to_string()));
                    }
                }
                _ => {}
            }
            if stack.is_empty() {
                return Ok(self.pos);
            }
        }
    }
}
