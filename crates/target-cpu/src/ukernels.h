/* Matrix-product micro-kernels of Strata's cpu target (f32): a blocked, packed product with
 * a 6 x 16 register tile, and a 2-D NCHW convolution that packs its right-hand operand
 * straight from the (already padded) input, an implicit im2col.
 *
 * Every output element accumulates its products in increasing reduction order starting
 * from its current value (so results depend neither on the blocking nor on how callers
 * split the column range between threads); the only difference from a plain loop nest is
 * the rounding of fused multiply-adds where the target has them. */

#define STRATA_MR 6
#define STRATA_NR 16
#define STRATA_KC 256
#define STRATA_MC 72
#define STRATA_NC 128
/* Floats of scratch one call needs (packed panels of B and A, and an edge tile). */
#define STRATA_UK_SCRATCH (STRATA_KC * (STRATA_NC + STRATA_MC) + STRATA_MR * STRATA_NR)

#if defined(__AVX__)
#include <immintrin.h>
typedef __m256 strata_v8sf;
#define strata_v8_load(p) _mm256_loadu_ps(p)
#define strata_v8_store(p, v) _mm256_storeu_ps((p), (v))
#define strata_v8_splat(x) _mm256_set1_ps(x)
#if defined(__FMA__)
#define strata_v8_fma(a, b, c) _mm256_fmadd_ps((a), (b), (c))
#else
#define strata_v8_fma(a, b, c) _mm256_add_ps(_mm256_mul_ps((a), (b)), (c))
#endif
#else
/* Portable fallback: GCC/Clang generic vectors (NEON, SSE or scalar code). */
typedef float strata_v8sf __attribute__((vector_size(32)));
static inline strata_v8sf strata_v8_load(const float *p) {
  strata_v8sf v;
  memcpy(&v, p, sizeof v);
  return v;
}
static inline void strata_v8_store(float *p, strata_v8sf v) { memcpy(p, &v, sizeof v); }
static inline strata_v8sf strata_v8_splat(float x) {
  strata_v8sf v = {x, x, x, x, x, x, x, x};
  return v;
}
static inline strata_v8sf strata_v8_fma(strata_v8sf a, strata_v8sf b, strata_v8sf c) {
  return a * b + c;
}
#endif

/* The MR x NR tile c (leading dimension ldc) += packed a (kc x MR) * packed b (kc x NR). */
static void strata_uk_tile(size_t kc, const float *a, const float *b, float *c, size_t ldc) {
  strata_v8sf acc[STRATA_MR][2];
  for (int i = 0; i < STRATA_MR; i++) {
    acc[i][0] = strata_v8_load(c + i * ldc);
    acc[i][1] = strata_v8_load(c + i * ldc + 8);
  }
  for (size_t p = 0; p < kc; p++) {
    strata_v8sf b0 = strata_v8_load(b + p * STRATA_NR);
    strata_v8sf b1 = strata_v8_load(b + p * STRATA_NR + 8);
    const float *ap = a + p * STRATA_MR;
    for (int i = 0; i < STRATA_MR; i++) {
      strata_v8sf ai = strata_v8_splat(ap[i]);
      acc[i][0] = strata_v8_fma(ai, b0, acc[i][0]);
      acc[i][1] = strata_v8_fma(ai, b1, acc[i][1]);
    }
  }
  for (int i = 0; i < STRATA_MR; i++) {
    strata_v8_store(c + i * ldc, acc[i][0]);
    strata_v8_store(c + i * ldc + 8, acc[i][1]);
  }
}

/* How the right-hand operand's element (p, j) is found: a strided matrix, or the implicit
 * im2col of a padded NCHW image (p = (c, kh, kw), j = (oh, ow)). */
typedef struct {
  const float *base;
  size_t rs, cs;            /* strided: element (p, j) at base[p * rs + j * cs] */
  int conv;                 /* nonzero: implicit im2col */
  size_t kh, kw, ow;        /* kernel size, output width */
  size_t sh, sw, dh, dw;    /* strides and dilations */
  size_t ih_stride, iw_stride, ic_stride; /* input strides of h, w, c */
} strata_uk_rhs;

