//! The ```` ```mlir ```` examples of op documentation as testable programs: every dialect's
//! test checks that each example in its op docs (the generated reference) parses and
//! verifies, by wrapping each example op in a function whose arguments are its operands.

/// The example ops of an op description: the lines of its ```` ```mlir ```` blocks, one chunk
/// per op (a chunk starts at a line beginning with `%` or `"`; further lines, such as a
/// region's body, belong to the op above).
pub fn example_ops(description: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_block = false;
    for line in description.lines() {
        let l = line.strip_prefix(' ').unwrap_or(line).trim_end();
        if l.trim_start().starts_with("```mlir") {
            in_block = true;
            continue;
        }
        if l.trim_start().starts_with("```") {
            in_block = false;
            continue;
        }
        if !in_block || l.trim().is_empty() {
            continue;
        }
        if l.starts_with('%') || l.starts_with('"') {
            out.push(l.to_string());
        } else if let Some(last) = out.last_mut() {
            last.push('\n');
            last.push_str(l);
        }
    }
    out
}

/// Split `a, b<c, d>, e` at top-level commas.
fn split_top(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for ch in s.chars() {
        match ch {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// `func.func @example<n>` taking the operands of the generic-form example op `text` as
/// arguments (typed from its signature) and holding the op. An error says what is missing.
pub fn example_function(text: &str, n: usize) -> Result<String, String> {
    let name_end = text.find("\"(").ok_or("not a generic-form op")? + 2;
    let close = name_end + text[name_end..].find(')').ok_or("no operand list")?;
    let operands = split_top(&text[name_end..close]);
    let sig_start = text.rfind(" : (").ok_or("no signature")? + 4;
    let sig_end = sig_start + text[sig_start..].find(") ->").ok_or("no signature end")?;
    let types = split_top(&text[sig_start..sig_end]);
    if operands.len() != types.len() {
        return Err(format!(
            "{} operands but {} operand types",
            operands.len(),
            types.len()
        ));
    }
    let args: Vec<String> = operands
        .iter()
        .zip(&types)
        .map(|(o, t)| format!("{o}: {t}"))
        .collect();
    Ok(format!(
        "func.func @example{n}({}) {{\n{text}\n  return\n}}\n",
        args.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_and_wraps() {
        let d = "Doc.\n\n```mlir\n%0 = \"x.op\"(%a, %b) : (tensor<2x3xf32>, i32) -> f32\n\
                 %1 = \"x.r\"(%a) ({\n^bb0:\n}) : (i1) -> ()\n```\n";
        let ops = example_ops(d);
        assert_eq!(ops.len(), 2);
        assert!(ops[1].contains("^bb0"));
        let f = example_function(&ops[0], 3).unwrap();
        assert!(
            f.starts_with("func.func @example3(%a: tensor<2x3xf32>, %b: i32) {"),
            "{f}"
        );
        assert!(example_function("%0 = x.op %a : f32", 1).is_err());
    }
}
