//! Interned strings ([`Symbol`]) used for identifiers: dialect names, op names, attribute names.

use parking_lot::RwLock;
use rustc_hash::FxHashMap;

/// An interned string owned by a [`Context`](crate::Context). Cheap to copy and compare.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Symbol(pub(crate) u32);

impl Symbol {
    /// The index of this symbol in its context's string table.
    pub fn index(self) -> u32 {
        self.0
    }
}

/// A thread-safe, append-only string interner. Lookups of already-interned strings by id never
/// take a lock (the storage is a lock-free append-only vector).
#[derive(Default)]
pub(crate) struct StringInterner {
    strings: boxcar::Vec<Box<str>>,
    map: RwLock<FxHashMap<Box<str>, Symbol>>,
}

impl StringInterner {
    pub(crate) fn intern(&self, s: &str) -> Symbol {
        if let Some(&sym) = self.map.read().get(s) {
            return sym;
        }
        let mut map = self.map.write();
        if let Some(&sym) = map.get(s) {
            return sym;
        }
        let idx = self.strings.push(s.into());
        let sym = Symbol(u32::try_from(idx).expect("string interner: more than 2^32 strings"));
        map.insert(s.into(), sym);
        sym
    }

    pub(crate) fn lookup(&self, s: &str) -> Option<Symbol> {
        self.map.read().get(s).copied()
    }

    pub(crate) fn get(&self, sym: Symbol) -> &str {
        &self.strings[sym.0 as usize]
    }
}
