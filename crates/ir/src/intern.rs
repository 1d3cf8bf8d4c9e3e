//! A generic thread-safe interner for structural data (types, attributes).
//!
//! Values are stored once in a lock-free append-only vector, so resolving a handle is a plain
//! index without locking; deduplication goes through a read-mostly hash map. Handles are dense
//! `u32` indices, so two equal values always have the same handle.

use parking_lot::RwLock;
use rustc_hash::FxHashMap;
use std::hash::Hash;

pub(crate) struct Interner<T: Eq + Hash + Clone> {
    items: boxcar::Vec<T>,
    map: RwLock<FxHashMap<T, u32>>,
}

impl<T: Eq + Hash + Clone> Default for Interner<T> {
    fn default() -> Self {
        Interner {
            items: boxcar::Vec::new(),
            map: RwLock::new(FxHashMap::default()),
        }
    }
}

impl<T: Eq + Hash + Clone> Interner<T> {
    pub(crate) fn intern(&self, value: T) -> u32 {
        if let Some(&id) = self.map.read().get(&value) {
            return id;
        }
        let mut map = self.map.write();
        if let Some(&id) = map.get(&value) {
            return id;
        }
        let idx = self.items.push(value.clone());
        let id = u32::try_from(idx).expect("interner: more than 2^32 entries");
        map.insert(value, id);
        id
    }

    pub(crate) fn get(&self, id: u32) -> &T {
        &self.items[id as usize]
    }

    pub(crate) fn len(&self) -> usize {
        self.items.count()
    }
}
