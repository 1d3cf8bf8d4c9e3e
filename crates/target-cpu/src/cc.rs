//! The system C compiler: found as the `cc` crate finds it (`$CC`, then `cc`), run with the
//! target's flags to build a shared object. No compiler is an error naming what to install;
//! C that does not compile is an internal error keeping the source and showing the
//! compiler's message.

use std::path::Path;
use std::process::Command;
use strata_target::CodegenError;

/// The compiler command: `$CC` split on whitespace (so `ccache gcc` works), else `cc`.
pub fn compiler() -> Vec<String> {
    match std::env::var("CC") {
        Ok(cc) if !cc.trim().is_empty() => cc.split_whitespace().map(str::to_string).collect(),
        _ => vec!["cc".to_string()],
    }
}

/// Compile `source` into the shared object `output` with `flags`; returns the command
/// line used.
pub fn compile(source: &Path, output: &Path, flags: &[String]) -> Result<String, CodegenError> {
    let cc = compiler();
    let mut cmd = Command::new(&cc[0]);
    cmd.args(&cc[1..])
        .args(flags)
        .arg("-o")
        .arg(output)
        .arg(source)
        .arg("-lm");
    let line = format!(
        "{} {} -o {} {} -lm",
        cc.join(" "),
        flags.join(" "),
        output.display(),
        source.display()
    );
    let out = match cmd.output() {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(CodegenError::NoCompiler(format!(
                "no C compiler found: `{}` does not exist (the cpu target compiles generated C; \
                 install one, e.g. `apt install gcc`, or set CC to a C compiler)",
                cc[0]
            )))
        }
        Err(e) => {
            return Err(CodegenError::NoCompiler(format!(
                "cannot run the C compiler `{}`: {e} (install one, e.g. `apt install gcc`, or \
                 set CC)",
                cc[0]
            )))
        }
    };
    if !out.status.success() {
        let mut msg = format!("$ {line}\n");
        msg.push_str(&String::from_utf8_lossy(&out.stderr));
        msg.push_str(&String::from_utf8_lossy(&out.stdout));
        return Err(CodegenError::CompileFailed {
            source: source.to_path_buf(),
            message: msg,
        });
    }
    Ok(line)
}
