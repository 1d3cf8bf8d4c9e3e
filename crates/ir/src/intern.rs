//! A generic thread-safe interner for structural data (types, attributes).
//!
//! Values are stored once in a lock-free append-only vector, so resolving a handle is a plain
//! index without locking; deduplication goes through a read-mostly hash table that holds only
//! `(hash, handle)` pairs (the values themselves are compared through the vector), so growing
//! it never re-hashes or copies values. Handles are dense `u32` indices, so two equal values
//! always have the same handle.

use hashbrown::HashTable;
use parking_lot::RwLock;
use std::hash::{BuildHasher, Hash};

pub(crate) struct Interner<T: Eq + Hash + Clone> {
    items: boxcar::Vec<T>,
    /// `(32-bit hash, handle)` of every item.
    map: RwLock<HashTable<(u32, u32)>>,
}

impl<T: Eq + Hash + Clone> Default for Interner<T> {
    fn default() -> Self {
        Interner {
            items: boxcar::Vec::new(),
            map: RwLock::new(HashTable::new()),
        }
    }
}

/// Spread a 32-bit hash over 64 bits (the table uses the top bits as tags).
#[inline]
fn spread(h: u32) -> u64 {
    ((h as u64) << 32) | h as u64
}

impl<T: Eq + Hash + Clone> Interner<T> {
    pub(crate) fn intern(&self, value: T) -> u32 {
        let h = rustc_hash::FxBuildHasher.hash_one(&value);
        let h = (h ^ (h >> 32)) as u32;
        let eq = |&(eh, id): &(u32, u32)| eh == h && self.items[id as usize] == value;
        if let Some(&(_, id)) = self.map.read().find(spread(h), eq) {
            return id;
        }
        let mut map = self.map.write();
        match map.entry(spread(h), eq, |&(eh, _)| spread(eh)) {
            hashbrown::hash_table::Entry::Occupied(e) => e.get().1,
            hashbrown::hash_table::Entry::Vacant(e) => {
                let idx = self.items.push(value);
                let id = u32::try_from(idx).expect("interner: more than 2^32 entries");
                e.insert((h, id));
                id
            }
        }
    }

    /// [`Interner::intern`] for a value that is most likely new (a source location): one
    /// probe under the write lock instead of a read-locked probe first.
    pub(crate) fn intern_likely_new(&self, value: T) -> u32 {
        let h = rustc_hash::FxBuildHasher.hash_one(&value);
        let h = (h ^ (h >> 32)) as u32;
        let eq = |&(eh, id): &(u32, u32)| eh == h && self.items[id as usize] == value;
        let mut map = self.map.write();
        match map.entry(spread(h), eq, |&(eh, _)| spread(eh)) {
            hashbrown::hash_table::Entry::Occupied(e) => e.get().1,
            hashbrown::hash_table::Entry::Vacant(e) => {
                let idx = self.items.push(value);
                let id = u32::try_from(idx).expect("interner: more than 2^32 entries");
                e.insert((h, id));
                id
            }
        }
    }

    pub(crate) fn get(&self, id: u32) -> &T {
        &self.items[id as usize]
    }

    pub(crate) fn len(&self) -> usize {
        self.items.count()
    }
}
