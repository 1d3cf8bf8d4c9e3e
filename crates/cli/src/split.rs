//! `--split-input-file`: cut the input at `// -----` lines.
//!
//! As in `mlir-opt`, a line whose text (after leading blanks) starts with `// -----` separates
//! two chunks; a line starting with `// ---` that is not a separator is a "near miss" and
//! earns a warning. Chunks keep their position in the original file (see
//! [`Chunk::first_line`]) so diagnostics point at the original line numbers.

/// The separator printed between the outputs of consecutive chunks.
pub const OUTPUT_MARKER: &[u8] = b"// -----\n";

/// One chunk of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk<'a> {
    /// The chunk's text, from the start of its first line.
    pub text: &'a [u8],
    /// The 1-based line number of the chunk's first line in the whole input.
    pub first_line: u32,
}

/// The result of [`split_input`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The chunks, in order (always at least one).
    pub chunks: Vec<Chunk<'a>>,
    /// `(line, column)` of lines that look like a mistyped separator (`// ----`).
    pub near_misses: Vec<(u32, u32)>,
}

const MARKER: &[u8] = b"// -----";
const NEAR: &[u8] = b"// ---";

/// Split `src` at separator lines (which belong to neither neighbour).
pub fn split_input(src: &[u8]) -> Split<'_> {
    let mut chunks = Vec::new();
    let mut near_misses = Vec::new();
    let mut chunk_start = 0usize;
    let mut chunk_line = 1u32;
    let mut pos = 0usize;
    let mut line = 1u32;
    while pos < src.len() {
        let end = src[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(src.len(), |i| pos + i);
        let text = &src[pos..end];
        let indent = text
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        let body = &text[indent..];
        let next = (end + 1).min(src.len());
        if body.starts_with(MARKER) {
            chunks.push(Chunk {
                text: &src[chunk_start..pos],
                first_line: chunk_line,
            });
            chunk_start = next;
            chunk_line = line + 1;
        } else if body.starts_with(NEAR) {
            near_misses.push((line, (indent + NEAR.len()) as u32 + 1));
        }
        pos = end + 1;
        line += 1;
    }
    chunks.push(Chunk {
        text: &src[chunk_start.min(src.len())..],
        first_line: chunk_line,
    });
    Split {
        chunks,
        near_misses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(s: &Split<'a>) -> Vec<(&'a str, u32)> {
        s.chunks
            .iter()
            .map(|c| (std::str::from_utf8(c.text).unwrap(), c.first_line))
            .collect()
    }

    #[test]
    fn splits_at_marker_lines() {
        let s = split_input(b"a\nb\n// -----\nc\n  // ----- x\n\nd");
        assert_eq!(texts(&s), [("a\nb\n", 1), ("c\n", 4), ("\nd", 6)]);
        assert!(s.near_misses.is_empty());
    }

    #[test]
    fn no_marker_is_one_chunk() {
        let s = split_input(b"a\n");
        assert_eq!(texts(&s), [("a\n", 1)]);
        let s = split_input(b"");
        assert_eq!(texts(&s), [("", 1)]);
    }

    #[test]
    fn trailing_marker_gives_empty_last_chunk() {
        let s = split_input(b"a\n// -----");
        assert_eq!(texts(&s), [("a\n", 1), ("", 3)]);
        let s = split_input(b"a\n// -----\n");
        assert_eq!(texts(&s), [("a\n", 1), ("", 3)]);
    }

    #[test]
    fn near_misses_are_reported() {
        let s = split_input(b"a\n// ----\nb\n");
        assert_eq!(texts(&s), [("a\n// ----\nb\n", 1)]);
        assert_eq!(s.near_misses, [(2, 7)]);
    }
}
