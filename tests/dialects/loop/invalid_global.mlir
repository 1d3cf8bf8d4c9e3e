// RUN: strata opt %s --split-input-file --verify-diagnostics

// Verifier errors of loop.global and loop.get_global, one per chunk.

// expected-error @+1 {{'loop.global' op 'type' must be a ranked memref, but is tensor<4xf32>}}
"loop.global"() <{sym_name = "g", type = tensor<4xf32>}> : () -> ()

// -----

// expected-error @+1 {{'loop.global' op 'type' must have a static shape, but is memref<?xf32>}}
"loop.global"() <{sym_name = "g", type = memref<?xf32>}> : () -> ()

// -----

// expected-error @+1 {{'loop.global' op 'type' must have the identity layout, but is memref<4xf32, strided<[2]>>}}
"loop.global"() <{sym_name = "g", type = memref<4xf32, strided<[2]>>}> : () -> ()

// -----

// expected-error @+1 {{'loop.global' op 'initial_value' has type tensor<3xf32>, but the global's type memref<4xf32> needs tensor<4xf32>}}
"loop.global"() <{sym_name = "g", type = memref<4xf32>, initial_value = dense<1.0> : tensor<3xf32>}> : () -> ()

// -----

// expected-error @+1 {{'loop.global' op a 'constant' global requires an 'initial_value'}}
"loop.global"() <{sym_name = "g", type = memref<4xf32>, constant}> : () -> ()

// -----

// expected-error @+1 {{'loop.global' op 'alignment' must be a positive power of two (bytes)}}
"loop.global"() <{sym_name = "g", type = memref<4xf32>, alignment = 48 : i64}> : () -> ()

// -----

// expected-error @+1 {{'loop.global' op requires attribute 'type'}}
"loop.global"() <{sym_name = "g"}> : () -> ()

// -----

func.func @f() {
  // expected-error @+1 {{'loop.global' op must appear directly in a symbol table (a module)}}
  "loop.global"() <{sym_name = "g", type = memref<4xf32>}> : () -> ()
  return
}

// -----

func.func @f() -> memref<4xf32> {
  // expected-error @+1 {{'loop.get_global' op 'missing' does not reference a symbol}}
  %g = "loop.get_global"() <{name = @missing}> : () -> memref<4xf32>
  return %g : memref<4xf32>
}

// -----

func.func @h() {
  return
}

func.func @f() -> memref<4xf32> {
  // expected-error @+1 {{'loop.get_global' op 'h' references a 'func.func', not a 'loop.global'}}
  %g = "loop.get_global"() <{name = @h}> : () -> memref<4xf32>
  return %g : memref<4xf32>
}

// -----

"loop.global"() <{sym_name = "g", type = memref<4xf32>}> : () -> ()

func.func @f() -> memref<8xf32> {
  // expected-error @+1 {{'loop.get_global' op result type memref<8xf32> differs from the type memref<4xf32> of global 'g'}}
  %g = "loop.get_global"() <{name = @g}> : () -> memref<8xf32>
  return %g : memref<8xf32>
}
