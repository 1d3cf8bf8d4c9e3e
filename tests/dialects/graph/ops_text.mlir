// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// The text-feature ops: graph.tfidf_vectorizer on a batch and on one sequence, with and
// without weights, and a pool whose unigram section is empty.

func.func @tfidf(%b: tensor<2x6xi32>, %s: tensor<?xi64>) -> (tensor<2x3xf32>, tensor<7xf32>, tensor<2x2xf32>) {
  %0 = "graph.tfidf_vectorizer"(%b) <{max_gram_length = 2 : i64, max_skip_count = 0 : i64, min_gram_length = 1 : i64, mode = "TF", ngram_counts = array<i64: 0, 2>, ngram_indexes = array<i64: 0, 1, 2>, pool_int64s = array<i64: 2, 3, 2, 3>}> : (tensor<2x6xi32>) -> tensor<2x3xf32>
  %1 = "graph.tfidf_vectorizer"(%s) <{max_gram_length = 2 : i64, max_skip_count = 5 : i64, min_gram_length = 2 : i64, mode = "TFIDF", ngram_counts = array<i64: 0, 0>, ngram_indexes = array<i64: 6, 0, 1>, pool_int64s = array<i64: 5, 6, 7, 8, 6, 7>, weights = array<f32: 1.0, 0.5, 0.25, 1.0, 1.0, 1.0, 2.0>}> : (tensor<?xi64>) -> tensor<7xf32>
  %2 = "graph.tfidf_vectorizer"(%b) <{max_gram_length = 1 : i64, max_skip_count = 2 : i64, min_gram_length = 1 : i64, mode = "IDF", ngram_counts = array<i64: 0>, ngram_indexes = array<i64: 1, 0>, pool_int64s = array<i64: 4, 9>}> : (tensor<2x6xi32>) -> tensor<2x2xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<7xf32>, tensor<2x2xf32>
}
