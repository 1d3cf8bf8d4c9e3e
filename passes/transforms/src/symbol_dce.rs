//! `symbol-dce`: erase symbols that nothing can reference, as MLIR's `-symbol-dce`.
//!
//! Runs on an op with [`Traits::SYMBOL_TABLE`] (`builtin.module`). Liveness starts from the
//! roots of the table — every op that is not a symbol, and every symbol that code outside
//! could reference: public symbols, and `nested`-visibility symbols of a table that is itself
//! visible from a parent table — and follows the [`SymbolRef`](strata_ir::AttrKind::SymbolRef)
//! attributes held by live ops and by everything nested in them (through nested bodies). A
//! reference resolves as the verifier resolves it: in the nearest symbol table, then outwards;
//! `@a::@b` marks both `@a` and `@b` live. Live nested symbol tables are processed the same way
//! (a private or unnamed table is hidden, so its `nested` symbols are not roots). Finally every
//! symbol that is not live — necessarily `private` or `nested` — is erased, in every live
//! table. Since liveness is a fixed point, chains of dead symbols disappear in one run.
//!
//! Statistics: `num-dce'd` (symbols erased).

use crate::util::{body_at, body_at_mut, is_symbol, op_symbol_refs, visibility, Visibility};
use indexmap::IndexMap;
use rustc_hash::{FxHashMap, FxHashSet};
use strata_ir::{AttrKind, Attribute, Body, Context, Diagnostic, Op, Region, Traits};
use strata_pass::{AnalysisManager, IrUnit, Pass, PassFailed, PassInfo, PASSES};

/// Registration of `symbol-dce`.
#[linkme::distributed_slice(PASSES)]
pub static SYMBOL_DCE: PassInfo = PassInfo {
    name: "symbol-dce",
    summary: "Eliminate dead symbols",
    description: "Erases the `private` symbols (and the `nested` ones of tables that are not \
                  visible from a parent) that no live op references through a symbol \
                  reference attribute, in the symbol table it runs on and in every live nested \
                  symbol table. Public symbols and ops that are not symbols are the roots. Must \
                  run on an op that defines a symbol table.\n\n\
                  Statistics: `num-dce'd` (symbols erased).",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(SymbolDce)),
};

/// The `symbol-dce` pass.
pub struct SymbolDce;

impl Pass for SymbolDce {
    fn info(&self) -> &'static PassInfo {
        &SYMBOL_DCE
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let ctx = unit.ctx;
        if !crate::util::has(ctx, unit.holder, unit.op, Traits::SYMBOL_TABLE) {
            let name = unit.name_str();
            let loc = unit.holder.op(unit.op).loc;
            unit.emit(Diagnostic::error(
                loc,
                format!(
                    "'{name}' op was scheduled to run under SymbolDCE, but does not define a \
                     symbol table"
                ),
            ));
            return Err(PassFailed);
        }
        // The table is hidden unless it is a non-private symbol nested in another op.
        let hidden = unit.chain.is_none()
            || !is_symbol(ctx, unit.holder, unit.op)
            || visibility(ctx, unit.holder, unit.op) == Visibility::Private;
        let regions = unit.regions().to_vec();
        let n = symbol_dce(ctx, unit.body, &regions, hidden, &|_, _, _| true);
        unit.stat("num-dce'd", n);
        if n == 0 {
            am.preserve_all();
        }
        Ok(())
    }
}

/// Erase the dead symbols of the symbol table whose root regions are `regions` of `body` (and
/// of its live nested tables). `hidden`: whether the table is invisible from outside (the top
/// level, or a private symbol). Only dead symbols for which `filter(ctx, body, op)` holds are
/// erased (the inliner erases only dead callables). Returns the number of symbols erased.
pub fn symbol_dce(
    ctx: &Context,
    body: &mut Body,
    regions: &[Region],
    hidden: bool,
    filter: &dyn Fn(&Context, &Body, Op) -> bool,
) -> u64 {
    let dead = dead_symbols(ctx, body, regions, hidden);
    let mut n = 0;
    for (path, ops) in dead {
        let Some(b) = body_at_mut(body, &path) else {
            continue;
        };
        for op in ops {
            if !b.is_erased(op) && filter(ctx, b, op) {
                b.erase_op(op);
                n += 1;
            }
        }
    }
    n
}