/* Element (p, j) of a strided right-hand operand (convolutions are packed by stepping, in
 * strata_uk_gemm, never element by element). */
static inline float strata_uk_rhs_at(const strata_uk_rhs *r, size_t p, size_t j) {
  return r->base[p * r->rs + j * r->cs];
}

/* Packs one tile of A: rows [0, mr) (mr <= MR) and columns [0, kc) of A (element (i, p) at
 * a[i * ars + p * acs]) into dst[p * MR + i], rows mr..MR-1 zero. With AVX, a full tile of
 * unit-stride rows is transposed 8 columns at a time in registers (plain copies: the same
 * bits as the scalar loop). */
static void strata_uk_pack_tile(size_t mr, size_t kc, const float *a, size_t ars, size_t acs,
                                float *dst) {
  size_t p0 = 0;
#if defined(__AVX__)
  if (mr == STRATA_MR && acs == 1) {
    const __m256 z = _mm256_setzero_ps();
    for (; p0 + 8 <= kc; p0 += 8) {
      __m256 r0 = _mm256_loadu_ps(a + p0), r1 = _mm256_loadu_ps(a + ars + p0);
      __m256 r2 = _mm256_loadu_ps(a + 2 * ars + p0), r3 = _mm256_loadu_ps(a + 3 * ars + p0);
      __m256 r4 = _mm256_loadu_ps(a + 4 * ars + p0), r5 = _mm256_loadu_ps(a + 5 * ars + p0);
      __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
      __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
      __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
      __m256 u0 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(1, 0, 1, 0));
      __m256 u1 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
      __m256 u2 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(1, 0, 1, 0));
      __m256 u3 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
      __m256 u4 = _mm256_shuffle_ps(t4, z, _MM_SHUFFLE(1, 0, 1, 0));
      __m256 u5 = _mm256_shuffle_ps(t4, z, _MM_SHUFFLE(3, 2, 3, 2));
      __m256 u6 = _mm256_shuffle_ps(t5, z, _MM_SHUFFLE(1, 0, 1, 0));
      __m256 u7 = _mm256_shuffle_ps(t5, z, _MM_SHUFFLE(3, 2, 3, 2));
      /* Column j (rows 0..3 in the low 128 bits, rows 4..5 in the low 64 bits of the high
       * half): j = 0..3 from the low lanes, 4..7 from the high lanes. */
      __m256 c[8];
      c[0] = _mm256_permute2f128_ps(u0, u4, 0x20);
      c[1] = _mm256_permute2f128_ps(u1, u5, 0x20);
      c[2] = _mm256_permute2f128_ps(u2, u6, 0x20);
      c[3] = _mm256_permute2f128_ps(u3, u7, 0x20);
      c[4] = _mm256_permute2f128_ps(u0, u4, 0x31);
      c[5] = _mm256_permute2f128_ps(u1, u5, 0x31);
      c[6] = _mm256_permute2f128_ps(u2, u6, 0x31);
      c[7] = _mm256_permute2f128_ps(u3, u7, 0x31);
      for (int j = 0; j < 8; j++) {
        float *d = dst + (p0 + j) * STRATA_MR;
        _mm_storeu_ps(d, _mm256_castps256_ps128(c[j]));
        _mm_storel_pi((__m64 *)(d + 4), _mm256_extractf128_ps(c[j], 1));
      }
    }
  }
#endif
  for (size_t rr = 0; rr < STRATA_MR; rr++) {
    if (rr < mr) {
      const float *row = a + rr * ars;
      for (size_t p = p0; p < kc; p++) dst[p * STRATA_MR + rr] = row[p * acs];
    } else {
      for (size_t p = p0; p < kc; p++) dst[p * STRATA_MR + rr] = 0.0f;
    }
  }
}

