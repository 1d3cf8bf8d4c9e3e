// RUN: strata opt %s --graph-to-tensor

// Bigrams with skips up to 1 over two rows: per skip distance d, the window items are
// column slices of the tokens (offsets 0 and d), compared with the pool's grams (a
// constant read at (gram, j)) in a reduction over the window starts that counts the
// matches; the counts fold into the output columns by the grams' indexes (the repeated
// gram [5, 6] keeps its last index, 2), and TFIDF scales them by the weights in f64.
func.func @bigrams(%x: tensor<2x5xi32>) -> tensor<2x3xf32> {
  %0 = "graph.tfidf_vectorizer"(%x) <{min_gram_length = 2 : i64, max_gram_length = 2 : i64, max_skip_count = 1 : i64, mode = "TFIDF", ngram_counts = array<i64: 0, 0>, ngram_indexes = array<i64: 0, 1, 2>, pool_int64s = array<i64: 5, 6, 7, 8, 5, 6>, weights = array<f32: 1.0, 2.0, 0.5>}> : (tensor<2x5xi32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// Unigrams are counted at skip distance 1 only; a rank-1 row.
func.func @unigrams(%x: tensor<4xi64>) -> tensor<2xf32> {
  %0 = "graph.tfidf_vectorizer"(%x) <{min_gram_length = 1 : i64, max_gram_length = 1 : i64, max_skip_count = 3 : i64, mode = "TF", ngram_counts = array<i64: 0>, ngram_indexes = array<i64: 1, 0>, pool_int64s = array<i64: 3, 4>}> : (tensor<4xi64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
