// RUN: strata opt %s --split-input-file --verify-diagnostics

// Verifier errors of graph.tfidf_vectorizer, one per chunk.

func.func @f(%x: tensor<2x6xf32>) {
  // expected-error @+1 {{ranked tensor of integer values}}
  %0 = "graph.tfidf_vectorizer"(%x) <{max_gram_length = 1 : i64, max_skip_count = 0 : i64, min_gram_length = 1 : i64, mode = "TF", ngram_counts = array<i64: 0>, ngram_indexes = array<i64: 0>, pool_int64s = array<i64: 2>}> : (tensor<2x6xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @f(%x: tensor<2x2x6xi32>) {
  // expected-error @+1 {{input must have rank 1 or 2, but has rank 3}}
  %0 = "graph.tfidf_vectorizer"(%x) <{max_gram_length = 1 : i64, max_skip_count = 0 : i64, min_gram_length = 1 : i64, mode = "TF", ngram_counts = array<i64: 0>, ngram_indexes = array<i64: 0>, pool_int64s = array<i64: 2>}> : (tensor<2x2x6xi32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @f(%x: tensor<6xi32>) {
  // expected-error @+1 {{requires 1 <= min_gram_length <= max_gram_length, but got 3 and 2}}
  %0 = "graph.tfidf_vectorizer"(%x) <{max_gram_length = 2 : i64, max_skip_count = 0 : i64, min_gram_length = 3 : i64, mode = "TF", ngram_counts = array<i64: 0>, ngram_indexes = array<i64: 0>, pool_int64s = array<i64: 2>}> : (tensor<6xi32>) -> tensor<1xf32>
  return
}

// -----

func.func @f(%x: tensor<6xi32>) {
  // expected-error @+1 {{attribute 'mode' must be one of "TF", "IDF", "TFIDF", but got "BM25"}}
  %0 = "graph.tfidf_vectorizer"(%x) <{max_gram_length = 1 : i64, max_skip_count = 0 : i64, min_gram_length = 1 : i64, mode = "BM25", ngram_counts = array<i64: 0>, ngram_indexes = array<i64: 0>, pool_int64s = array<i64: 2>}> : (tensor<6xi32>) -> tensor<1xf32>
  return
}

// -----

func.func @f(%x: tensor<6xi32>) {
  // expected-error @+1 {{pool section 1 holds 3 items, not a whole number of 2-grams}}
  %0 = "graph.tfidf_vectorizer"(%x) <{max_gram_length = 2 : i64, max_skip_count = 0 : i64, min_gram_length = 1 : i64, mode = "TF", ngram_counts = array<i64: 0, 1>, ngram_indexes = array<i64: 0, 1>, pool_int64s = array<i64: 2, 3, 4, 5>}> : (tensor<6xi32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%x: tensor<6xi32>) {
  // expected-error @+1 {{'ngram_indexes' has 1 entries but the pool holds 2 n-grams}}
  %0 = "graph.tfidf_vectorizer"(%x) <{max_gram_length = 1 : i64, max_skip_count = 0 : i64, min_gram_length = 1 : i64, mode = "TF", ngram_counts = array<i64: 0>, ngram_indexes = array<i64: 0>, pool_int64s = array<i64: 2, 3>}> : (tensor<6xi32>) -> tensor<1xf32>
  return
}

// -----

func.func @f(%x: tensor<6xi32>) {
  // expected-error @+1 {{'ngram_counts' must be ascending offsets into the pool of 2 items, but got [0, 4]}}
  %0 = "graph.tfidf_vectorizer"(%x) <{max_gram_length = 2 : i64, max_skip_count = 0 : i64, min_gram_length = 1 : i64, mode = "TF", ngram_counts = array<i64: 0, 4>, ngram_indexes = array<i64: 0>, pool_int64s = array<i64: 2, 3>}> : (tensor<6xi32>) -> tensor<1xf32>
  return
}

// -----

func.func @f(%x: tensor<6xi32>) {
  // expected-error @+1 {{'weights' has 1 entries but the output has 3}}
  %0 = "graph.tfidf_vectorizer"(%x) <{max_gram_length = 1 : i64, max_skip_count = 0 : i64, min_gram_length = 1 : i64, mode = "IDF", ngram_counts = array<i64: 0>, ngram_indexes = array<i64: 0, 2>, pool_int64s = array<i64: 2, 3>, weights = array<f32: 1.0>}> : (tensor<6xi32>) -> tensor<3xf32>
  return
}

// -----

func.func @f(%x: tensor<2x6xi32>) {
  // expected-error @+1 {{inferred type(s) 'tensor<2x1xf32>' are incompatible with return type(s) of operation 'tensor<2x2xf32>'}}
  %0 = "graph.tfidf_vectorizer"(%x) <{max_gram_length = 1 : i64, max_skip_count = 0 : i64, min_gram_length = 1 : i64, mode = "TF", ngram_counts = array<i64: 0>, ngram_indexes = array<i64: 0>, pool_int64s = array<i64: 2>}> : (tensor<2x6xi32>) -> tensor<2x2xf32>
  return
}