/* Packs rows [0, m) of A (element (i, p) at a[i * ars + p * acs], p < k) as MR-row tiles:
 * tile t holds rows t*MR .. t*MR+MR-1, element (i, p) at dst[t * MR * k + p * MR + i % MR],
 * rows past m zero. A tile's k-block [pc, pc + kc) is then the contiguous kc x MR panel at
 * dst + t * MR * k + pc * MR, the layout strata_uk_gemm packs per block. */
static void strata_uk_pack_a(size_t m, size_t k, const float *a, size_t ars, size_t acs,
                             float *dst) {
  for (size_t i = 0; i < m; i += STRATA_MR) {
    size_t mr = m - i < STRATA_MR ? m - i : STRATA_MR;
    strata_uk_pack_tile(mr, k, a + i * ars, ars, acs, dst + i * k);
  }
}

/* C[i][j] += sum_p A[i][p] * R(p, j) for i < m, n0 <= j < n1, p < k; A element (i, p) at
 * a[i * ars + p * acs]; C element (i, j) at c[i * ldc + j]. With apk non-null, A is not read:
 * apk holds rows [0, m) packed by strata_uk_pack_a (the same values in the same layout, so
 * the result is the same bits). */
static void strata_uk_gemm(size_t m, size_t n0, size_t n1, size_t k, const float *a, size_t ars,
                           size_t acs, const float *apk, const strata_uk_rhs *r, float *c,
                           size_t ldc, float *scratch) {
  float *bp = scratch;
  float *ap = bp + STRATA_KC * STRATA_NC;
  float *edge = ap + STRATA_KC * STRATA_MC;
  for (size_t jc = n0; jc < n1; jc += STRATA_NC) {
    size_t nc = n1 - jc < STRATA_NC ? n1 - jc : STRATA_NC;
    for (size_t pc = 0; pc < k; pc += STRATA_KC) {
      size_t kc = k - pc < STRATA_KC ? k - pc : STRATA_KC;
      if (!r->conv && r->cs == 1) {
        /* A row-major operand: walk it row by row (one contiguous stretch of nc floats per
         * row, friendly to prefetchers and the TLB) into the panels, with fixed-width vector
         * copies for full panels. */
        for (size_t p = 0; p < kc; p++) {
          const float *src = r->base + (pc + p) * r->rs + jc;
          size_t j = 0;
          for (; j + STRATA_NR <= nc; j += STRATA_NR) {
            float *dst = bp + j * kc + p * STRATA_NR;
            strata_v8_store(dst, strata_v8_load(src + j));
            strata_v8_store(dst + 8, strata_v8_load(src + j + 8));
          }
          if (j < nc) {
            float *dst = bp + j * kc + p * STRATA_NR;
            for (size_t q = 0; q < STRATA_NR; q++) dst[q] = j + q < nc ? src[j + q] : 0.0f;
          }
        }
      } else {
        for (size_t j = 0; j < nc; j += STRATA_NR) {
          size_t nr = nc - j < STRATA_NR ? nc - j : STRATA_NR;
          float *dst = bp + j * kc;
          if (r->conv) {
            /* Implicit im2col: the panel's input offsets (one per column (oh, ow)) are
             * computed once; rows (c, kh, kw) are walked with counters, without divisions.
             * When the panel's 16 columns are adjacent input elements (one output row,
             * unit strides), each row is one vector copy. */
            size_t off[STRATA_NR];
            size_t oy = (jc + j) / r->ow, ox = (jc + j) % r->ow;
            int adjacent = nr == STRATA_NR && r->sw == 1 && r->iw_stride == 1 &&
                           ox + STRATA_NR <= r->ow;
            for (size_t q = 0; q < nr; q++) {
              off[q] = oy * r->sh * r->ih_stride + ox * r->sw * r->iw_stride;
              if (++ox == r->ow) { ox = 0; oy++; }
            }
            size_t khw = r->kh * r->kw;
            size_t cc = pc / khw, kk = pc % khw, ky = kk / r->kw, kx = kk % r->kw;
            for (size_t p = 0; p < kc; p++) {
              const float *plane = r->base + cc * r->ic_stride + ky * r->dh * r->ih_stride +
                                   kx * r->dw * r->iw_stride;
              if (adjacent) {
                strata_v8_store(dst + p * STRATA_NR, strata_v8_load(plane + off[0]));
                strata_v8_store(dst + p * STRATA_NR + 8, strata_v8_load(plane + off[0] + 8));
              } else {
                for (size_t q = 0; q < STRATA_NR; q++)
                  dst[p * STRATA_NR + q] = q < nr ? plane[off[q]] : 0.0f;
              }
              if (++kx == r->kw) { kx = 0; if (++ky == r->kh) { ky = 0; cc++; } }
            }
            continue;
          }
          for (size_t p = 0; p < kc; p++)
            for (size_t q = 0; q < STRATA_NR; q++)
              dst[p * STRATA_NR + q] = q < nr ? strata_uk_rhs_at(r, pc + p, jc + j + q) : 0.0f;
        }
      }
      for (size_t ic = 0; ic < m; ic += STRATA_MC) {
        size_t mc = m - ic < STRATA_MC ? m - ic : STRATA_MC;
        for (size_t i = 0; i < mc && !apk; i += STRATA_MR) {
          size_t mr = mc - i < STRATA_MR ? mc - i : STRATA_MR;
          strata_uk_pack_tile(mr, kc, a + (ic + i) * ars + pc * acs, ars, acs, ap + i * kc);
        }
        for (size_t j = 0; j < nc; j += STRATA_NR) {
          size_t nr = nc - j < STRATA_NR ? nc - j : STRATA_NR;
          for (size_t i = 0; i < mc; i += STRATA_MR) {
            size_t mr = mc - i < STRATA_MR ? mc - i : STRATA_MR;
            float *cc = c + (ic + i) * ldc + jc + j;
            const float *at = apk ? apk + (ic + i) * k + pc * STRATA_MR : ap + i * kc;
            if (mr == STRATA_MR && nr == STRATA_NR) {
              strata_uk_tile(kc, at, bp + j * kc, cc, ldc);
            } else {
              for (size_t rr = 0; rr < STRATA_MR; rr++)
                for (size_t q = 0; q < STRATA_NR; q++)
                  edge[rr * STRATA_NR + q] = (rr < mr && q < nr) ? cc[rr * ldc + q] : 0.0f;
              strata_uk_tile(kc, at, bp + j * kc, edge, STRATA_NR);
              for (size_t rr = 0; rr < mr; rr++)
                for (size_t q = 0; q < nr; q++) cc[rr * ldc + q] = edge[rr * STRATA_NR + q];
            }
          }
        }
      }
    }
  }
}


