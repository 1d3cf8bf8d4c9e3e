//! The [`Pass`] trait, pass registration ([`PassInfo`] in the [`PASSES`] distributed slice) and
//! pass options.
//!
//! A pass registers itself where it is defined — no central list is edited:
//!
//! ```ignore
//! #[linkme::distributed_slice(strata_pass::PASSES)]
//! static CSE: strata_pass::PassInfo = strata_pass::PassInfo {
//!     name: "cse",
//!     summary: "Eliminate common sub-expressions",
//!     description: "...",
//!     anchor: None,
//!     options: &[],
//!     create: |_opts| Ok(Box::new(Cse)),
//! };
//! ```

use crate::unit::IrUnit;
use crate::AnalysisManager;
use indexmap::IndexMap;

/// Every registered pass, gathered at link time.
#[linkme::distributed_slice]
pub static PASSES: [PassInfo];

/// The kind of value a pass option takes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OptionKind {
    /// `true`/`false` (a bare `name` means `true`).
    Bool,
    /// A signed integer.
    Int,
    /// A non-negative integer.
    UInt,
    /// Any string.
    String,
    /// A comma-separated list of strings.
    List,
}

/// The declaration of one pass option.
#[derive(Clone, Copy, Debug)]
pub struct PassOptionInfo {
    /// Option name (`max-iterations`).
    pub name: &'static str,
    /// What it does.
    pub description: &'static str,
    /// The default value, as text.
    pub default: &'static str,
    /// Its kind.
    pub kind: OptionKind,
}

/// A pass's registration: what the CLI, the docs and the pipeline parser know of it.
pub struct PassInfo {
    /// The pass argument (`canonicalize`).
    pub name: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Markdown description.
    pub description: &'static str,
    /// The op the pass runs on (`Some("builtin.module")`), or `None` for any op.
    pub anchor: Option<&'static str>,
    /// Declared options.
    pub options: &'static [PassOptionInfo],
    /// Create the pass from validated options.
    pub create: fn(&PassOptions) -> Result<Box<dyn Pass>, String>,
}

impl std::fmt::Debug for PassInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PassInfo")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// A pass that ran and failed; its diagnostics were emitted through [`IrUnit::emit`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PassFailed;

/// A transformation or analysis over one isolated-from-above op and everything nested in it.
///
/// A pass only touches the op it runs on and what is nested inside; it never touches
/// siblings, so function passes run in parallel. It holds no mutable shared state.
pub trait Pass: Send + Sync {
    /// The registration this pass was created from.
    fn info(&self) -> &'static PassInfo;
    /// Run on `unit`. Report problems with [`IrUnit::emit`] and return `Err(PassFailed)`
    /// when the pass could not do its job. Analyses not marked preserved in `am` are
    /// invalidated afterwards.
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed>;
    /// The textual form of this pass with its options, for pipelines and reproducers
    /// (`canonicalize{max-iterations=10}`). Defaults to the bare name.
    fn pipeline_text(&self) -> String {
        self.info().name.to_string()
    }
}

/// Parsed option values of one pass instance, validated against its declarations.
#[derive(Clone, Debug, Default)]
pub struct PassOptions {
    values: IndexMap<String, String>,
}

impl PassOptions {
    /// Validate `given` (`name -> text`) against `decls`, filling defaults.
    pub fn parse(decls: &[PassOptionInfo], given: &[(String, String)]) -> Result<Self, String> {
        let mut values = IndexMap::new();
        for d in decls {
            values.insert(d.name.to_string(), d.default.to_string());
        }
        for (k, v) in given {
            let Some(d) = decls.iter().find(|d| d.name == k) else {
                let known: Vec<&str> = decls.iter().map(|d| d.name).collect();
                return Err(if known.is_empty() {
                    format!("unknown option '{k}': this pass takes no options")
                } else {
                    format!(
                        "unknown option '{k}'; valid options are: {}",
                        known.join(", ")
                    )
                });
            };
            let ok = match d.kind {
                OptionKind::Bool => matches!(v.as_str(), "true" | "false" | "1" | "0"),
                OptionKind::Int => v.parse::<i64>().is_ok(),
                OptionKind::UInt => v.parse::<u64>().is_ok(),
                OptionKind::String | OptionKind::List => true,
            };
            if !ok {
                return Err(format!(
                    "invalid value '{v}' for option '{k}' (expected {:?})",
                    d.kind
                ));
            }
            values.insert(k.clone(), v.clone());
        }
        Ok(PassOptions { values })
    }
    /// A boolean option.
    pub fn get_bool(&self, name: &str) -> bool {
        matches!(
            self.values.get(name).map(String::as_str),
            Some("true" | "1")
        )
    }
    /// An integer option (0 when absent).
    pub fn get_i64(&self, name: &str) -> i64 {
        self.values
            .get(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }
    /// A non-negative integer option (0 when absent).
    pub fn get_u64(&self, name: &str) -> u64 {
        self.values
            .get(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }
    /// A string option.
    pub fn get_str(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }
    /// A list option (comma-separated, empty entries dropped).
    pub fn get_list(&self, name: &str) -> Vec<String> {
        self.get_str(name)
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    }
    /// The options that differ from their defaults, as pipeline text (`{a=1 b=x}`), or "".
    pub fn to_text(&self, decls: &[PassOptionInfo]) -> String {
        let parts: Vec<String> = decls
            .iter()
            .filter_map(|d| {
                let v = self.values.get(d.name)?;
                (v != d.default).then(|| format!("{}={}", d.name, quote_if_needed(v)))
            })
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("{{{}}}", parts.join(" "))
        }
    }
}

fn quote_if_needed(v: &str) -> String {
    if v.is_empty() || v.contains([' ', '{', '}', '"']) {
        format!("\"{}\"", v.replace('"', "\\\""))
    } else {
        v.to_string()
    }
}

/// Look a registered pass up by name.
pub fn lookup(name: &str) -> Option<&'static PassInfo> {
    PASSES.iter().find(|p| p.name == name)
}

/// All registered passes, sorted by name (deterministic, whatever the link order).
pub fn registered() -> Vec<&'static PassInfo> {
    let mut v: Vec<&'static PassInfo> = PASSES.iter().collect();
    v.sort_by_key(|p| p.name);
    v
}

/// Generate `docs/passes.md` from the registered passes.
pub fn passes_markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from the registered passes by `strata_pass::passes_markdown`; do not edit. \
         Regenerate with `STRATA_BLESS=1 cargo test -p strata --test docs`. -->\n\n# Passes\n\n",
    );
    for p in registered() {
        out.push_str(&format!("## `{}`\n\n_{}_\n\n", p.name, p.summary));
        if let Some(a) = p.anchor {
            out.push_str(&format!("Runs on `{a}`.\n\n"));
        } else {
            out.push_str("Runs on any op.\n\n");
        }
        if !p.description.trim().is_empty() {
            out.push_str(p.description.trim());
            out.push_str("\n\n");
        }
        if !p.options.is_empty() {
            out.push_str("| option | kind | default | description |\n|---|---|---|---|\n");
            for o in p.options {
                out.push_str(&format!(
                    "| `{}` | {:?} | `{}` | {} |\n",
                    o.name, o.kind, o.default, o.description
                ));
            }
            out.push('\n');
        }
    }
    out
}