/// The dead symbols of the table with root `regions` in `body` and of its live nested tables:
/// `(path to the body holding them, symbols)` per table, in discovery order.
pub fn dead_symbols(
    ctx: &Context,
    body: &Body,
    regions: &[Region],
    hidden: bool,
) -> Vec<(Vec<Op>, Vec<Op>)> {
    let mut st = Liveness {
        ctx,
        root: body,
        tables: Vec::new(),
        by_path: FxHashMap::default(),
        live: FxHashSet::default(),
        work: Vec::new(),
    };
    let t0 = st.table(Vec::new(), regions.to_vec(), None);
    st.enter(t0, hidden);
    while let Some((t, op)) = st.work.pop() {
        st.visit(t, op);
    }
    let mut out = Vec::new();
    for (ti, t) in st.tables.iter().enumerate() {
        if !t.entered {
            continue;
        }
        let Some(b) = body_at(body, &t.path) else {
            continue;
        };
        let dead: Vec<Op> = top_ops(b, &t.regions)
            .into_iter()
            .filter(|&o| is_symbol(ctx, b, o) && !st.live.contains(&(ti, o)))
            .collect();
        if !dead.is_empty() {
            out.push((t.path.clone(), dead));
        }
    }
    out
}

fn top_ops(body: &Body, regions: &[Region]) -> Vec<Op> {
    body.ops_in_regions(regions)
}

struct Table {
    /// Path from the root body to the body holding this table's region.
    path: Vec<Op>,
    regions: Vec<Region>,
    parent: Option<usize>,
    entered: bool,
    /// Whether the table is invisible from its parent (set when entered).
    hidden: bool,
    /// Ops named by `sym_name` directly in the table, first definition of each name.
    symbols: IndexMap<Vec<u8>, Op>,
}

struct Liveness<'a> {
    ctx: &'a Context,
    root: &'a Body,
    tables: Vec<Table>,
    by_path: FxHashMap<Vec<Op>, usize>,
    live: FxHashSet<(usize, Op)>,
    work: Vec<(usize, Op)>,
}

