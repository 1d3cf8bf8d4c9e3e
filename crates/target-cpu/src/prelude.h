/* Strata cpu codegen prelude: helpers with the exact semantics of Strata's interpreter.
 * Integer helpers work on 64-bit values (sign- or zero-extended by the caller) so that no
 * C undefined behaviour is reachable: division by zero and signed division overflow set an
 * error code instead of trapping. Float helpers compute in double and round once, as the
 * interpreter does. */
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <pthread.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#define STRATA_ABI_VERSION 2u
#define STRATA_ERR_DIV_ZERO 1
#define STRATA_ERR_DIV_OVERFLOW 2
#define STRATA_ERR_STEP 3
#define STRATA_ERR_ALLOC 4
#define STRATA_ERR_TRIP_OVERFLOW 5
#define STRATA_ERR_LANE 6
#define STRATA_ERR_TRANSFER 7
#define STRATA_ERR_STRING 8

typedef int32_t (*strata_chunk_fn)(void *env, int64_t begin, int64_t end);
typedef struct strata_rt {
  uint32_t abi_version;
  void *pool;
  /* Run body(env, b, e) over chunks [b, e) covering [0, total); returns the error code of
   * the first failing chunk in chunk order, 0 when none failed. */
  int32_t (*parallel_for)(void *pool, int64_t total, strata_chunk_fn body, void *env);
  /* The run's strings (arena and kernel state), passed back to string_call. */
  void *strings;
  /* Run the string kernel described by spec[0..spec_len) (docs/lowering.md, "String
   * tensors") on bufs (the input then the output buffers); 0 or an error code. */
  int32_t (*string_call)(void *strings, const char *spec, int64_t spec_len, void *const *bufs);
} strata_rt;

/* An element of a string buffer: UTF-8 bytes, not NUL-terminated (ptr may be NULL when
 * len is 0). The bytes belong to the caller (inputs) or to the run's arena. */
typedef struct strata_str {
  const char *ptr;
  int64_t len;
} strata_str;

__attribute__((visibility("default"))) const uint32_t strata_abi_version = STRATA_ABI_VERSION;

static inline void strata_set_err(int32_t *err, int32_t code) { if (*err == 0) *err = code; }

static inline int64_t strata_run_chunks(const strata_rt *rt, int64_t total, strata_chunk_fn f, void *env) {
  if (total <= 0) return 0;
  if (rt && rt->parallel_for) return rt->parallel_for(rt->pool, total, f, env);
  return f(env, 0, total);
}

/* Trip count of lb..ub by step (step > 0), 0 when empty. */
static inline int64_t strata_trips(int64_t lb, int64_t ub, int64_t step) {
  if (ub <= lb) return 0;
  uint64_t d = (uint64_t)ub - (uint64_t)lb;
  return (int64_t)(d / (uint64_t)step + (d % (uint64_t)step != 0));
}

/* Buffers of the generated code. A freed buffer is kept in a small cache and handed to the
 * next allocation of the same size and alignment: every run of a model allocates the same
 * sizes again, and reusing a buffer saves the allocator's work and, above all, the kernel's
 * page faults and zeroing of fresh memory (a sixth of a ResNet-50 run's time, in the kernel,
 * before this cache). At most STRATA_CACHE_SLOTS buffers and STRATA_CACHE_BYTES bytes are
 * kept (see strata_free); the module's destructor frees them when it is unloaded. A reused buffer holds what its last user left
 * there; nothing reads a buffer before writing it, as with aligned_alloc. Every pointer in
 * the cache came from aligned_alloc, so free() remains valid on any buffer. Parallel bodies
 * may allocate, so the cache is guarded by a mutex (held for a scan of the slots; a mutex,
 * not a spin lock, so that a waiter does not spin while the holder is descheduled). */
#define STRATA_CACHE_SLOTS 64
#define STRATA_CACHE_BYTES ((uint64_t)1 << 30)
typedef struct { void *p; uint64_t size, align; } strata_cache_slot;
static strata_cache_slot strata_cache[STRATA_CACHE_SLOTS];
static uint64_t strata_cache_bytes;
static int strata_cache_next; /* the next slot to evict */
static pthread_mutex_t strata_cache_mutex = PTHREAD_MUTEX_INITIALIZER;

static inline void strata_cache_lock(void) { pthread_mutex_lock(&strata_cache_mutex); }
static inline void strata_cache_unlock(void) { pthread_mutex_unlock(&strata_cache_mutex); }

static inline uint64_t strata_alloc_size(uint64_t bytes, uint64_t align) {
  return bytes == 0 ? align : (bytes + align - 1) / align * align;
}

