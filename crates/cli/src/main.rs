//! The `strata` command-line tool. See the `strata_cli` library for the implementation.

fn main() {
    std::process::exit(strata_cli::main_with(std::env::args_os()));
}
