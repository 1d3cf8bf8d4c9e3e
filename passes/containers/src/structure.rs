//! [`Structure`]: the shape of a value of the graph dialect at run time — a tensor's static
//! shape, a sequence's length and element shapes, whether an optional holds a value — and
//! its one-line text form, used in the `strata.structure` argument attribute and the
//! `strata.arg_structure`/`strata.result_structure` function attributes that
//! `specialise-containers` reads and writes.
//!
//! Text form: a tensor is its shape `[2,3]` (`[]` for a scalar, `?` for a dimension not
//! known statically), a sequence `seq([2,3],[4])` (`seq()` when empty), an optional
//! `opt()` when empty and `opt(X)` when it holds `X` (a tensor or a sequence). A result
//! may also be `opt?(X)`: an optional whose presence is known only at run time (a
//! `graph.if` yields it present in one region and absent in the other); it flattens to a
//! presence flag (`tensor<i1>`, shape `[]`) followed by the tensors of `X`, which are
//! meaningful only when the flag is true. Arguments never have this structure.

/// The run-time structure of a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Structure {
    /// A tensor of this shape (`-1`: not known statically; only in results).
    Tensor(Vec<i64>),
    /// A sequence of tensors of these shapes, in order.
    Seq(Vec<Vec<i64>>),
    /// An optional: `None` when empty, else the structure it holds (a tensor or sequence).
    Opt(Option<Box<Structure>>),
    /// An optional result whose presence is decided at run time: a presence flag, then the
    /// structure it holds when present.
    MaybeOpt(Box<Structure>),
}

/// The most tensors a structure may describe (a bound on what a guard or a flattened
/// signature may allocate from untrusted text).
pub const MAX_TENSORS: usize = 1 << 16;

impl Structure {
    /// The number of tensors the value holds (flattened in order).
    pub fn num_tensors(&self) -> usize {
        match self {
            Structure::Tensor(_) => 1,
            Structure::Seq(s) => s.len(),
            Structure::Opt(None) => 0,
            Structure::Opt(Some(x)) => x.num_tensors(),
            Structure::MaybeOpt(x) => 1 + x.num_tensors(),
        }
    }

    /// The shapes of the tensors the value holds, flattened in order.
    pub fn shapes(&self) -> Vec<&[i64]> {
        match self {
            Structure::Tensor(s) => vec![s.as_slice()],
            Structure::Seq(s) => s.iter().map(Vec::as_slice).collect(),
            Structure::Opt(None) => Vec::new(),
            Structure::Opt(Some(x)) => x.shapes(),
            Structure::MaybeOpt(x) => {
                let mut v: Vec<&[i64]> = vec![&[]];
                v.extend(x.shapes());
                v
            }
        }
    }

    /// Parse the text form. Errors name the offending position.
    pub fn parse(text: &str) -> Result<Structure, String> {
        let mut p = Parser {
            s: text.as_bytes(),
            i: 0,
            tensors: 0,
        };
        let v = p.value(0)?;
        p.ws();
        if p.i != p.s.len() {
            return Err(format!(
                "structure '{text}': unexpected text at offset {}",
                p.i
            ));
        }
        Ok(v)
    }
}

fn shape_str(s: &[i64]) -> String {
    let dims: Vec<String> = s
        .iter()
        .map(|&d| {
            if d < 0 {
                "?".to_string()
            } else {
                d.to_string()
            }
        })
        .collect();
    format!("[{}]", dims.join(","))
}

impl std::fmt::Display for Structure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Structure::Tensor(s) => f.write_str(&shape_str(s)),
            Structure::Seq(s) => {
                let items: Vec<String> = s.iter().map(|x| shape_str(x)).collect();
                write!(f, "seq({})", items.join(","))
            }
            Structure::Opt(None) => f.write_str("opt()"),
            Structure::Opt(Some(x)) => write!(f, "opt({x})"),
            Structure::MaybeOpt(x) => write!(f, "opt?({x})"),
        }
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    tensors: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(|c| c.is_ascii_whitespace()) {
            self.i += 1;
        }
    }
    fn eat(&mut self, t: &str) -> bool {
        self.ws();
        if self.s[self.i..].starts_with(t.as_bytes()) {
            self.i += t.len();
            true
        } else {
            false
        }
    }
    fn expect(&mut self, t: &str) -> Result<(), String> {
        if self.eat(t) {
            Ok(())
        } else {
            Err(format!("structure: expected '{t}' at offset {}", self.i))
        }
    }
    fn count(&mut self) -> Result<(), String> {
        self.tensors += 1;
        if self.tensors > MAX_TENSORS {
            return Err(format!("structure: more than {MAX_TENSORS} tensors"));
        }
        Ok(())
    }
    fn value(&mut self, depth: usize) -> Result<Structure, String> {
        if self.eat("seq(") {
            let mut items = Vec::new();
            if !self.eat(")") {
                loop {
                    items.push(self.shape()?);
                    if self.eat(")") {
                        break;
                    }
                    self.expect(",")?;
                }
            }
            return Ok(Structure::Seq(items));
        }
        if self.eat("opt?(") {
            if depth > 0 {
                return Err("structure: an optional holds a tensor or a sequence".into());
            }
            self.count()?;
            let inner = self.value(depth + 1)?;
            self.expect(")")?;
            return Ok(Structure::MaybeOpt(Box::new(inner)));
        }
        if self.eat("opt(") {
            if self.eat(")") {
                return Ok(Structure::Opt(None));
            }
            if depth > 0 {
                return Err("structure: an optional holds a tensor or a sequence".into());
            }
            let inner = self.value(depth + 1)?;
            self.expect(")")?;
            return Ok(Structure::Opt(Some(Box::new(inner))));
        }
        Ok(Structure::Tensor(self.shape()?))
    }
    fn shape(&mut self) -> Result<Vec<i64>, String> {
        self.count()?;
        self.expect("[")?;
        let mut dims = Vec::new();
        if self.eat("]") {
            return Ok(dims);
        }
        loop {
            self.ws();
            if self.eat("?") {
                dims.push(-1);
            } else {
                let start = self.i;
                while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
                    self.i += 1;
                }
                let t = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
                let d: i64 = t
                    .parse()
                    .map_err(|_| format!("structure: expected a dimension at offset {start}"))?;
                dims.push(d);
            }
            if dims.len() > 64 {
                return Err("structure: a shape of more than 64 dimensions".into());
            }
            if self.eat("]") {
                return Ok(dims);
            }
            self.expect(",")?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for t in [
            "[2,3]",
            "[]",
            "seq()",
            "seq([2],[3,4])",
            "opt()",
            "opt([1])",
            "opt(seq([5],[5]))",
            "opt?(seq([5]))",
            "opt?([2,3])",
            "[?,2]",
        ] {
            let s = Structure::parse(t).unwrap();
            assert_eq!(s.to_string(), t);
        }
        assert_eq!(
            Structure::parse("opt(seq([1],[2]))").unwrap().num_tensors(),
            2
        );
    }

    #[test]
    fn bad_text_is_an_error() {
        for t in [
            "",
            "seq(",
            "[1,",
            "opt(opt([1]))",
            "opt?()",
            "opt?(opt([1]))",
            "opt(opt?([1]))",
            "[a]",
            "seq([1]) x",
            "[99999999999999999999]",
        ] {
            assert!(Structure::parse(t).is_err(), "{t}");
        }
    }
}
