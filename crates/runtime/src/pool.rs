//! The worker pool behind `parallel_for`: `threads - 1` worker threads plus the calling
//! thread, which takes chunks itself.
//!
//! One dispatch publishes a [`Job`] (the chunk function, its environment, the chunk
//! bounds) under a mutex and bumps an epoch. Idle workers spin on the epoch for a short
//! while (dispatches of one model run follow each other closely) and then sleep on a
//! condition variable, so a waiting pool costs no CPU. Chunks are claimed from an atomic
//! counter; their bounds are a fixed function of `(total, chunks)`, and every chunk writes
//! its own elements, so which thread runs which chunk never changes the results. The first
//! failing chunk in chunk order decides the returned code, as in a serial run.

use std::ffi::c_void;
use std::sync::atomic::{AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// A chunk function of generated code: `(env, begin, end) -> error code`.
pub(crate) type ChunkFn = unsafe extern "C" fn(*mut c_void, i64, i64) -> i32;

/// How long an idle worker polls for the next dispatch before it sleeps.
const SPIN: Duration = Duration::from_micros(30);

/// Chunks per thread of one dispatch (fewer when the iteration space is smaller).
const CHUNKS_PER_THREAD: i64 = 16;

/// One dispatch.
struct Job {
    body: ChunkFn,
    env: *mut c_void,
    total: i64,
    chunks: i64,
    /// The next chunk to claim.
    next: AtomicI64,
    /// Chunks finished.
    done: AtomicI64,
    /// `(chunk << 32) | code` of the first failing chunk in chunk order (`u64::MAX`: none).
    first_err: AtomicU64,
}

// SAFETY: `env` is the environment of generated code: read-only while chunks run, and the
// chunks write disjoint iterations' elements (the semantics of `loop.parallel` and of the
// micro-kernels' units). Workers touch `body`/`env` only for chunks they claimed, which
// happens before the dispatching call returns (it waits for `done == chunks`).
unsafe impl Send for Job {}
// SAFETY: as above; the counters are atomics.
unsafe impl Sync for Job {}

impl Job {
    /// Claim and run chunks until none are left.
    fn work(&self) {
        loop {
            let c = self.next.fetch_add(1, Ordering::Relaxed);
            if c >= self.chunks {
                return;
            }
            let at = |i: i64| ((i as i128 * self.total as i128) / self.chunks as i128) as i64;
            // SAFETY: `body` and `env` are a matching pair from generated code (see the
            // `Send` impl); chunk `c` was claimed by this thread only.
            let code = unsafe { (self.body)(self.env, at(c), at(c + 1)) };
            if code != 0 {
                let tag = ((c as u64) << 32) | u64::from(code as u32);
                self.first_err.fetch_min(tag, Ordering::Relaxed);
            }
            self.done.fetch_add(1, Ordering::Release);
        }
    }
}

/// What the mutex guards.
struct Slot {
    epoch: u64,
    job: Option<Arc<Job>>,
    sleepers: usize,
    stop: bool,
}

struct Shared {
    slot: Mutex<Slot>,
    wake: Condvar,
    /// A copy of `slot.epoch` that spinning workers poll without the lock.
    epoch: AtomicU64,
    /// Nonzero while a dispatch runs (a nested or concurrent call runs serially).
    busy: AtomicUsize,
}

/// A pool of `threads - 1` workers (none for one thread).
pub(crate) struct Pool {
    threads: usize,
    shared: Arc<Shared>,
    handles: Vec<std::thread::JoinHandle<()>>,
}

impl Pool {
    /// Start `threads - 1` workers.
    pub(crate) fn new(threads: usize) -> std::io::Result<Pool> {
        let shared = Arc::new(Shared {
            slot: Mutex::new(Slot {
                epoch: 0,
                job: None,
                sleepers: 0,
                stop: false,
            }),
            wake: Condvar::new(),
            epoch: AtomicU64::new(0),
            busy: AtomicUsize::new(0),
        });
        let mut pool = Pool {
            threads: threads.max(1),
            shared,
            handles: Vec::new(),
        };
        for k in 1..pool.threads {
            let sh = Arc::clone(&pool.shared);
            let h = std::thread::Builder::new()
                .name(format!("strata-worker-{k}"))
                .spawn(move || worker(&sh))?;
            pool.handles.push(h);
        }
        Ok(pool)
    }

    /// The number of threads running chunks (workers and the caller).
    pub(crate) fn threads(&self) -> usize {
        self.threads
    }

    /// Run `body(env, b, e)` over `[0, total)` split into chunks in a fixed way; the first
    /// failing chunk's code in chunk order, or 0.
    ///
    /// # Safety
    /// `body` and `env` must be a matching pair whose chunks may run concurrently on
    /// disjoint ranges, and `env` must stay valid for the call.
    pub(crate) unsafe fn parallel_for(&self, total: i64, body: ChunkFn, env: *mut c_void) -> i32 {
        if total <= 0 {
            return 0;
        }
        let serial = self.threads == 1
            || total == 1
            || self
                .shared
                .busy
                .compare_exchange(0, 1, Ordering::Acquire, Ordering::Relaxed)
                .is_err();
        if serial {
            // SAFETY: the caller's contract.
            return unsafe { body(env, 0, total) };
        }
        // Chunks are claimed dynamically, so more chunks than threads balance uneven units
        // (the micro-kernels' row and column blocks) at the cost of one atomic per chunk.
        let chunks = (self.threads as i64 * CHUNKS_PER_THREAD).min(total);
        let job = Arc::new(Job {
            body,
            env,
            total,
            chunks,
            next: AtomicI64::new(0),
            done: AtomicI64::new(0),
            first_err: AtomicU64::new(u64::MAX),
        });
        {
            let mut slot = self.shared.slot.lock().unwrap_or_else(|p| p.into_inner());
            slot.epoch += 1;
            slot.job = Some(Arc::clone(&job));
            self.shared.epoch.store(slot.epoch, Ordering::Release);
            if slot.sleepers > 0 {
                self.shared.wake.notify_all();
            }
        }
        job.work();
        // Wait for chunks other threads still run.
        let mut spins = 0u32;
        while job.done.load(Ordering::Acquire) < chunks {
            if spins < 1 << 12 {
                std::hint::spin_loop();
                spins += 1;
            } else {
                std::thread::yield_now();
            }
        }
        {
            // Drop the pool's reference so a late worker cannot claim from a finished job
            // for long (it would find no chunk left anyway).
            let mut slot = self.shared.slot.lock().unwrap_or_else(|p| p.into_inner());
            slot.job = None;
        }
        self.shared.busy.store(0, Ordering::Release);
        match job.first_err.load(Ordering::Relaxed) {
            u64::MAX => 0,
            tag => (tag & 0xffff_ffff) as u32 as i32,
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        {
            let mut slot = self.shared.slot.lock().unwrap_or_else(|p| p.into_inner());
            slot.stop = true;
            slot.epoch += 1;
            self.shared.epoch.store(slot.epoch, Ordering::Release);
            self.shared.wake.notify_all();
        }
        for h in self.handles.drain(..) {
            // A worker that panicked has nothing left to clean up.
            let _ = h.join();
        }
    }
}

/// A worker: wait for the next epoch (spinning, then sleeping), help with its job.
fn worker(sh: &Shared) {
    let mut seen = 0u64;
    loop {
        let start = Instant::now();
        let mut n = 0u32;
        while sh.epoch.load(Ordering::Acquire) == seen {
            std::hint::spin_loop();
            n += 1;
            if n.is_multiple_of(256) && start.elapsed() > SPIN {
                break;
            }
        }
        let job = {
            let mut slot = sh.slot.lock().unwrap_or_else(|p| p.into_inner());
            while slot.epoch == seen && !slot.stop {
                slot.sleepers += 1;
                slot = sh.wake.wait(slot).unwrap_or_else(|p| p.into_inner());
                slot.sleepers -= 1;
            }
            if slot.stop {
                return;
            }
            seen = slot.epoch;
            slot.job.clone()
        };
        if let Some(job) = job {
            job.work();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Marks each index of its range in the `AtomicI64` array `env` (adds `index + 1`);
    /// fails with code `10 + begin` when the range holds index 5 or 9 (two failing chunks).
    unsafe extern "C" fn mark(env: *mut c_void, begin: i64, end: i64) -> i32 {
        // SAFETY: the tests pass a pointer to a live `[AtomicI64; 64]`.
        let cells = unsafe { &*(env as *const [AtomicI64; 64]) };
        for i in begin..end {
            cells[i as usize].fetch_add(i + 1, Ordering::Relaxed);
        }
        if (begin..end).contains(&5) || (begin..end).contains(&9) {
            return 10 + begin as i32;
        }
        0
    }

    fn run(threads: usize, total: i64) -> (Vec<i64>, i32) {
        let pool = Pool::new(threads).expect("threads start");
        let cells: [AtomicI64; 64] = std::array::from_fn(|_| AtomicI64::new(0));
        let env = &cells as *const [AtomicI64; 64] as *mut c_void;
        // SAFETY: `mark` reads `env` as the array above, alive for the call.
        let code = unsafe { pool.parallel_for(total, mark, env) };
        (
            cells.iter().map(|c| c.load(Ordering::Relaxed)).collect(),
            code,
        )
    }

    #[test]
    fn every_index_runs_once_and_the_first_failing_chunk_decides() {
        let (serial, code1) = run(1, 64);
        assert_eq!(code1, 10, "one chunk [0, 64) fails with 10 + 0");
        for threads in [2, 3, 8] {
            for _ in 0..20 {
                let (cells, code) = run(threads, 64);
                assert_eq!(cells, serial, "{threads} threads: every index once");
                // 16 * threads chunks (at most 64); index 5 (before index 9) is in the first
                // failing one.
                let chunks = (CHUNKS_PER_THREAD * threads as i64).min(64);
                let begin = (0..chunks)
                    .map(|c| c * 64 / chunks)
                    .filter(|&b| b <= 5)
                    .max()
                    .expect("chunk 0 begins at 0");
                assert_eq!(
                    code,
                    10 + begin as i32,
                    "{threads} threads: the first failing chunk's code"
                );
            }
        }
        let (cells, code) = run(4, 3);
        assert_eq!(&cells[..4], &[1, 2, 3, 0]);
        assert_eq!(code, 0);
        assert_eq!(run(4, 0).1, 0, "an empty range runs nothing");
    }

    #[test]
    fn a_pool_is_reused_and_shuts_down() {
        let pool = Pool::new(3).expect("threads start");
        let cells: [AtomicI64; 64] = std::array::from_fn(|_| AtomicI64::new(0));
        let env = &cells as *const [AtomicI64; 64] as *mut c_void;
        for _ in 0..200 {
            // SAFETY: as above.
            let code = unsafe { pool.parallel_for(4, mark, env) };
            assert_eq!(code, 0);
        }
        assert_eq!(cells[3].load(Ordering::Relaxed), 200 * 4);
        drop(pool);
    }
}
