//! Safe loading of external tensor data (weights stored in files beside the model).
//!
//! A tensor with `data_location = EXTERNAL` names a file by a relative `location` and an
//! optional `offset` and `length`. The file is read only when it lies, by canonical
//! containment, inside the model's directory:
//!
//! * `location` must be a non-empty relative path of plain components: absolute paths,
//!   `..`, Windows prefixes, backslashes and NUL bytes are rejected;
//! * every component from the model directory down is checked with `symlink_metadata`:
//!   symbolic links are rejected (not followed), intermediate components must be
//!   directories;
//! * the file must be a regular file (no directory, device, FIFO or socket) with a single
//!   hard link, and its canonical path must start with the canonical model directory;
//! * after opening, the handle's device and inode must be those that were checked (so a
//!   swap between check and open is detected);
//! * `offset` and `length` must be decimal integers whose sum does not overflow and lies
//!   within the file; the length must be exactly the tensor's byte size, checked against the
//!   limits before any buffer is allocated.
//!
//! String-based checks alone are what published advisories of other ONNX loaders got wrong;
//! this module checks the file system objects themselves.

use crate::error::{ImportError, Result};
use crate::proto::StringStringEntryProto;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};

/// The parsed `external_data` entries of a tensor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalRef {
    /// The relative path.
    pub location: String,
    /// Byte offset in the file (default 0).
    pub offset: u64,
    /// Byte length (default: the rest of the file).
    pub length: Option<u64>,
}

fn parse_u64(key: &str, value: &str, at: &str) -> Result<u64> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ImportError::invalid(
            format!("external data '{key}' must be a decimal integer, got '{value}'"),
            at,
        ));
    }
    value.parse::<u64>().map_err(|_| {
        ImportError::invalid(
            format!("external data '{key}' overflows 64 bits: '{value}'"),
            at,
        )
    })
}

impl ExternalRef {
    /// Parse `external_data` key/value entries; `at` names the tensor for errors.
    pub fn parse(entries: &[StringStringEntryProto], at: &str) -> Result<ExternalRef> {
        let mut location = None;
        let mut offset = 0;
        let mut length = None;
        for e in entries {
            match e.key.as_str() {
                "location" => location = Some(e.value.clone()),
                "offset" => offset = parse_u64("offset", &e.value, at)?,
                "length" => length = Some(parse_u64("length", &e.value, at)?),
                _ => {}
            }
        }
        let location =
            location.ok_or_else(|| ImportError::invalid("external data without 'location'", at))?;
        Ok(ExternalRef {
            location,
            offset,
            length,
        })
    }
}

/// Check `location` lexically: a non-empty relative path of plain components.
fn relative_components(location: &str, at: &str) -> Result<Vec<String>> {
    let bad = |why: &str| {
        Err(ImportError::invalid(
            format!("external data location '{location}' {why}"),
            at,
        ))
    };
    if location.is_empty() {
        return bad("is empty");
    }
    if location.contains('\0') {
        return bad("contains a NUL byte");
    }
    if location.contains('\\') {
        return bad("contains a backslash");
    }
    let path = Path::new(location);
    if path.is_absolute() || location.starts_with('/') {
        return bad("is an absolute path");
    }
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(s) => match s.to_str() {
                Some(s) => parts.push(s.to_string()),
                None => return bad("is not valid UTF-8"),
            },
            Component::CurDir => {}
            Component::ParentDir => return bad("contains a '..' component"),
            Component::RootDir | Component::Prefix(_) => return bad("is an absolute path"),
        }
    }
    if parts.is_empty() {
        return bad("names no file");
    }
    Ok(parts)
}

/// Reads external data files of one model, confined to its directory.
#[derive(Debug)]
pub struct ExternalLoader {
    base: Option<PathBuf>,
    total: u64,
    max_total: u64,
}

impl ExternalLoader {
    /// A loader for a model in directory `base` (`None`: the model came from bytes without a
    /// directory, and external data is rejected), reading at most `max_total` bytes overall.
    pub fn new(base: Option<&Path>, max_total: u64) -> ExternalLoader {
        ExternalLoader {
            base: base.map(Path::to_path_buf),
            total: 0,
            max_total,
        }
    }

