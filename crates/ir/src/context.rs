//! The [`Context`]: interned types, attributes and strings, resource blobs, the dialect
//! registry and attached interfaces. Shared (`&Context`, `Sync`) by all threads working on IR.

use crate::affine::{AffineMap, IntegerSet};
use crate::attrs::{AttrKind, Attribute, Blob, LocKind, Location, NamedAttr};
use crate::intern::Interner;
use crate::registry::{DialectDef, OpDef};
use crate::symbol::{StringInterner, Symbol};
use crate::types::{FloatKind, Signedness, Type, TypeKind};
use indexmap::IndexMap;
use parking_lot::RwLock;
use rustc_hash::FxHashMap;
use std::any::{Any, TypeId};
use std::sync::Arc;

/// An interned operation name, registered or not.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct OpName(pub(crate) u32);

/// What the context knows about an op name.
#[derive(Clone, Copy, Debug)]
pub struct OpNameInfo {
    /// Full name (`arith.addf`).
    pub name: Symbol,
    /// Dialect namespace (the part before the first `.`; empty if none).
    pub dialect: Symbol,
    /// The definition, if the op is registered.
    pub def: Option<&'static OpDef>,
}

type InterfaceMap = FxHashMap<(Symbol, TypeId), Box<dyn Any + Send + Sync>>;

/// Owns everything that IR refers to by handle and that outlives any single piece of IR.
pub struct Context {
    strings: StringInterner,
    types: Interner<TypeKind>,
    attrs: Interner<AttrKind>,
    op_names: boxcar::Vec<OpNameInfo>,
    op_name_map: RwLock<FxHashMap<Symbol, OpName>>,
    defs: FxHashMap<Symbol, &'static OpDef>,
    dialects: IndexMap<&'static str, &'static DialectDef>,
    interfaces: InterfaceMap,
    resources: RwLock<IndexMap<Symbol, Blob>>,
    /// Accept ops, types and attributes of dialects that are not registered
    /// (`--allow-unregistered-dialect`).
    pub allow_unregistered: bool,
    empty_dict: Attribute,
    unknown_loc: Location,
    /// Attributes cached by dialects under static keys (see [`Context::cached_attr`]).
    cached_attrs: AttrCache,
}

/// Number of slots of the lock-free part of the [`Context::cached_attr`] cache.
const CACHE_SLOTS: usize = 64;