static inline void *strata_alloc(uint64_t bytes, uint64_t align) {
  if (align < 16) align = 16;
  uint64_t size = strata_alloc_size(bytes, align);
  void *p = NULL;
  strata_cache_lock();
  for (int i = 0; i < STRATA_CACHE_SLOTS; i++) {
    if (strata_cache[i].p && strata_cache[i].size == size && strata_cache[i].align == align) {
      p = strata_cache[i].p;
      strata_cache[i].p = NULL;
      strata_cache_bytes -= size;
      break;
    }
  }
  strata_cache_unlock();
  if (p) return p;
  return aligned_alloc((size_t)align, (size_t)size);
}

/* Frees (or keeps for reuse) a buffer that strata_alloc(bytes, align) returned. It takes an
 * empty slot, else it evicts slots round-robin (most recently kept buffers survive) until
 * the bytes kept fit STRATA_CACHE_BYTES; evicted buffers are freed outside the lock. */
static inline void strata_free(void *p, uint64_t bytes, uint64_t align) {
  if (!p) return;
  if (align < 16) align = 16;
  uint64_t size = strata_alloc_size(bytes, align);
  if (size > STRATA_CACHE_BYTES) {
    free(p);
    return;
  }
  void *evicted[STRATA_CACHE_SLOTS];
  int nev = 0, slot = -1;
  strata_cache_lock();
  for (int i = 0; i < STRATA_CACHE_SLOTS && slot < 0; i++)
    if (!strata_cache[i].p) slot = i;
  while (slot < 0 || strata_cache_bytes + size > STRATA_CACHE_BYTES) {
    int v = strata_cache_next;
    strata_cache_next = (strata_cache_next + 1) % STRATA_CACHE_SLOTS;
    if (strata_cache[v].p) {
      evicted[nev++] = strata_cache[v].p;
      strata_cache_bytes -= strata_cache[v].size;
      strata_cache[v].p = NULL;
    }
    if (slot < 0) slot = v;
  }
  strata_cache[slot].p = p;
  strata_cache[slot].size = size;
  strata_cache[slot].align = align;
  strata_cache_bytes += size;
  strata_cache_unlock();
  for (int i = 0; i < nev; i++) free(evicted[i]);
}

__attribute__((destructor)) static void strata_cache_drain(void) {
  strata_cache_lock();
  for (int i = 0; i < STRATA_CACHE_SLOTS; i++) {
    free(strata_cache[i].p);
    strata_cache[i].p = NULL;
  }
  strata_cache_bytes = 0;
  strata_cache_unlock();
}

/* ---- integers (x, y sign-extended for signed ops, zero-extended for unsigned ones) ---- */
static inline int64_t strata_divsi(int64_t x, int64_t y, int64_t smin, int32_t *err) {
  if (y == 0) { strata_set_err(err, STRATA_ERR_DIV_ZERO); return 0; }
  if (x == smin && y == -1) { strata_set_err(err, STRATA_ERR_DIV_OVERFLOW); return 0; }
  return x / y;
}
static inline int64_t strata_ceildivsi(int64_t x, int64_t y, int64_t smin, int32_t *err) {
  int64_t q = strata_divsi(x, y, smin, err);
  if (*err == 0 && x % y != 0 && ((x > 0) == (y > 0))) q += 1;
  return q;
}
static inline int64_t strata_floordivsi(int64_t x, int64_t y, int64_t smin, int32_t *err) {
  int64_t q = strata_divsi(x, y, smin, err);
  if (*err == 0 && x % y != 0 && ((x < 0) != (y < 0))) q -= 1;
  return q;
}
static inline int64_t strata_remsi(int64_t x, int64_t y, int32_t *err) {
  if (y == 0) { strata_set_err(err, STRATA_ERR_DIV_ZERO); return 0; }
  if (y == -1) return 0;
  return x % y;
}
static inline uint64_t strata_divui(uint64_t x, uint64_t y, int32_t *err) {
  if (y == 0) { strata_set_err(err, STRATA_ERR_DIV_ZERO); return 0; }
  return x / y;
}
static inline uint64_t strata_ceildivui(uint64_t x, uint64_t y, int32_t *err) {
  if (y == 0) { strata_set_err(err, STRATA_ERR_DIV_ZERO); return 0; }
  return x / y + (x % y != 0);
}
static inline uint64_t strata_remui(uint64_t x, uint64_t y, int32_t *err) {
  if (y == 0) { strata_set_err(err, STRATA_ERR_DIV_ZERO); return 0; }
  return x % y;
}
static inline uint64_t strata_shl(uint64_t x, uint64_t s, unsigned w) { return s >= w ? 0 : x << s; }
static inline uint64_t strata_shru(uint64_t x, uint64_t s, unsigned w) { return s >= w ? 0 : x >> s; }
static inline int64_t strata_shrs(int64_t x, uint64_t s, unsigned w) { return x >> (s >= w ? w - 1 : s); }
static inline uint64_t strata_clz(uint64_t x, unsigned w) { return x == 0 ? w : (uint64_t)__builtin_clzll(x) - (64 - w); }
static inline uint64_t strata_ctz(uint64_t x, unsigned w) { return x == 0 ? w : (uint64_t)__builtin_ctzll(x); }
/* ipowi on sign-extended values; the result is truncated by the caller. */
static inline uint64_t strata_ipowi(int64_t b, int64_t e, int32_t *err) {
  if (e < 0) {
    if (b == 0) { strata_set_err(err, STRATA_ERR_DIV_ZERO); return 0; }
    if (b == 1) return 1;
    if (b == -1) return (e & 1) ? (uint64_t)-1 : 1;
    return 0;
  }
  uint64_t r = 1, x = (uint64_t)b, n = (uint64_t)e;
  while (n) { if (n & 1) r *= x; x *= x; n >>= 1; }
  return r;
}