impl Liveness<'_> {
    fn table(&mut self, path: Vec<Op>, regions: Vec<Region>, parent: Option<usize>) -> usize {
        if let Some(&t) = self.by_path.get(&path) {
            return t;
        }
        let mut symbols = IndexMap::new();
        if let Some(b) = body_at(self.root, &path) {
            for o in top_ops(b, &regions) {
                if let Some(name) = strata_ir::symbol_table::symbol_name(self.ctx, b, o) {
                    symbols.entry(name.to_vec()).or_insert(o);
                }
            }
        }
        let t = self.tables.len();
        self.by_path.insert(path.clone(), t);
        self.tables.push(Table {
            path,
            regions,
            parent,
            entered: false,
            hidden: true,
            symbols,
        });
        t
    }

    /// The table of symbol-table op `op`, which lives in the body of table `t` at `path`.
    fn child_table(&mut self, t: usize, path: &[Op], op: Op) -> Option<usize> {
        let b = body_at(self.root, path)?;
        if b.nested(op).is_none() || !crate::util::has(self.ctx, b, op, Traits::SYMBOL_TABLE) {
            return None;
        }
        let regions = b.regions(op).to_vec();
        let mut p = path.to_vec();
        p.push(op);
        Some(self.table(p, regions, Some(t)))
    }

    fn mark(&mut self, t: usize, op: Op) {
        if self.live.insert((t, op)) {
            self.work.push((t, op));
        }
    }

    /// Start the liveness of table `t`: its roots are its non-symbol ops and the symbols that
    /// cannot be discarded.
    fn enter(&mut self, t: usize, hidden: bool) {
        if self.tables[t].entered {
            return;
        }
        self.tables[t].entered = true;
        self.tables[t].hidden = hidden;
        let Some(b) = body_at(self.root, &self.tables[t].path) else {
            return;
        };
        let ops = top_ops(b, &self.tables[t].regions);
        for o in ops {
            let root = !is_symbol(self.ctx, b, o)
                || match visibility(self.ctx, b, o) {
                    Visibility::Public => true,
                    Visibility::Private => false,
                    Visibility::Nested => !hidden,
                };
            if root {
                self.mark(t, o);
            }
        }
    }

    /// Process live op `op` of table `t`: enter it if it is a symbol table, and mark what it
    /// and the ops nested in it reference.
    fn visit(&mut self, t: usize, op: Op) {
        let ctx = self.ctx;
        let table_path = self.tables[t].path.clone();
        // A nested table is hidden if its parent is, or if it is unnamed or private.
        let Some((sym, vis)) = body_at(self.root, &table_path)
            .map(|b| (is_symbol(ctx, b, op), visibility(ctx, b, op)))
        else {
            return;
        };
        let parent_hidden = self.is_hidden(t);
        // Walk op and everything nested, stopping at nested symbol tables.
        let mut stack: Vec<(Vec<Op>, Op, bool)> = vec![(table_path, op, true)];
        while let Some((path, o, is_root)) = stack.pop() {
            let Some(b) = body_at(self.root, &path) else {
                continue;
            };
            for r in op_symbol_refs(ctx, b, o) {
                self.resolve(t, r);
            }
            if let Some(child) = self.child_table(t, &path, o) {
                let hidden = if is_root {
                    parent_hidden || !sym || vis == Visibility::Private
                } else {
                    true
                };
                self.enter(child, hidden);
                continue;
            }
            let (rb, rpath) = match b.nested(o) {
                Some(nb) => {
                    let mut p = path.clone();
                    p.push(o);
                    (nb, p)
                }
                None => (b, path.clone()),
            };
            let mut children = Vec::new();
            for &reg in b.regions(o) {
                for &blk in rb.region_blocks(reg) {
                    children.extend(rb.block_ops(blk));
                }
            }
            for c in children.into_iter().rev() {
                stack.push((rpath.clone(), c, false));
            }
        }
    }

    fn is_hidden(&self, t: usize) -> bool {
        self.tables[t].hidden
    }

    /// Mark the symbols `sym` refers to from table `t`.
    fn resolve(&mut self, t: usize, sym: Attribute) {
        let ctx = self.ctx;
        let AttrKind::SymbolRef { root, nested } = ctx.attr_kind(sym) else {
            return;
        };
        let root = ctx.str(*root).as_bytes();
        let mut scope = Some(t);
        while let Some(s) = scope {
            if let Some(&found) = self.tables[s].symbols.get(root) {
                self.mark(s, found);
                let (mut cur_t, mut cur) = (s, found);
                for n in nested.iter() {
                    let path = self.tables[cur_t].path.clone();
                    let Some(child) = self.child_table(cur_t, &path, cur) else {
                        return;
                    };
                    let Some(&next) = self.tables[child].symbols.get(ctx.str(*n).as_bytes()) else {
                        return;
                    };
                    self.mark(child, next);
                    cur_t = child;
                    cur = next;
                }
                return;
            }
            scope = self.tables[s].parent;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::*;
    use strata_ir::{Module, OpBuilder};

    #[test]
    fn private_symbols_without_uses_go_transitively() {
        let c = ctx();
        let mut m = Module::new(&c);
        let (main, e) = add_func(&c, &mut m, "main", &[], &[], false);
        let (a, ae) = add_func(&c, &mut m, "a", &[], &[], true);
        let (bf, be) = add_func(&c, &mut m, "b", &[], &[], true);
        let (cf, ce) = add_func(&c, &mut m, "c", &[], &[], true);
        {
            let body = fbody(&mut m, main);
            let mut b = at_end(&c, body, e);
            call(&mut b, "a", &[], &[]);
            ret(&mut b, &[]);
        }
        {
            let body = fbody(&mut m, bf);
            let mut b = at_end(&c, body, be);
            call(&mut b, "c", &[], &[]);
            ret(&mut b, &[]);
        }
        for (f, blk) in [(a, ae), (cf, ce)] {
            let body = fbody(&mut m, f);
            ret(&mut at_end(&c, body, blk), &[]);
        }
        let mb = m.block().expect("block");
        {
            let mut b = at_end(&c, m.region_body_mut(), mb);
            symbol(&mut b, "n", Some("nested"));
            symbol(&mut b, "p", None);
        }
        run(&c, &mut m, "builtin.module(symbol-dce)");
        assert!(has_symbol(&c, &m, "main") && has_symbol(&c, &m, "a") && has_symbol(&c, &m, "p"));
        assert!(!has_symbol(&c, &m, "b") && !has_symbol(&c, &m, "c") && !has_symbol(&c, &m, "n"));
    }

    #[test]
    fn nested_tables() {
        let c = ctx();
        let mut m = Module::new(&c);
        let mb = m.block().expect("block");
        let body = m.region_body_mut();
        let mut b = at_end(&c, body, mb);
        use_symbol(&mut b, &["pub_t", "x"]);
        let (pub_t, pb) = region_op(&mut b, "test.symbol_table", &[], &[]);
        let (priv_t, qb) = region_op(&mut b, "test.symbol_table", &[], &[]);
        let (used_priv_t, ub) = region_op(&mut b, "test.symbol_table", &[], &[]);
        use_symbol(&mut b, &["used_priv", "z"]);
        let name = |s: &str| c.string_attr(s);
        body.op_mut(pub_t).props = c.dict_attr(&[("sym_name", name("pub_t"))]);
        body.op_mut(priv_t).props = c.dict_attr(&[
            ("sym_name", name("priv_t")),
            ("sym_visibility", name("private")),
        ]);
        body.op_mut(used_priv_t).props = c.dict_attr(&[
            ("sym_name", name("used_priv")),
            ("sym_visibility", name("private")),
        ]);
        let fill = |nb: &mut strata_ir::Body, blk| {
            let mut bb = OpBuilder::at_end(&c, nb, blk);
            symbol(&mut bb, "x", Some("nested"));
            symbol(&mut bb, "y", Some("nested"));
            symbol(&mut bb, "z", Some("nested"));
            symbol(&mut bb, "w", Some("private"));
            use_symbol(&mut bb, &["y"]);
        };
        fill(body.nested_mut(pub_t).expect("nested"), pb);
        fill(body.nested_mut(priv_t).expect("nested"), qb);
        fill(body.nested_mut(used_priv_t).expect("nested"), ub);
        run(&c, &mut m, "builtin.module(symbol-dce)");
        let names = |t| {
            let nb = m.region_body().nested(t).expect("nested");
            let (syms, _) = strata_ir::symbol_table::symbols(&c, m.region_body(), t);
            let _ = nb;
            syms.keys()
                .map(|k| String::from_utf8_lossy(k).into_owned())
                .collect::<Vec<_>>()
        };
        // The top-level module is hidden, and so is every table in it: `nested` symbols are
        // not roots; private symbols and tables are dropped when unused.
        assert!(m.region_body().is_erased(priv_t));
        assert_eq!(names(pub_t), ["x", "y"]);
        assert_eq!(names(used_priv_t), ["y", "z"]);
    }

    #[test]
    fn requires_a_symbol_table() {
        let c = ctx();
        let mut m = Module::new(&c);
        let (f, e) = add_func(&c, &mut m, "f", &[], &[], false);
        ret(&mut at_end(&c, fbody(&mut m, f), e), &[]);
        let pm = strata_pass::PassManager::new(
            strata_pass::parse_pipeline("builtin.module(func.func(symbol-dce))", "builtin.module")
                .expect("pipeline"),
        );
        let r = pm.run(&c, &mut m);
        assert!(r.failed);
        assert!(r.diagnostics[0]
            .message
            .contains("does not define a symbol table"));
    }
}
