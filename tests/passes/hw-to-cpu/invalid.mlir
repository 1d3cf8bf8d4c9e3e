// RUN: strata opt %s --verify-diagnostics --split-input-file --pass-pipeline=builtin.module(hw-to-cpu{features=sse4.2})

// A vector wider than the 128-bit SSE registers that reaches an op hw-to-cpu cannot split
// is an error naming the op and the pass; nothing is half lowered.

func.func @shuffle(%x: memref<64xf32>, %i: index) -> vector<8xf32> {
  %v = "hw.load"(%x, %i) : (memref<64xf32>, index) -> vector<8xf32>
  // expected-error @+1 {{'hw.shuffle' op has a vector wider than the native register (32 bits per f32 lane), which hw-to-cpu cannot split for this op (hw-to-cpu)}}
  %s = "hw.shuffle"(%v, %v) <{mask = array<i64: 0, 1, 2, 3, 4, 5, 6, 7>}> : (vector<8xf32>, vector<8xf32>) -> vector<8xf32>
  return %s : vector<8xf32>
}

// -----

func.func @carried(%x: memref<64xf32>, %v: vector<8xf32>) -> vector<8xf32> {
  // expected-error @+1 {{'func.return' op has a vector wider than the native register (32 bits per f32 lane), which hw-to-cpu cannot split for this op (hw-to-cpu)}}
  return %v : vector<8xf32>
}