/* ---- floats ---- */
static inline float strata_f32_bits(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static inline double strata_f64_bits(uint64_t b) { double f; memcpy(&f, &b, 8); return f; }

/* A 16-bit float (1 sign, ebits exponent, mbits mantissa) to double, exactly. */
static inline double strata_small_to_f64(uint16_t h, int ebits, int mbits) {
  int bias = (1 << (ebits - 1)) - 1;
  int e = (h >> mbits) & ((1 << ebits) - 1);
  uint32_t m = h & ((1u << mbits) - 1);
  double s = (h & 0x8000) ? -1.0 : 1.0;
  if (e == (1 << ebits) - 1) return m ? copysign(NAN, s) : s * INFINITY;
  if (e == 0) return s * ldexp((double)m, 1 - bias - mbits);
  return s * ldexp((double)(m | (1u << mbits)), e - bias - mbits);
}
/* A double to a 16-bit float, rounding to nearest even once. */
static inline uint16_t strata_f64_to_small(double d, int ebits, int mbits) {
  uint64_t b; memcpy(&b, &d, 8);
  uint16_t sign = (uint16_t)((b >> 48) & 0x8000);
  int exp = (int)((b >> 52) & 0x7ff);
  uint64_t man = b & 0xfffffffffffffull;
  int bias = (1 << (ebits - 1)) - 1, emax = (1 << ebits) - 1;
  if (exp == 0x7ff) return (uint16_t)(sign | (emax << mbits) | (man ? (1u << (mbits - 1)) : 0));
  if (exp == 0) return sign; /* double subnormals are far below the 16-bit range */
  int e = exp - 1023 + bias;
  if (e >= emax) return (uint16_t)(sign | (emax << mbits));
  uint64_t sig = man | (1ull << 52);
  int shift = 52 - mbits + (e <= 0 ? 1 - e : 0);
  if (shift > 63) return sign;
  uint64_t q = sig >> shift, rem = sig & ((1ull << shift) - 1), half = 1ull << (shift - 1);
  if (rem > half || (rem == half && (q & 1))) q += 1;
  if (e <= 0) return (uint16_t)(sign | q);
  return (uint16_t)(sign | (((uint64_t)e << mbits) + q - (1ull << mbits)));
}
static inline double strata_f16_to_f64(uint16_t h) { return strata_small_to_f64(h, 5, 10); }
static inline uint16_t strata_f64_to_f16(double d) { return strata_f64_to_small(d, 5, 10); }
static inline double strata_bf16_to_f64(uint16_t h) { return strata_small_to_f64(h, 8, 7); }
static inline uint16_t strata_f64_to_bf16(double d) { return strata_f64_to_small(d, 8, 7); }

static inline double strata_maximum(double a, double b) {
  if (a != a || b != b) return NAN;
  if (a == 0.0 && b == 0.0) return (signbit(a) && signbit(b)) ? -0.0 : 0.0;
  return a > b ? a : b;
}
static inline double strata_minimum(double a, double b) {
  if (a != a || b != b) return NAN;
  if (a == 0.0 && b == 0.0) return (signbit(a) || signbit(b)) ? -0.0 : 0.0;
  return a < b ? a : b;
}
static inline double strata_maxnum(double a, double b) {
  if (a != a) return b;
  if (b != b) return a;
  return strata_maximum(a, b);
}
static inline double strata_minnum(double a, double b) {
  if (a != a) return b;
  if (b != b) return a;
  return strata_minimum(a, b);
}
/* fptosi/fptoui of width w: truncate, saturate, NaN gives 0. */
static inline int64_t strata_fptosi(double x, unsigned w) {
  if (x != x) return 0;
  double t = trunc(x), lim = ldexp(1.0, (int)w - 1);
  if (t >= lim) return (int64_t)((UINT64_C(1) << (w - 1)) - 1);
  if (t < -lim) return -(int64_t)((UINT64_C(1) << (w - 1)) - 1) - 1;
  return (int64_t)t;
}
static inline uint64_t strata_fptoui(double x, unsigned w) {
  if (x != x) return 0;
  double t = trunc(x);
  if (t <= 0.0) return 0;
  if (t >= ldexp(1.0, (int)w)) return w == 64 ? UINT64_MAX : ((UINT64_C(1) << w) - 1);
  return (uint64_t)t;
}
