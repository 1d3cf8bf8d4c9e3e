//! The analysis manager: analyses are computed on demand, cached per [`IrUnit`], and dropped
//! after a pass unless the pass says it preserved them.

use crate::IrUnit;
use rustc_hash::{FxHashMap, FxHashSet};
use std::any::{Any, TypeId};

/// An analysis: a value computed from a unit's IR.
pub trait Analysis: Any + Send + Sync {
    /// Compute the analysis.
    fn compute(unit: &IrUnit<'_>) -> Self
    where
        Self: Sized;
}

/// Caches analyses of one unit across the passes of a pipeline.
#[derive(Default)]
pub struct AnalysisManager {
    cache: FxHashMap<TypeId, Box<dyn Any + Send + Sync>>,
    preserved: FxHashSet<TypeId>,
    preserve_all: bool,
    computed: u64,
}

impl AnalysisManager {
    /// An empty manager.
    pub fn new() -> Self {
        Self::default()
    }
    /// The analysis `A` of `unit`, computed if not cached.
    pub fn get<A: Analysis>(&mut self, unit: &IrUnit<'_>) -> &A {
        let id = TypeId::of::<A>();
        if !self.cache.contains_key(&id) {
            self.computed += 1;
            self.cache.insert(id, Box::new(A::compute(unit)));
        }
        self.cache
            .get(&id)
            .and_then(|b| b.downcast_ref::<A>())
            .expect("cache entry was inserted just above under A's TypeId")
    }
    /// The analysis `A` if it is cached.
    pub fn cached<A: Analysis>(&self) -> Option<&A> {
        self.cache
            .get(&TypeId::of::<A>())
            .and_then(|b| b.downcast_ref::<A>())
    }
    /// Mark `A` as still valid after the running pass.
    pub fn preserve<A: Analysis>(&mut self) {
        self.preserved.insert(TypeId::of::<A>());
    }
    /// Mark every analysis as still valid (the pass changed nothing they depend on).
    pub fn preserve_all(&mut self) {
        self.preserve_all = true;
    }
    /// How many analyses were computed (for tests and statistics).
    pub fn num_computed(&self) -> u64 {
        self.computed
    }
    /// Drop every analysis not preserved by the pass that just ran, and reset the marks.
    pub(crate) fn invalidate(&mut self) {
        if !self.preserve_all {
            let keep = std::mem::take(&mut self.preserved);
            self.cache.retain(|k, _| keep.contains(k));
        }
        self.preserved.clear();
        self.preserve_all = false;
    }
}