/// The cache behind [`Context::cached_attr`]: a lock-free open-addressing table keyed by the
/// *address* of the static key (callers pass the same `&'static str` every time, so a hit
/// is one hash of a pointer and one atomic load), in front of a locked map keyed by the
/// key's text, which is the authority (two statics with the same text share an attribute).
struct AttrCache {
    slots: [std::sync::OnceLock<(&'static str, Attribute)>; CACHE_SLOTS],
    /// Slots filled (at most 3/4 of them, so that probes stay short and end at a free slot).
    filled: std::sync::atomic::AtomicUsize,
    by_text: RwLock<FxHashMap<&'static str, Attribute>>,
}

#[inline]
fn cache_slot(key: &'static str) -> usize {
    let h = (key.as_ptr() as usize as u64 ^ key.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 58) as usize
}

impl AttrCache {
    fn new() -> Self {
        AttrCache {
            slots: std::array::from_fn(|_| std::sync::OnceLock::new()),
            filled: std::sync::atomic::AtomicUsize::new(0),
            by_text: RwLock::new(FxHashMap::default()),
        }
    }

    #[inline]
    fn get(&self, key: &'static str) -> Option<Attribute> {
        let mut i = cache_slot(key);
        for _ in 0..CACHE_SLOTS {
            match self.slots[i].get() {
                None => break,
                Some(&(k, a)) if std::ptr::eq(k, key) => return Some(a),
                Some(_) => i = (i + 1) % CACHE_SLOTS,
            }
        }
        None
    }

    /// The attribute recorded for the key's text (slow path, locks).
    fn get_by_text(&self, key: &'static str) -> Option<Attribute> {
        let a = self.by_text.read().get(key).copied()?;
        if self.filled.load(std::sync::atomic::Ordering::Relaxed) < CACHE_SLOTS * 3 / 4 {
            // Another static with the same text, or a slot not filled yet: remember this key.
            return Some(self.insert(key, a));
        }
        Some(a)
    }

    /// Record `a` under `key` unless the key's text already has an attribute; returns the
    /// attribute the key stands for.
    fn insert(&self, key: &'static str, a: Attribute) -> Attribute {
        // The map's write lock also serialises slot insertion.
        let mut by_text = self.by_text.write();
        let a = *by_text.entry(key).or_insert(a);
        let n = self.filled.load(std::sync::atomic::Ordering::Relaxed);
        if n < CACHE_SLOTS * 3 / 4 {
            let mut i = cache_slot(key);
            loop {
                match self.slots[i].get() {
                    Some(&(k, _)) if std::ptr::eq(k, key) => break,
                    Some(_) => i = (i + 1) % CACHE_SLOTS,
                    None => {
                        let _ = self.slots[i].set((key, a));
                        self.filled
                            .store(n + 1, std::sync::atomic::Ordering::Relaxed);
                        break;
                    }
                }
            }
        }
        a
    }
}

impl Default for Context {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("types", &self.types.len())
            .field("attrs", &self.attrs.len())
            .field("dialects", &self.dialects.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Context {
    /// A context with no dialects registered.
    pub fn new() -> Self {
        let attrs = Interner::default();
        let empty_dict = Attribute(attrs.intern(AttrKind::Dict(Box::new([]))));
        let unknown_loc = Location(Attribute(
            attrs.intern(AttrKind::Location(LocKind::Unknown)),
        ));
        Context {
            strings: StringInterner::default(),
            types: Interner::default(),
            attrs,
            op_names: boxcar::Vec::new(),
            op_name_map: RwLock::new(FxHashMap::default()),
            defs: FxHashMap::default(),
            dialects: IndexMap::new(),
            interfaces: FxHashMap::default(),
            resources: RwLock::new(IndexMap::new()),
            allow_unregistered: false,
            empty_dict,
            unknown_loc,
            cached_attrs: AttrCache::new(),
        }
    }

    // ----- strings -----

    /// Intern a string.
    pub fn sym(&self, s: &str) -> Symbol {
        self.strings.intern(s)
    }
    /// Look up a string without interning it.
    pub fn lookup_sym(&self, s: &str) -> Option<Symbol> {
        self.strings.lookup(s)
    }
    #[inline]
    /// The text of an interned string.
    pub fn str(&self, sym: Symbol) -> &str {
        self.strings.get(sym)
    }

    // ----- dialects and ops -----

    /// Register a dialect and its ops. Registering the same dialect twice is a no-op.
    ///
    /// # Panics
    /// If an op name of the dialect does not start with `<dialect>.`, or two dialects define
    /// the same op: both are programming errors in a dialect definition, not input errors.
    pub fn register_dialect(&mut self, dialect: &'static DialectDef) {
        if self.dialects.contains_key(dialect.name) {
            return;
        }
        self.dialects.insert(dialect.name, dialect);
        for def in dialect.ops {
            assert!(
                def.name
                    .strip_prefix(dialect.name)
                    .is_some_and(|r| r.starts_with('.')),
                "op {} is declared in dialect {} but does not carry its prefix",
                def.name,
                dialect.name
            );
            let sym = self.sym(def.name);
            let prev = self.defs.insert(sym, def);
            assert!(prev.is_none(), "op {} registered twice", def.name);
            // Names interned before registration become registered.
            if let Some(&name) = self.op_name_map.read().get(&sym) {
                if let Some(info) = self.op_names.get_mut(name.0 as usize) {
                    info.def = Some(def);
                }
            }
        }
    }
    /// Whether a dialect namespace is registered.
    pub fn is_dialect_registered(&self, name: &str) -> bool {
        self.dialects.contains_key(name)
    }
    /// The registered dialects, in registration order.
    pub fn dialects(&self) -> impl Iterator<Item = &'static DialectDef> + '_ {
        self.dialects.values().copied()
    }
    /// Intern an op name (registered or not).
    pub fn op_name(&self, name: &str) -> OpName {
        let sym = self.sym(name);
        if let Some(&n) = self.op_name_map.read().get(&sym) {
            return n;
        }
        let mut map = self.op_name_map.write();
        if let Some(&n) = map.get(&sym) {
            return n;
        }
        let dialect = self.sym(name.split_once('.').map_or("", |(d, _)| d));
        let info = OpNameInfo {
            name: sym,
            dialect,
            def: self.defs.get(&sym).copied(),
        };
        let idx = self.op_names.push(info);
        let n = OpName(u32::try_from(idx).expect("more than 2^32 op names"));
        map.insert(sym, n);
        n
    }
    #[inline]
    /// What is known about an op name.
    pub fn op_info(&self, name: OpName) -> &OpNameInfo {
        &self.op_names[name.0 as usize]
    }
    #[inline]
    /// The full text of an op name.
    pub fn op_name_str(&self, name: OpName) -> &str {
        self.str(self.op_info(name).name)
    }
    #[inline]
    /// The definition of a registered op.
    pub fn op_def(&self, name: OpName) -> Option<&'static OpDef> {
        self.op_info(name).def
    }
    /// The definition of a registered op, by text name.
    pub fn op_def_by_name(&self, name: &str) -> Option<&'static OpDef> {
        self.lookup_sym(name)
            .and_then(|s| self.defs.get(&s).copied())
    }

    /// Attach an implementation of interface `I` (a trait object type such as
    /// `dyn InferShape`) to the op named `op`. Any crate may attach interfaces to any op.
    pub fn attach_interface<I: ?Sized + 'static>(&mut self, op: &str, imp: &'static I)
    where
        &'static I: Send + Sync,
    {
        let sym = self.sym(op);
        self.interfaces
            .insert((sym, TypeId::of::<&'static I>()), Box::new(imp));
    }
    /// The implementation of interface `I` attached to op `name`, if any.
    pub fn interface<I: ?Sized + 'static>(&self, name: OpName) -> Option<&'static I> {
        let sym = self.op_info(name).name;
        self.interfaces
            .get(&(sym, TypeId::of::<&'static I>()))
            .and_then(|b| b.downcast_ref::<&'static I>())
            .copied()
    }

    // ----- types -----

    /// Intern a type.
    pub fn ty(&self, kind: TypeKind) -> Type {
        // As MLIR's `MemRefType::get`: an identity affine-map layout is the default layout and
        // is not stored.
        // The integer memory space 0 is the default one, also not stored.
        let default_space = |s: Option<Attribute>| {
            s.filter(|&a| !matches!(self.attr_kind(a), AttrKind::Integer { value: 0, .. }))
        };
        let kind = match kind {
            TypeKind::MemRef {
                shape,
                elem,
                layout,
                space,
            } => TypeKind::MemRef {
                shape,
                elem,
                layout: layout.filter(
                    |&l| !matches!(self.attr_kind(l), AttrKind::AffineMap(m) if m.is_identity()),
                ),
                space: default_space(space),
            },
            TypeKind::UnrankedMemRef { elem, space } => TypeKind::UnrankedMemRef {
                elem,
                space: default_space(space),
            },
            k => k,
        };
        Type(self.types.intern(kind))
    }
    #[inline]
    /// The structure of a type.
    pub fn type_kind(&self, ty: Type) -> &TypeKind {
        self.types.get(ty.0)
    }
    /// `iN` (signless).
    pub fn int_type(&self, width: u32) -> Type {
        self.ty(TypeKind::Integer {
            width,
            signedness: Signedness::Signless,
        })
    }
    /// `i1`.
    pub fn i1(&self) -> Type {
        self.int_type(1)
    }
    /// `i32`.
    pub fn i32(&self) -> Type {
        self.int_type(32)
    }
    /// `i64`.
    pub fn i64(&self) -> Type {
        self.int_type(64)
    }
    /// `index`.
    pub fn index_type(&self) -> Type {
        self.ty(TypeKind::Index)
    }
    /// A float type.
    pub fn float_type(&self, kind: FloatKind) -> Type {
        self.ty(TypeKind::Float(kind))
    }
    /// `f32`.
    pub fn f32(&self) -> Type {
        self.float_type(FloatKind::F32)
    }
    /// `f64`.
    pub fn f64(&self) -> Type {
        self.float_type(FloatKind::F64)
    }
    /// `none`.
    pub fn none_type(&self) -> Type {
        self.ty(TypeKind::None)
    }
    /// `tensor<shape x elem>`.
    pub fn tensor_type(&self, shape: &[i64], elem: Type) -> Type {
        self.ty(TypeKind::RankedTensor {
            shape: shape.into(),
            elem,
            encoding: None,
        })
    }
    /// `(inputs) -> results`.
    pub fn function_type(&self, inputs: &[Type], results: &[Type]) -> Type {
        self.ty(TypeKind::Function {
            inputs: inputs.into(),
            results: results.into(),
        })
    }

    // ----- attributes -----

    /// Intern an attribute. Dictionaries are sorted by entry name here, so that equal
    /// dictionaries get equal handles whatever order they were built in.
    pub fn attr(&self, kind: AttrKind) -> Attribute {
        let kind = match kind {
            // Affine expressions are kept in MLIR's simplified canonical form, whoever builds
            // them (the parser builds through the same simplifying constructors).
            AttrKind::AffineMap(m) => AttrKind::AffineMap(AffineMap {
                results: m.results.iter().map(crate::text::simplify_affine).collect(),
                ..m
            }),
            // MLIR's `FusedLoc::get`: drop unknown locations, flatten fused locations with the
            // same metadata, de-duplicate, and collapse 0/1-element fusions.
            AttrKind::Location(LocKind::Fused { locs, metadata }) => {
                let mut flat: Vec<Attribute> = Vec::with_capacity(locs.len());
                let push = |a: Attribute, flat: &mut Vec<Attribute>| {
                    if !flat.contains(&a) {
                        flat.push(a);
                    }
                };
                for &l in locs.iter() {
                    match self.attr_kind(l) {
                        AttrKind::Location(LocKind::Fused {
                            locs: inner,
                            metadata: m,
                        }) if *m == metadata => {
                            for &i in inner.iter() {
                                push(i, &mut flat);
                            }
                        }
                        AttrKind::Location(LocKind::Unknown) => {}
                        _ => push(l, &mut flat),
                    }
                }
                match (flat.len(), metadata) {
                    (0, None) => return self.unknown_loc.0,
                    (0, Some(_)) => flat.push(self.unknown_loc.0),
                    (1, None) => return flat[0],
                    _ => {}
                }
                AttrKind::Location(LocKind::Fused {
                    locs: flat.into_boxed_slice(),
                    metadata,
                })
            }
            // A name location's child defaults to `unknown` (MLIR's `NameLoc::get(name)`), and
            // is printed only when it is known.
            AttrKind::Location(LocKind::Name {
                name,
                child: Some(c),
            }) if c == self.unknown_loc.0 => {
                AttrKind::Location(LocKind::Name { name, child: None })
            }
            // Dense elements whose elements are all equal are stored as a splat (MLIR detects
            // splats on construction).
            AttrKind::DenseElements {
                ty,
                splat: false,
                data,
            } => {
                let n: usize = self
                    .type_kind(ty)
                    .shape()
                    .map(|s| s.iter().map(|&d| d.max(0) as usize).product())
                    .unwrap_or(0);
                let width = if n > 0 && data.len() % n == 0 {
                    data.len() / n
                } else {
                    0
                };
                if width > 0 && data.chunks_exact(width).all(|c| c == &data[..width]) {
                    AttrKind::DenseElements {
                        ty,
                        splat: true,
                        data: data[..width].into(),
                    }
                } else {
                    AttrKind::DenseElements {
                        ty,
                        splat: false,
                        data,
                    }
                }
            }
            AttrKind::IntegerSet(set) => AttrKind::IntegerSet(IntegerSet {
                constraints: set
                    .constraints
                    .iter()
                    .map(|c| crate::affine::AffineConstraint {
                        expr: crate::text::simplify_affine(&c.expr),
                        is_eq: c.is_eq,
                    })
                    .collect(),
                ..set
            }),
            AttrKind::Dict(entries) => {
                let mut v = entries.into_vec();
                v.sort_by(|a, b| self.str(a.name).cmp(self.str(b.name)));
                v.dedup_by(|a, b| a.name == b.name);
                AttrKind::Dict(v.into_boxed_slice())
            }
            k => k,
        };
        Attribute(self.attrs.intern(kind))
    }
    /// An attribute cached under a static `key` (such as `"arith.fastmath<none>"`): `make`
    /// builds it the first time the key is asked for; later calls return the same handle
    /// without rebuilding or re-interning it. Dialects use this for attributes they create
    /// on every op (default-valued properties). `make` must always build the same attribute
    /// for a key (it may itself use the cache for other keys).
    #[inline]
    pub fn cached_attr(&self, key: &'static str, make: impl FnOnce() -> Attribute) -> Attribute {
        if let Some(a) = self.cached_attrs.get(key) {
            return a;
        }
        self.cached_attr_slow(key, make)
    }
    #[cold]
    fn cached_attr_slow(&self, key: &'static str, make: impl FnOnce() -> Attribute) -> Attribute {
        if let Some(a) = self.cached_attrs.get_by_text(key) {
            return a;
        }
        let a = make();
        self.cached_attrs.insert(key, a)
    }
    #[inline]
    /// The structure of an attribute.
    pub fn attr_kind(&self, attr: Attribute) -> &AttrKind {
        self.attrs.get(attr.0)
    }
    /// `unit`.
    pub fn unit_attr(&self) -> Attribute {
        self.attr(AttrKind::Unit)
    }
    /// `true` / `false`.
    pub fn bool_attr(&self, b: bool) -> Attribute {
        self.attr(AttrKind::Bool(b))
    }
    /// An integer attribute; the value is truncated and re-extended to the type's width.
    pub fn int_attr(&self, value: i128, ty: Type) -> Attribute {
        let value = crate::numeric::normalize_int(self, value, ty);
        self.attr(AttrKind::Integer { value, ty })
    }
    /// A float attribute from an `f64` value (rounded to the type's format).
    pub fn float_attr(&self, value: f64, ty: Type) -> Attribute {
        let kind = self.type_kind(ty).float_kind().unwrap_or(FloatKind::F64);
        let bits = crate::numeric::f64_to_bits(value, kind);
        self.attr(AttrKind::Float { bits, ty })
    }
    /// A string attribute.
    pub fn string_attr(&self, s: &str) -> Attribute {
        self.attr(AttrKind::String {
            value: s.as_bytes().into(),
            ty: None,
        })
    }
    /// A type attribute.
    pub fn type_attr(&self, ty: Type) -> Attribute {
        self.attr(AttrKind::Type(ty))
    }
    /// An array attribute.
    pub fn array_attr(&self, items: &[Attribute]) -> Attribute {
        self.attr(AttrKind::Array(items.into()))
    }
    /// A flat symbol reference `@name`.
    pub fn symbol_ref_attr(&self, name: &str) -> Attribute {
        self.attr(AttrKind::SymbolRef {
            root: self.sym(name),
            nested: Box::new([]),
        })
    }
    /// An affine map attribute.
    pub fn affine_map_attr(&self, map: AffineMap) -> Attribute {
        self.attr(AttrKind::AffineMap(map))
    }
    /// An integer set attribute.
    pub fn integer_set_attr(&self, set: IntegerSet) -> Attribute {
        self.attr(AttrKind::IntegerSet(set))
    }
    /// A dictionary attribute from `(name, value)` pairs.
    pub fn dict_attr(&self, entries: &[(&str, Attribute)]) -> Attribute {
        let v: Vec<NamedAttr> = entries
            .iter()
            .map(|(n, a)| NamedAttr {
                name: self.sym(n),
                value: *a,
            })
            .collect();
        self.attr(AttrKind::Dict(v.into_boxed_slice()))
    }
    #[inline]
    /// The empty dictionary `{}`.
    pub fn empty_dict(&self) -> Attribute {
        self.empty_dict
    }
    #[inline]
    /// The entries of a dictionary attribute (empty for any other attribute).
    pub fn dict_entries(&self, dict: Attribute) -> &[NamedAttr] {
        match self.attr_kind(dict) {
            AttrKind::Dict(e) => e,
            _ => &[],
        }
    }
    /// Look up `name` in a dictionary attribute.
    pub fn dict_get(&self, dict: Attribute, name: &str) -> Option<Attribute> {
        let entries = self.dict_entries(dict);
        if entries.len() <= 8 {
            // Comparing a few short names is cheaper than hashing `name` to find its symbol.
            return entries
                .iter()
                .find(|e| self.str(e.name) == name)
                .map(|e| e.value);
        }
        let sym = self.lookup_sym(name)?;
        entries.iter().find(|e| e.name == sym).map(|e| e.value)
    }
    /// A copy of `dict` with `name` set to `value` (or removed when `value` is `None`).
    pub fn dict_set(&self, dict: Attribute, name: &str, value: Option<Attribute>) -> Attribute {
        let sym = self.sym(name);
        let mut v: Vec<NamedAttr> = self
            .dict_entries(dict)
            .iter()
            .filter(|e| e.name != sym)
            .copied()
            .collect();
        if let Some(value) = value {
            v.push(NamedAttr { name: sym, value });
        }
        self.attr(AttrKind::Dict(v.into_boxed_slice()))
    }

    // ----- locations -----

    #[inline]
    /// `loc(unknown)`.
    pub fn unknown_loc(&self) -> Location {
        self.unknown_loc
    }
    /// Intern a location.
    pub fn loc(&self, kind: LocKind) -> Location {
        Location(self.attr(AttrKind::Location(kind)))
    }
    /// `loc("file":line:col)` with the file name already interned: the parser's path, one
    /// fresh location per op (no normalisation applies to these).
    pub(crate) fn file_line_col_loc(&self, file: Symbol, line: u32, col: u32) -> Location {
        let kind = AttrKind::Location(LocKind::FileLineCol {
            file,
            line,
            col,
            end: None,
        });
        Location(Attribute(self.attrs.intern_likely_new(kind)))
    }
    /// `loc("file":line:col)`.
    pub fn file_loc(&self, file: &str, line: u32, col: u32) -> Location {
        self.loc(LocKind::FileLineCol {
            file: self.sym(file),
            line,
            col,
            end: None,
        })
    }
    #[inline]
    /// The location's structure.
    pub fn loc_kind(&self, loc: Location) -> &LocKind {
        match self.attr_kind(loc.0) {
            AttrKind::Location(k) => k,
            _ => &LocKind::Unknown,
        }
    }
    /// The first `file:line:col` found in a location (through names, call sites and fusions),
    /// for diagnostics.
    pub fn loc_file_line_col(&self, loc: Location) -> Option<(&str, u32, u32)> {
        let mut stack = vec![loc.0];
        let mut fuel = 1024;
        while let Some(a) = stack.pop() {
            fuel -= 1;
            if fuel == 0 {
                break;
            }
            match self.attr_kind(a) {
                AttrKind::Location(LocKind::FileLineCol {
                    file, line, col, ..
                }) => return Some((self.str(*file), *line, *col)),
                AttrKind::Location(LocKind::Name { child: Some(c), .. }) => stack.push(*c),
                AttrKind::Location(LocKind::CallSite { callee, .. }) => stack.push(*callee),
                AttrKind::Location(LocKind::Fused { locs, .. }) => {
                    stack.extend(locs.iter().rev().copied())
                }
                _ => {}
            }
        }
        None
    }

    // ----- resources -----

    /// Store a blob under `name` in the `builtin` resource table. If the name is taken by a
    /// different blob, a fresh name `name_N` is chosen; the name used is returned.
    pub fn add_resource(&self, name: &str, blob: Blob) -> Symbol {
        let mut res = self.resources.write();
        let mut candidate = name.to_string();
        let mut n = 0u32;
        loop {
            let sym = self.sym(&candidate);
            match res.get(&sym) {
                None => {
                    res.insert(sym, blob);
                    return sym;
                }
                Some(existing) if *existing == blob => return sym,
                Some(_) => {
                    n += 1;
                    candidate = format!("{name}_{n}");
                }
            }
        }
    }
    /// The blob stored under `name`.
    pub fn resource(&self, name: Symbol) -> Option<Blob> {
        self.resources.read().get(&name).cloned()
    }
    /// The shared bytes of a blob, if present.
    pub fn resource_data(&self, name: Symbol) -> Option<Arc<[u8]>> {
        self.resources.read().get(&name).map(|b| b.data.clone())
    }
    /// Number of interned types (for statistics).
    pub fn num_types(&self) -> usize {
        self.types.len()
    }
    /// Number of interned attributes (for statistics).
    pub fn num_attrs(&self) -> usize {
        self.attrs.len()
    }
}
