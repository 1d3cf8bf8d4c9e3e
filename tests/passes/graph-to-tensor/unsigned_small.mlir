// RUN: strata opt %s --graph-to-tensor=full=true

// The unsigned 4- and 2-bit integers become `i4`/`i2` with `strata.elem_type` at the
// function boundary: from a float, `fptosi` to i64 then `trunci` (the interpreter's
// truncation and wrap); from a wider integer `trunci`, from a narrower one `extsi` (signed
// source) or `extui` (unsigned or i1 source); from ui4/ui2, `uitofp` to floats, `extui` to
// wider integers, `x != 0` to i1; a reshape moves the bits unchanged.
func.func @small_unsigned(%x: tensor<4xf32>, %w: tensor<4xi32>, %q: tensor<4xui2>, %u: tensor<4xui4>) -> (tensor<4xui4>, tensor<4xui4>, tensor<4xui4>, tensor<4xf16>, tensor<4xui8>, tensor<4xi1>, tensor<2x2xui4>, tensor<4xui2>) {
  %0 = "graph.cast"(%x) <{to = ui4}> : (tensor<4xf32>) -> tensor<4xui4>
  %1 = "graph.cast"(%w) <{to = ui4}> : (tensor<4xi32>) -> tensor<4xui4>
  %2 = "graph.cast"(%q) <{to = ui4}> : (tensor<4xui2>) -> tensor<4xui4>
  %3 = "graph.cast"(%u) <{to = f16}> : (tensor<4xui4>) -> tensor<4xf16>
  %4 = "graph.cast"(%u) <{to = ui8}> : (tensor<4xui4>) -> tensor<4xui8>
  %5 = "graph.cast"(%u) <{to = i1}> : (tensor<4xui4>) -> tensor<4xi1>
  %6 = "graph.reshape"(%u) <{shape = array<i64: 2, 2>}> : (tensor<4xui4>) -> tensor<2x2xui4>
  %7 = "graph.cast"(%x) <{to = ui2}> : (tensor<4xf32>) -> tensor<4xui2>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<4xui4>, tensor<4xui4>, tensor<4xui4>, tensor<4xf16>, tensor<4xui8>, tensor<4xi1>, tensor<2x2xui4>, tensor<4xui2>
}