/* Rows per row block when m rows are split into ceil(m / MC) blocks of nearly equal
 * numbers of MR-row tiles (at most MC rows each), so units of work are balanced. */
static inline int64_t strata_uk_block_rows(int64_t m) {
  int64_t blocks = (m + STRATA_MC - 1) / STRATA_MC;
  int64_t tiles = (m + STRATA_MR - 1) / STRATA_MR;
  if (blocks <= 0) return STRATA_MC;
  return (tiles + blocks - 1) / blocks * STRATA_MR;
}

/* Units of work: (batch, row block of mrows <= STRATA_MC rows, column block of STRATA_NC).
 * Every unit writes a disjoint block of the output, so units run in any order on any thread
 * and the bytes of the result do not depend on the thread count. */
typedef struct {
  const float *a, *b;
  float *c;
  int64_t m, n, k;
  int64_t a_rs, a_cs, b_rs, b_cs, c_rs; /* element (i,p) of A at a[i*a_rs + p*a_cs], ... */
  int64_t nb;                           /* batch dims (of C), at most 6 */
  int64_t bshape[6], a_bs[6], b_bs[6], c_bs[6]; /* batch sizes and strides (0: broadcast) */
  int64_t mblocks, nblocks;
  int64_t mrows; /* rows per row block (strata_uk_block_rows) */
} strata_uk_bmm;

