//! [`OpAsmPrinter`]: the vocabulary custom assembly formats print through, on top of the
//! module printer of the parent module.

use super::*;

/// The handle custom formats print through (see [`crate::CustomFormat`]). While the printer
/// collects aliases (a first pass over the IR), output is discarded and attributes and types
/// are only recorded, so a format must print the same things in both passes (which any
/// deterministic format does).
pub struct OpAsmPrinter<'a, 'b> {
    pub(super) pr: &'b mut Printer<'a>,
    pub(super) body: &'a Body,
    pub(super) bi: usize,
    pub(super) op: Op,
}

impl<'a, 'b> OpAsmPrinter<'a, 'b> {
    #[inline]
    /// The context.
    pub fn ctx(&self) -> &'a Context {
        self.pr.ctx
    }
    #[inline]
    /// The body holding the op being printed.
    pub fn body(&self) -> &'a Body {
        self.body
    }
    #[inline]
    /// The op being printed.
    pub fn op(&self) -> Op {
        self.op
    }
    /// The body holding the op's regions (its nested body if isolated from above).
    pub fn region_body(&self) -> &'a Body {
        self.body.region_body(self.op)
    }
    /// Whether the printer prints debug locations.
    pub fn debug_info(&self) -> bool {
        self.pr.opts.debug_info
    }

    // ----- raw output -----

    #[inline]
    /// Write text as is.
    pub fn write_str(&mut self, s: &str) {
        if !self.pr.collecting {
            self.pr.w(s);
        }
    }
    /// Write one character.
    pub fn write_char(&mut self, c: char) {
        if !self.pr.collecting {
            let mut b = [0u8; 4];
            self.pr.w(c.encode_utf8(&mut b));
        }
    }
    /// Support for `write!(p, ...)`.
    pub fn write_fmt(&mut self, args: std::fmt::Arguments<'_>) {
        if self.pr.collecting {
            return;
        }
        match args.as_str() {
            Some(s) => self.pr.w(s),
            None => {
                let s = args.to_string();
                self.pr.w(&s);
            }
        }
    }
    /// A newline followed by the current indentation.
    pub fn print_new_line(&mut self) {
        if self.pr.collecting {
            return;
        }
        self.pr.newline();
        self.pr.indent_spaces();
    }
    /// Indent subsequent [`print_new_line`](Self::print_new_line)s by two more spaces.
    pub fn increase_indent(&mut self) {
        self.pr.indent += 2;
    }
    /// Undo [`increase_indent`](Self::increase_indent).
    pub fn decrease_indent(&mut self) {
        self.pr.indent = self.pr.indent.saturating_sub(2);
    }

    // ----- values, blocks -----

    #[inline]
    /// `%name` of a value of the op's body (operands, results).
    pub fn print_operand(&mut self, v: Value) {
        if !self.pr.collecting {
            self.pr.print_value(self.body, self.bi, v, true);
        }
    }
    /// `%a, %b, ...`.
    pub fn print_operands(&mut self, vs: &[Value]) {
        for (i, &v) in vs.iter().enumerate() {
            if i > 0 {
                self.write_str(", ");
            }
            self.print_operand(v);
        }
    }
    /// `%name` of a value of the op's region body (e.g. an entry block argument of an
    /// isolated-from-above op).
    pub fn print_region_value(&mut self, v: Value) {
        if !self.pr.collecting {
            let rb = self.region_body();
            let bi = self.pr.body_idx(rb);
            self.pr.print_value(rb, bi, v, true);
        }
    }
    /// `%arg0: type {attrs} loc(...)` for a block argument of one of the op's regions.
    pub fn print_region_argument(&mut self, v: Value, attrs: Option<Attribute>, omit_type: bool) {
        let rb = self.region_body();
        if self.pr.collecting {
            let t = rb.value_type(v);
            self.pr.collect_type(t);
            if self.pr.opts.debug_info {
                let l = rb.value_loc(v).unwrap_or(self.pr.ctx.unknown_loc());
                self.pr.visit_attr(l.0, false, false);
            }
            return;
        }
        self.print_region_value(v);
        if !omit_type {
            self.pr.w(": ");
            let t = rb.value_type(v);
            self.pr.print_type(t);
        }
        if let Some(a) = attrs {
            let es = self.pr.ctx.dict_entries(a);
            self.pr.print_optional_attr_dict(es, &[], false);
        }
        let l = rb.value_loc(v).unwrap_or(self.pr.ctx.unknown_loc());
        self.pr.print_trailing_loc(l, false);
    }
    /// `^bbN`.
    pub fn print_successor(&mut self, b: Block) {
        if !self.pr.collecting {
            self.pr.print_block_name(self.bi, b);
        }
    }
    /// `^bbN(%a, %b : t1, t2)` (just `^bbN` without operands).
    pub fn print_successor_and_use_list(&mut self, b: Block, operands: &[Value]) {
        if self.pr.collecting {
            for &v in operands {
                let t = self.body.value_type(v);
                self.pr.collect_type(t);
            }
            return;
        }
        self.print_successor(b);
        if operands.is_empty() {
            return;
        }
        self.write_str("(");
        self.print_operands(operands);
        self.write_str(" : ");
        for (i, &v) in operands.iter().enumerate() {
            if i > 0 {
                self.write_str(", ");
            }
            let t = self.body.value_type(v);
            self.pr.print_type(t);
        }
        self.write_str(")");
    }

    // ----- types and attributes -----

    #[inline]
    /// A type (or its alias).
    pub fn print_type(&mut self, t: Type) {
        if self.pr.collecting {
            self.pr.collect_type(t);
        } else {
            self.pr.print_type(t);
        }
    }
    /// `t1, t2, ...`.
    pub fn print_types(&mut self, ts: &[Type]) {
        for (i, &t) in ts.iter().enumerate() {
            if i > 0 {
                self.write_str(", ");
            }
            self.print_type(t);
        }
    }
    /// ` -> t` or ` -> (t1, t2)` (parenthesized unless exactly one non-function type);
    /// nothing for an empty list.
    pub fn print_arrow_type_list(&mut self, ts: &[Type]) {
        if ts.is_empty() {
            return;
        }
        self.write_str(" -> ");
        self.print_result_types(ts);
    }
    /// `t` or `(t1, t2)`: a function result list.
    pub fn print_result_types(&mut self, ts: &[Type]) {
        let wrap =
            ts.len() != 1 || matches!(self.ctx().type_kind(ts[0]), TypeKind::Function { .. });
        if wrap {
            self.write_str("(");
        }
        self.print_types(ts);
        if wrap {
            self.write_str(")");
        }
    }
    /// `(operand types) -> result types` of the op.
    pub fn print_functional_type(&mut self) {
        if self.pr.collecting {
            for v in self.body.operands(self.op) {
                let t = self.body.value_type(v);
                self.pr.collect_type(t);
            }
            for &v in self.body.results(self.op) {
                let t = self.body.value_type(v);
                self.pr.collect_type(t);
            }
            return;
        }
        self.pr.print_functional_type(self.body, self.op);
    }
    #[inline]
    /// An attribute (or its alias), with its type.
    pub fn print_attribute(&mut self, a: Attribute) {
        if self.pr.collecting {
            self.pr.collect_attr(a);
        } else {
            self.pr.print_attr(a, Elide::Never);
        }
    }
    /// An attribute without its type (`42` for `42 : i32`).
    pub fn print_attr_value_without_type(&mut self, a: Attribute) {
        if self.pr.collecting {
            if self.pr.attr_may_alias(a) {
                self.pr.visit_attr(a, false, true);
            }
        } else {
            self.pr.print_attr(a, Elide::Must);
        }
    }
    /// ` {a = 1, b}` for the entries of the dictionary `dict` not named in `elided` (nothing
    /// if none remain).
    pub fn print_optional_attr_dict(&mut self, dict: Attribute, elided: &[&str]) {
        let ctx = self.pr.ctx;
        let es = ctx.dict_entries(dict);
        if self.pr.collecting {
            for e in es {
                if !elided.contains(&ctx.str(e.name)) {
                    self.pr.collect_attr(e.value);
                }
            }
            return;
        }
        self.pr.print_optional_attr_dict(es, elided, false);
    }
    /// ` attributes {a = 1}` (as [`print_optional_attr_dict`](Self::print_optional_attr_dict)
    /// with the keyword).
    pub fn print_optional_attr_dict_with_keyword(&mut self, dict: Attribute, elided: &[&str]) {
        let ctx = self.pr.ctx;
        let es = ctx.dict_entries(dict);
        if self.pr.collecting {
            for e in es {
                if !elided.contains(&ctx.str(e.name)) {
                    self.pr.collect_attr(e.value);
                }
            }
            return;
        }
        self.pr.print_optional_attr_dict(es, elided, true);
    }
    /// `@name` (quoted when not a bare identifier).
    pub fn print_symbol_name(&mut self, name: &str) {
        if !self.pr.collecting {
            self.pr.symbol_ref(name);
        }
    }
    /// A bare identifier, or a quoted string when it is not one.
    pub fn print_keyword_or_string(&mut self, s: &str) {
        if !self.pr.collecting {
            self.pr.keyword_or_string(s);
        }
    }
    /// A quoted, escaped string.
    pub fn print_string(&mut self, s: &str) {
        if !self.pr.collecting {
            self.pr.escaped(s.as_bytes());
        }
    }
    /// A float value as MLIR prints float attributes (`1.500000e+00`).
    pub fn print_float(&mut self, bits: u64, kind: FloatKind) {
        if !self.pr.collecting {
            self.pr.float(bits, kind);
        }
    }
    /// ` loc(...)` when printing debug information.
    pub fn print_optional_location(&mut self, l: Location) {
        if self.pr.collecting {
            if self.pr.opts.debug_info {
                self.pr.visit_attr(l.0, false, false);
            }
            return;
        }
        self.pr.print_trailing_loc(l, true);
    }

    // ----- regions -----

    /// A region of this op: `{`, its blocks, `}`. The entry block's label and arguments are
    /// printed when `print_entry_block_args` and it has arguments (or when
    /// `print_empty_block` and it is empty); its terminator is left out unless
    /// `print_block_terminators`.
    pub fn print_region(
        &mut self,
        r: Region,
        print_entry_block_args: bool,
        print_block_terminators: bool,
        print_empty_block: bool,
    ) {
        let rb = self.region_body();
        if self.pr.collecting {
            self.pr
                .collect_region(rb, r, print_entry_block_args, print_block_terminators);
            return;
        }
        let bi = self.pr.body_idx(rb);
        let name = self.body.name(self.op);
        self.pr.print_region(
            rb,
            bi,
            name,
            r,
            print_entry_block_args,
            print_block_terminators,
            print_empty_block,
        );
    }

    /// A function signature as `function_interface_impl::printFunctionSignature` prints
    /// it: `(%arg0: i32 {attrs}, ...) -> (i32 {attrs})`, with bare types when the op has no
    /// body (`region` is `None` or empty). `arg_attrs`/`res_attrs` are arrays of
    /// dictionaries (or `None`).
    #[allow(clippy::too_many_arguments)]
    pub fn print_function_signature(
        &mut self,
        region: Option<Region>,
        inputs: &[Type],
        arg_attrs: Option<Attribute>,
        variadic: bool,
        results: &[Type],
        res_attrs: Option<Attribute>,
        print_empty_result: bool,
    ) {
        let ctx = self.ctx();
        let rb = self.region_body();
        let entry = region.and_then(|r| rb.entry_block(r));
        let attr_at = |arr: Option<Attribute>, i: usize| -> Option<Attribute> {
            match arr.map(|a| ctx.attr_kind(a)) {
                Some(AttrKind::Array(xs)) => xs.get(i).copied(),
                _ => None,
            }
        };
        self.write_str("(");
        for (i, &t) in inputs.iter().enumerate() {
            if i > 0 {
                self.write_str(", ");
            }
            match entry.and_then(|b| rb.block_args(b).get(i).copied()) {
                Some(v) => self.print_region_argument(v, attr_at(arg_attrs, i), false),
                None => {
                    self.print_type(t);
                    if let Some(a) = attr_at(arg_attrs, i) {
                        self.print_optional_attr_dict(a, &[]);
                    }
                }
            }
        }
        if variadic {
            if !inputs.is_empty() {
                self.write_str(", ");
            }
            self.write_str("...");
        }
        self.write_str(")");
        if !results.is_empty() {
            self.write_str(" -> ");
            let first_attrs =
                attr_at(res_attrs, 0).is_some_and(|a| !ctx.dict_entries(a).is_empty());
            let parens = results.len() > 1
                || matches!(ctx.type_kind(results[0]), TypeKind::Function { .. })
                || first_attrs;
            if parens {
                self.write_str("(");
            }
            for (i, &t) in results.iter().enumerate() {
                if i > 0 {
                    self.write_str(", ");
                }
                self.print_type(t);
                if let Some(a) = attr_at(res_attrs, i) {
                    self.print_optional_attr_dict(a, &[]);
                }
            }
            if parens {
                self.write_str(")");
            }
        } else if print_empty_result {
            self.write_str(" -> ()");
        }
    }
}
