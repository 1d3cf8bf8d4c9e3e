//! The command line: `strata <SUBCOMMAND> ...`.

use crate::conformance::ConformanceArgs;
use crate::import::ImportArgs;
use crate::opt::OptArgs;
use crate::run::RunArgs;
use clap::{Parser, Subcommand};
use std::ffi::OsString;

/// `strata`: build and run deep-learning compilers the MLIR way.
#[derive(Parser, Debug)]
#[command(name = "strata", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands. Later ones (`compile`, `bench`) are added here, each with
/// its own argument struct and driver function.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse, verify and print MLIR, like `mlir-opt`.
    Opt(OptArgs),
    /// Import an ONNX model into the graph dialect, verify it and print it.
    Import(ImportArgs),
    /// Run a model (`.onnx` or `.mlir`) on `.npy` inputs and write its outputs.
    Run(RunArgs),
    /// Compile a model for a target into a shared object (or stop at C).
    Compile(crate::compile::CompileArgs),
    /// Compile once, then time repeated runs on a target (min/median/max latency).
    Bench(crate::bench::BenchArgs),
    /// Run ONNX backend test cases and report PASS / UNSUPPORTED / FAIL.
    Conformance(ConformanceArgs),
}

/// Parse a full command line (program name first): normalise `mlir-opt`-style options, take
/// out the individual pass flags of `strata opt` (`--cse`, `-canonicalize`,
/// `--canonicalize=max-iterations=3` — any registered pass name) in order, and parse the rest
/// with clap.
pub fn parse_command_line(args: Vec<OsString>) -> Result<Cli, clap::Error> {
    let args = normalize_args(args);
    let mut rest = Vec::with_capacity(args.len());
    let mut pass_flags = Vec::new();
    let is_opt = args.get(1).and_then(|a| a.to_str()) == Some("opt");
    let mut verbatim = false;
    for (i, arg) in args.into_iter().enumerate() {
        let flag = arg.to_str().filter(|_| is_opt && i > 1 && !verbatim);
        if arg.to_str() == Some("--") {
            verbatim = true;
        }
        if let Some(text) = flag.and_then(|s| s.strip_prefix("--")) {
            let (name, opts) = match text.split_once('=') {
                Some((n, o)) => (n, Some(o)),
                None => (text, None),
            };
            if strata::pass::lookup(name).is_some() {
                pass_flags.push(match opts {
                    Some(o) => format!("{name}{{{o}}}"),
                    None => name.to_string(),
                });
                continue;
            }
        }
        rest.push(arg);
    }
    let mut cli = <Cli as clap::Parser>::try_parse_from(rest)?;
    if let Command::Opt(opt) = &mut cli.command {
        opt.pass_flags = pass_flags;
    }
    Ok(cli)
}

/// Rewrite `mlir-opt`-style single-dash long options (`-split-input-file`,
/// `-allow-unregistered-dialect`) to their double-dash spelling so they can be pasted from
/// upstream RUN lines. `args[0]` is the program name; a lone `-` (stdin), short options
/// (`-o FILE`, `-oFILE`, `-h`, `-V`), negative-looking values and everything after `--` are
/// left alone.
pub fn normalize_args(args: Vec<OsString>) -> Vec<OsString> {
    let mut out = Vec::with_capacity(args.len());
    let mut rest_verbatim = false;
    let mut prev_takes_value = false;
    for (i, arg) in args.into_iter().enumerate() {
        if i == 0 || rest_verbatim || prev_takes_value {
            prev_takes_value = false;
            out.push(arg);
            continue;
        }
        let Some(s) = arg.to_str() else {
            out.push(arg);
            continue;
        };
        if s == "--" {
            rest_verbatim = true;
            out.push(arg);
            continue;
        }
        prev_takes_value = s == "-o";
        // `-name` or `-name=value` with a multi-letter name that is not `-o...`.
        let name = s
            .strip_prefix('-')
            .map(|n| n.split('=').next().unwrap_or(""));
        let single_dash_long = name.is_some_and(|n| {
            n.len() > 1
                && n.as_bytes()[0].is_ascii_alphabetic()
                && !n.starts_with('o')
                && n.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
        if single_dash_long {
            let mut fixed = OsString::from("-");
            fixed.push(&arg);
            out.push(fixed);
        } else {
            out.push(arg);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(args: &[&str]) -> Vec<String> {
        normalize_args(args.iter().map(OsString::from).collect())
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect()
    }

    #[test]
    fn single_dash_long_options() {
        assert_eq!(
            norm(&[
                "strata",
                "opt",
                "-split-input-file",
                "-",
                "-o",
                "-x",
                "-ofile",
                "f.mlir"
            ]),
            [
                "strata",
                "opt",
                "--split-input-file",
                "-",
                "-o",
                "-x",
                "-ofile",
                "f.mlir"
            ]
        );
        assert_eq!(
            norm(&[
                "strata",
                "opt",
                "-mlir-print-debuginfo=false",
                "--",
                "-weird-name"
            ]),
            [
                "strata",
                "opt",
                "--mlir-print-debuginfo=false",
                "--",
                "-weird-name"
            ]
        );
        assert_eq!(norm(&["strata", "-V", "-h"]), ["strata", "-V", "-h"]);
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