static int32_t strata_uk_bmm_units(void *env, int64_t begin, int64_t end) {
  const strata_uk_bmm *p = (const strata_uk_bmm *)env;
  float *scratch = (float *)strata_alloc(sizeof(float) * STRATA_UK_SCRATCH, 64);
  if (!scratch) return STRATA_ERR_ALLOC;
  for (int64_t u = begin; u < end; u++) {
    int64_t nbk = u % p->nblocks, rest = u / p->nblocks;
    int64_t mbk = rest % p->mblocks, batch = rest / p->mblocks;
    int64_t ao = 0, bo = 0, co = 0;
    for (int64_t d = p->nb - 1; d >= 0; d--) {
      int64_t i = batch % p->bshape[d];
      batch /= p->bshape[d];
      ao += i * p->a_bs[d];
      bo += i * p->b_bs[d];
      co += i * p->c_bs[d];
    }
    int64_t i0 = mbk * p->mrows, rows = p->m - i0 < p->mrows ? p->m - i0 : p->mrows;
    int64_t j0 = nbk * STRATA_NC, j1 = j0 + STRATA_NC < p->n ? j0 + STRATA_NC : p->n;
    strata_uk_rhs r;
    memset(&r, 0, sizeof r);
    r.base = p->b + bo;
    r.rs = (size_t)p->b_rs;
    r.cs = (size_t)p->b_cs;
    strata_uk_gemm((size_t)rows, (size_t)j0, (size_t)j1, (size_t)p->k, p->a + ao + i0 * p->a_rs,
                   (size_t)p->a_rs, (size_t)p->a_cs, NULL, &r, p->c + co + i0 * p->c_rs,
                   (size_t)p->c_rs, scratch);
  }
  strata_free(scratch, sizeof(float) * STRATA_UK_SCRATCH, 64);
  return 0;
}

/* C[b.., i, j] += sum_k A[b.., i, k] * B[b.., k, j] (strided, broadcast batches). */
static int32_t strata_uk_batch_matmul(strata_uk_bmm *p, const strata_rt *rt) {
  int64_t batches = 1;
  for (int64_t d = 0; d < p->nb; d++) batches *= p->bshape[d];
  p->mrows = strata_uk_block_rows(p->m);
  p->mblocks = (p->m + p->mrows - 1) / p->mrows;
  p->nblocks = (p->n + STRATA_NC - 1) / STRATA_NC;
  int64_t units = batches * p->mblocks * p->nblocks;
  if (units == 0 || p->k == 0) return 0;
  if (batches * p->m * p->n * p->k < 32768) return strata_uk_bmm_units(p, 0, units);
  return (int32_t)strata_run_chunks(rt, units, strata_uk_bmm_units, p);
}

typedef struct {
  const float *in, *w;
  float *out;
  int64_t n, c, f, kh, kw, oh, ow, sh, sw, dh, dw;
  int64_t in_s[4], w_s[4], out_s[4]; /* strides; w and out contiguous per image */
  int64_t fblocks, pblocks;
  int64_t frows; /* filters per row block (strata_uk_block_rows) */
  float *wpk;    /* the filters packed by strata_uk_pack_a (c*kh*kw columns), or NULL */
} strata_uk_conv;

/* Packs MR-row tiles [begin, end) of the filters into p->wpk (units of work of the packing). */
static int32_t strata_uk_conv_pack(void *env, int64_t begin, int64_t end) {
  const strata_uk_conv *p = (const strata_uk_conv *)env;
  int64_t ckk = p->c * p->kh * p->kw;
  for (int64_t t = begin; t < end; t++) {
    int64_t f0 = t * STRATA_MR, rows = p->f - f0 < STRATA_MR ? p->f - f0 : STRATA_MR;
    strata_uk_pack_a((size_t)rows, (size_t)ckk, p->w + f0 * p->w_s[0], (size_t)p->w_s[0], 1,
                     p->wpk + f0 * ckk);
  }
  return 0;
}

