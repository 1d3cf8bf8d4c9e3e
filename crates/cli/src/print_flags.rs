//! [`PrintFlags`]: the IR printing options shared by every subcommand that prints IR
//! (`--mlir-print-op-generic`, `--mlir-print-debuginfo`), flattened into their arguments.

use strata::ir::text::PrintOptions;

/// How to print IR.
#[derive(clap::Args, Clone, Debug, Default, PartialEq, Eq)]
pub struct PrintFlags {
    /// Print every operation in the generic form.
    #[arg(
        long = "mlir-print-op-generic",
        visible_alias = "print-op-generic",
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub print_op_generic: bool,

    /// Print locations (`loc(...)`) of operations and block arguments.
    #[arg(
        long = "mlir-print-debuginfo",
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub print_debuginfo: bool,
}

impl PrintFlags {
    /// The printer options these flags ask for.
    pub fn options(&self) -> PrintOptions {
        PrintOptions {
            generic: self.print_op_generic,
            debug_info: self.print_debuginfo,
        }
    }
}
