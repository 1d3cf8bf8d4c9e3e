//! Greedy driver scaling benchmark (filled in below).
fn main() {}