    /// Resolve `location` inside the model directory, checking every component; returns the
    /// path and the (device, inode) of the regular file it names.
    pub fn resolve(&self, location: &str, at: &str) -> Result<(PathBuf, (u64, u64), u64)> {
        let parts = relative_components(location, at)?;
        let base = self.base.as_ref().ok_or_else(|| {
            ImportError::invalid(
                "external data needs the model's directory (import from a file)",
                at,
            )
        })?;
        let io = |e: std::io::Error, p: &Path| {
            ImportError::invalid(
                format!("external data file '{}': {e}", p.display()),
                at.to_string(),
            )
        };
        let root = base.canonicalize().map_err(|e| io(e, base))?;
        let mut path = root.clone();
        for (i, part) in parts.iter().enumerate() {
            path.push(part);
            let md = std::fs::symlink_metadata(&path).map_err(|e| io(e, &path))?;
            let ft = md.file_type();
            if ft.is_symlink() {
                return Err(ImportError::invalid(
                    format!("external data location '{location}' goes through a symbolic link"),
                    at,
                ));
            }
            let last = i + 1 == parts.len();
            if !last && !ft.is_dir() {
                return Err(ImportError::invalid(
                    format!("external data location '{location}': '{part}' is not a directory"),
                    at,
                ));
            }
            if last {
                if !ft.is_file() {
                    return Err(ImportError::invalid(
                        format!("external data location '{location}' is not a regular file"),
                        at,
                    ));
                }
                if md.nlink() != 1 {
                    return Err(ImportError::invalid(
                        format!(
                            "external data location '{location}' has {} hard links",
                            md.nlink()
                        ),
                        at,
                    ));
                }
                let canon = path.canonicalize().map_err(|e| io(e, &path))?;
                if !canon.starts_with(&root) {
                    return Err(ImportError::invalid(
                        format!(
                            "external data location '{location}' is outside the model directory"
                        ),
                        at,
                    ));
                }
                return Ok((path, (md.dev(), md.ino()), md.len()));
            }
        }
        Err(ImportError::invalid(
            format!("external data location '{location}' names no file"),
            at,
        ))
    }

    /// Read the `expected_len` bytes that `r` references, after every check above.
    pub fn read(&mut self, r: &ExternalRef, expected_len: u64, at: &str) -> Result<Vec<u8>> {
        let (path, id, size) = self.resolve(&r.location, at)?;
        let length = match r.length {
            Some(l) => l,
            None => size.checked_sub(r.offset).ok_or_else(|| {
                ImportError::invalid(
                    format!(
                        "external data offset {} is past the end of the file ({size} bytes)",
                        r.offset
                    ),
                    at,
                )
            })?,
        };
        let end = r
            .offset
            .checked_add(length)
            .ok_or_else(|| ImportError::invalid("external data offset + length overflows", at))?;
        if end > size {
            return Err(ImportError::invalid(
                format!(
                    "external data range {}..{end} is past the end of the file ({size} bytes)",
                    r.offset
                ),
                at,
            ));
        }
        if length != expected_len {
            return Err(ImportError::invalid(
                format!("external data holds {length} bytes, but the tensor needs {expected_len}"),
                at,
            ));
        }
        let total = self.total.saturating_add(length);
        if total > self.max_total {
            return Err(ImportError::limit(
                "total bytes of external data",
                self.max_total,
            ));
        }
        let io = |e: std::io::Error| {
            ImportError::invalid(format!("external data file '{}': {e}", path.display()), at)
        };
        let mut f = File::open(&path).map_err(io)?;
        let md = f.metadata().map_err(io)?;
        if (md.dev(), md.ino()) != id || !md.is_file() || md.nlink() != 1 || md.len() < end {
            return Err(ImportError::invalid(
                format!(
                    "external data file '{}' changed while it was being checked",
                    r.location
                ),
                at,
            ));
        }
        let len = usize::try_from(length)
            .map_err(|_| ImportError::limit("external data length", usize::MAX as u64))?;
        f.seek(SeekFrom::Start(r.offset)).map_err(io)?;
        let mut buf = vec![0u8; len];
        f.read_exact(&mut buf).map_err(io)?;
        self.total = total;
        Ok(buf)
    }
}