static int32_t strata_uk_conv_units(void *env, int64_t begin, int64_t end) {
  const strata_uk_conv *p = (const strata_uk_conv *)env;
  float *scratch = (float *)strata_alloc(sizeof(float) * STRATA_UK_SCRATCH, 64);
  if (!scratch) return STRATA_ERR_ALLOC;
  int64_t npos = p->oh * p->ow, ckk = p->c * p->kh * p->kw;
  for (int64_t u = begin; u < end; u++) {
    int64_t pb = u % p->pblocks, rest = u / p->pblocks;
    int64_t fb = rest % p->fblocks, img = rest / p->fblocks;
    int64_t f0 = fb * p->frows, rows = p->f - f0 < p->frows ? p->f - f0 : p->frows;
    int64_t j0 = pb * STRATA_NC, j1 = j0 + STRATA_NC < npos ? j0 + STRATA_NC : npos;
    strata_uk_rhs r;
    memset(&r, 0, sizeof r);
    r.base = p->in + img * p->in_s[0];
    /* A 1x1, stride-1 convolution over contiguous planes is a plain matrix product. */
    r.conv = !(p->kh == 1 && p->kw == 1 && p->sh == 1 && p->sw == 1 && p->in_s[3] == 1 &&
               p->in_s[2] == p->ow);
    r.rs = (size_t)p->in_s[1];
    r.cs = 1;
    r.kh = (size_t)p->kh; r.kw = (size_t)p->kw; r.ow = (size_t)p->ow;
    r.sh = (size_t)p->sh; r.sw = (size_t)p->sw; r.dh = (size_t)p->dh; r.dw = (size_t)p->dw;
    r.ic_stride = (size_t)p->in_s[1]; r.ih_stride = (size_t)p->in_s[2]; r.iw_stride = (size_t)p->in_s[3];
    strata_uk_gemm((size_t)rows, (size_t)j0, (size_t)j1, (size_t)ckk, p->w + f0 * p->w_s[0],
                   (size_t)p->w_s[0], 1, p->wpk ? p->wpk + f0 * ckk : NULL, &r,
                   p->out + img * p->out_s[0] + f0 * p->out_s[1], (size_t)p->out_s[1], scratch);
  }
  strata_free(scratch, sizeof(float) * STRATA_UK_SCRATCH, 64);
  return 0;
}

/* out[n, f, y, x] += sum_{c,p,q} in[n, c, y*sh + p*dh, x*sw + q*dw] * w[f, c, p, q]. */
static int32_t strata_uk_conv2d_nchw(strata_uk_conv *p, const strata_rt *rt) {
  p->frows = strata_uk_block_rows(p->f);
  p->fblocks = (p->f + p->frows - 1) / p->frows;
  p->pblocks = (p->oh * p->ow + STRATA_NC - 1) / STRATA_NC;
  int64_t units = p->n * p->fblocks * p->pblocks;
  int64_t ckk = p->c * p->kh * p->kw;
  if (units == 0 || ckk == 0) return 0;
  if (p->n * p->f * p->oh * p->ow * ckk < 32768) return strata_uk_conv_units(p, 0, units);
  /* Each unit packs the filter rows it uses for every k-block; with more than one column
   * block per image they would be packed again by each, so they are packed once (in
   * parallel, by MR-row tiles) and shared. Without the memory the units pack as before. */
  int64_t tiles = (p->f + STRATA_MR - 1) / STRATA_MR;
  uint64_t wbytes = (uint64_t)tiles * STRATA_MR * (uint64_t)ckk * sizeof(float);
  p->wpk = NULL;
  if (p->n * p->pblocks > 1) p->wpk = (float *)strata_alloc(wbytes, 64);
  if (p->wpk) {
    int32_t e = (int32_t)strata_run_chunks(rt, tiles, strata_uk_conv_pack, p);
    if (e == 0) e = (int32_t)strata_run_chunks(rt, units, strata_uk_conv_units, p);
    strata_free(p->wpk, wbytes, 64);
    p->wpk = NULL;
    return e;
  }
  return (int32_t)strata_run_chunks(rt, units, strata_uk_conv_units, p);
}
