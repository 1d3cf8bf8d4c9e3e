// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(symbol-dce)

// Private functions nothing references go, transitively; public ones are roots.
func.func @public() {
  call @used() : () -> ()
  return
}
func.func private @used() {
  return
}
func.func private @dead() {
  call @dead_callee() : () -> ()
  return
}
func.func private @dead_callee() {
  return
}
func.func private @dead_decl(i32) -> i32

// -----

// References through attributes keep symbols alive; a reference to a nested symbol keeps
// the table and the symbol.
test.use_symbol @live
test.use_symbol @t::@inner
test.symbol private @live
test.symbol private @unused
test.symbol nested @nested_unused
test.symbol_table @t {
  test.symbol nested @inner
  test.symbol nested @other
  test.symbol private @also_unused
}
test.symbol_table @dead_table attributes {sym_visibility = "private"} {
  test.symbol @p
}
