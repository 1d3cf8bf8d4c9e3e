/* Strata cpu codegen: the 8- and 4-bit float formats (f8E5M2, f8E4M3FN, f8E5M2FNUZ,
 * f8E4M3FNUZ, f8E8M0FNU, f4E2M1FN), stored as one uint8_t bit pattern each, converted to
 * and from double exactly as Strata's interpreter does (crates/ir/src/minifloat.rs, which
 * the arith.extf/arith.truncf semantics use): decoding is exact; encoding rounds to
 * nearest, ties to even, on the format's grid extended past its largest value, and a result
 * beyond the largest finite value overflows to infinity (IEEE formats), NaN (formats with a
 * NaN) or the largest value (f4E2M1FN, which has neither). NaN keeps its sign where the
 * format has a signed NaN; f4E2M1FN encodes NaN as the zero of the opposite sign; formats
 * without negative zero encode -0 as +0. f8E8M0FNU (2^(e-127), 0xFF is NaN) rounds log2 x
 * to nearest with ties to the even exponent field; x <= 0 gives NaN.
 *
 * nf, how a format encodes non-finite values: 0 IEEE, 1 NaN is all ones (FN), 2 NaN is the
 * negative zero (FNUZ), 3 finite only, 4 an unsigned power of two. Included only when the
 * generated code uses one of these formats. */

static inline uint32_t strata_mf_max_bits(int width, int ebits, int mbits, int nf) {
  uint32_t emax = (1u << ebits) - 1, mmask = (1u << mbits) - 1;
  switch (nf) {
  case 0: return ((emax - 1) << mbits) | mmask;
  case 1: return (emax << mbits) | (mmask - 1);
  case 4: return (1u << width) - 2;
  default: return (emax << mbits) | mmask;
  }
}
static inline uint8_t strata_mf_nan(int width, int ebits, int mbits, int nf, int neg) {
  uint32_t sign = 1u << (width - 1), s = neg ? sign : 0, emax = (1u << ebits) - 1;
  switch (nf) {
  case 0: return (uint8_t)(s | (emax << mbits) | (1u << (mbits - 1)));
  case 1: return (uint8_t)(s | (emax << mbits) | ((1u << mbits) - 1));
  case 2: return (uint8_t)sign;
  case 3: return (uint8_t)(neg ? 0 : sign);
  default: return (uint8_t)((1u << width) - 1);
  }
}
static inline double strata_mf_to_f64(uint8_t b, int width, int ebits, int mbits, int bias, int nf) {
  uint32_t x = b & ((1u << width) - 1);
  if (nf == 4) return x == 0xFFu ? NAN : ldexp(1.0, (int)x - bias);
  int neg = (x >> (width - 1)) & 1;
  uint32_t man = x & ((1u << mbits) - 1), e = (x >> mbits) & ((1u << ebits) - 1);
  uint32_t emax = (1u << ebits) - 1;
  if (nf == 0 && e == emax) return man ? NAN : (neg ? -INFINITY : INFINITY);
  if (nf == 1 && e == emax && man == (1u << mbits) - 1) return NAN;
  if (nf == 2 && neg && e == 0 && man == 0) return NAN;
  double v = e == 0 ? ldexp((double)man, 1 - bias - mbits)
                    : ldexp((double)(man | (1u << mbits)), (int)e - bias - mbits);
  return neg ? -v : v;
}
/* The bits of an overflowing value of sign neg (no saturation). */
static inline uint8_t strata_mf_overflow(int width, int ebits, int mbits, int nf, int neg) {
  uint32_t s = neg ? 1u << (width - 1) : 0;
  if (nf == 0) return (uint8_t)(s | (((1u << ebits) - 1) << mbits));
  if (nf == 3) return (uint8_t)(s | strata_mf_max_bits(width, ebits, mbits, nf));
  return strata_mf_nan(width, ebits, mbits, nf, neg);
}
static inline uint8_t strata_f64_to_mf(double x, int width, int ebits, int mbits, int bias, int nf) {
  int neg = signbit(x) != 0;
  if (x != x) return strata_mf_nan(width, ebits, mbits, nf, neg);
  if (nf == 4) {
    if (x <= 0.0 || isinf(x)) return 0xFF;
    int e = ilogb(x);
    double frac = ldexp(x, -e);
    int field = e + bias;
    int up = frac > 1.5 || (frac == 1.5 && (field & 1));
    field += up;
    if (field < 0) return 0;
    if (field > 0xFE) return 0xFF;
    return (uint8_t)field;
  }
  uint32_t sign = neg ? 1u << (width - 1) : 0, zero = nf == 2 ? 0 : sign;
  double a = fabs(x);
  if (isinf(a)) return strata_mf_overflow(width, ebits, mbits, nf, neg);
  if (a == 0.0) return (uint8_t)zero;
  uint32_t maxb = strata_mf_max_bits(width, ebits, mbits, nf);
  double max = strata_mf_to_f64((uint8_t)maxb, width, ebits, mbits, bias, nf);
  if (a >= 2.0 * max) return strata_mf_overflow(width, ebits, mbits, nf, neg);
  int emin = 1 - bias, q = ilogb(a);
  if (q < emin) q = emin;
  q -= mbits;
  double n = nearbyint(ldexp(a, -q));
  if (ldexp(n, q) > max) return strata_mf_overflow(width, ebits, mbits, nf, neg);
  uint32_t k = (uint32_t)n;
  if (k == 0) return (uint8_t)zero;
  if (k >= (1u << (mbits + 1))) { k >>= 1; q += 1; }
  uint32_t bits = k < (1u << mbits) ? k : ((uint32_t)(q + mbits + bias) << mbits) | (k - (1u << mbits));
  return (uint8_t)(sign | bits);
}

#define STRATA_MF(name, width, ebits, mbits, bias, nf)                                          \
  static inline double strata_##name##_to_f64(uint8_t b) {                                    \
    return strata_mf_to_f64(b, width, ebits, mbits, bias, nf);                                \
  }                                                                                           \
  static inline uint8_t strata_f64_to_##name(double d) {                                      \
    return strata_f64_to_mf(d, width, ebits, mbits, bias, nf);                                \
  }
STRATA_MF(f8e5m2, 8, 5, 2, 15, 0)
STRATA_MF(f8e4m3fn, 8, 4, 3, 7, 1)
STRATA_MF(f8e5m2fnuz, 8, 5, 2, 16, 2)
STRATA_MF(f8e4m3fnuz, 8, 4, 3, 8, 2)
STRATA_MF(f8e8m0fnu, 8, 8, 0, 127, 4)
STRATA_MF(f4e2m1fn, 4, 2, 1, 1, 3)
#undef STRATA_MF
