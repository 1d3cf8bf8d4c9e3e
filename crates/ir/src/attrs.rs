//! Builtin attributes: unit, bool, integer, float, string, array, dictionary, type, symbol
//! references, affine maps and integer sets, dense elements (splat and full), dense resource
//! blobs, dense arrays, strided layouts, locations and opaque dialect attributes.
//!
//! Attributes are interned in the [`Context`](crate::Context); an [`Attribute`] is a `Copy`
//! handle. Dense resource blobs are stored once in the context and referenced by name, so
//! cloning or rewriting IR never copies weights.

use crate::affine::{AffineMap, IntegerSet};
use crate::{Symbol, Type};

/// An interned attribute handle.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Attribute(pub(crate) u32);

impl Attribute {
    /// The index of this attribute in its context's attribute table.
    pub fn index(self) -> u32 {
        self.0
    }
}

/// A `name = value` entry of a dictionary attribute.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct NamedAttr {
    /// The entry's name.
    pub name: Symbol,
    /// The entry's value.
    pub value: Attribute,
}

/// The structure of a location (MLIR's `LocationAttr` family).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum LocKind {
    /// `loc(unknown)`.
    Unknown,
    /// `loc("file":line:col)` or a range `loc("file":l:c to l2:c2)`.
    FileLineCol {
        /// File name.
        file: Symbol,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        col: u32,
        /// Optional end `(line, col)` of a range.
        end: Option<(u32, u32)>,
    },
    /// `loc("name")` or `loc("name"(child))`.
    Name {
        /// The name.
        name: Symbol,
        /// Optional child location (an attribute whose kind is a location).
        child: Option<Attribute>,
    },
    /// `loc(callsite(callee at caller))`.
    CallSite {
        /// Callee location.
        callee: Attribute,
        /// Caller location.
        caller: Attribute,
    },
    /// `loc(fused[a, b])` or `loc(fused<#meta>[a, b])`.
    Fused {
        /// Fused locations.
        locs: Box<[Attribute]>,
        /// Optional metadata attribute.
        metadata: Option<Attribute>,
    },
}

/// The structure of an attribute. Obtain it with
/// [`Context::attr_kind`](crate::Context::attr_kind).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum AttrKind {
    /// `unit`.
    Unit,
    /// `true` / `false`.
    Bool(bool),
    /// `42 : i32`. The value is sign-extended for signless and signed types and zero-extended
    /// for unsigned types; it always fits the type's width.
    Integer {
        /// The value.
        value: i128,
        /// An integer or index type.
        ty: Type,
    },
    /// `1.5 : f32`. `bits` holds the IEEE bit pattern in the type's width, so NaN payloads and
    /// signed zeros round-trip exactly.
    Float {
        /// The bit pattern.
        bits: u64,
        /// A float type.
        ty: Type,
    },
    /// `"text"` or `"text" : type`. Bytes, since MLIR strings may hold any byte via `\XX`.
    String {
        /// The bytes.
        value: Box<[u8]>,
        /// Optional type.
        ty: Option<Type>,
    },
    /// `[a, b]`.
    Array(Box<[Attribute]>),
    /// `{a = 1, b}` (entries sorted by name).
    Dict(Box<[NamedAttr]>),
    /// A type used as an attribute (`i32`, `tensor<...>`).
    Type(Type),
    /// `@root::@nested`.
    SymbolRef {
        /// The root reference.
        root: Symbol,
        /// Nested references.
        nested: Box<[Symbol]>,
    },
    /// `affine_map<...>`.
    AffineMap(AffineMap),
    /// `affine_set<...>`.
    IntegerSet(IntegerSet),
    /// `dense<...> : tensor<...>` on integer, index, float or complex elements. `data` holds the
    /// little-endian elements, each `ceil(width/8)` bytes (complex: real then imaginary); a
    /// splat holds exactly one element.
    DenseElements {
        /// A ranked tensor or vector type.
        ty: Type,
        /// Whether all elements are equal and only one is stored.
        splat: bool,
        /// Raw element bytes.
        data: Box<[u8]>,
    },
    /// `dense_resource<name> : tensor<...>`: data lives in the context's resource table.
    DenseResource {
        /// The shaped type.
        ty: Type,
        /// The blob's key in the context's resource table.
        name: Symbol,
    },
    /// `array<i64: 1, 2>` (element type and little-endian elements, `ceil(width/8)` bytes each).
    DenseArray {
        /// Element type (integer or float).
        elem: Type,
        /// Number of elements.
        len: u32,
        /// Raw element bytes.
        data: Box<[u8]>,
    },
    /// `strided<[s0, s1], offset: o>` ([`DYNAMIC`](crate::types::DYNAMIC) for `?`).
    StridedLayout {
        /// Offset.
        offset: i64,
        /// Strides.
        strides: Box<[i64]>,
    },
    /// A location.
    Location(LocKind),
    /// A dialect attribute kept as text: `#dialect.body` or `#dialect<"body">`.
    Opaque {
        /// The dialect namespace.
        dialect: Symbol,
        /// The body after the dialect name.
        body: Box<str>,
    },
}

/// A location: an attribute handle whose kind is [`AttrKind::Location`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Location(pub Attribute);

/// A blob of bytes stored once in a context (`{-# dialect_resources: { builtin: { name: "0x.." } } #-}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blob {
    /// Required alignment of the data in bytes.
    pub alignment: u32,
    /// The bytes, shared (never copied when IR is cloned).
    pub data: std::sync::Arc<[u8]>,
}
