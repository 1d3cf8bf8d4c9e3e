//! The expected-results file and tolerance overrides of `strata conformance`.
//!
//! Expected results: one `CASE STATUS` line per case (`node/test_abs PASS`), `#` comments,
//! sorted by case. A run is compared with it case by case: a case whose status is worse
//! than recorded (PASS > UNSUPPORTED > FAIL), or that is recorded but was not run, is a
//! regression; a better status or a case not recorded is an improvement to record with
//! `--bless`.
//!
//! Overrides: `CASE RTOL ATOL # reason` lines; the reason is required, so that every
//! loosened tolerance says why.

use super::case::Status;
use indexmap::IndexMap;
use std::fmt::Write as _;
use std::path::Path;

/// Read an expected-results file.
pub fn read(path: &Path) -> Result<IndexMap<String, Status>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = IndexMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut words = line.split_whitespace();
        let (Some(case), Some(word), None) = (words.next(), words.next(), words.next()) else {
            return Err(format!(
                "{}:{}: expected 'CASE STATUS'",
                path.display(),
                i + 1
            ));
        };
        let status = Status::parse(word).ok_or_else(|| {
            format!(
                "{}:{}: unknown status '{word}' (PASS, UNSUPPORTED or FAIL)",
                path.display(),
                i + 1
            )
        })?;
        if out.insert(case.to_string(), status).is_some() {
            return Err(format!(
                "{}:{}: case '{case}' listed twice",
                path.display(),
                i + 1
            ));
        }
    }
    Ok(out)
}

/// Write `results` as an expected-results file.
pub fn write(path: &Path, results: &[(String, Status)], target: &str) -> Result<(), String> {
    let mut sorted: Vec<&(String, Status)> = results.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut s = format!(
        "# Expected status of every ONNX conformance case on target '{target}'.\n\
         # Checked by `strata conformance DIR --expected FILE` (CI fails when a case gets\n\
         # worse); rewritten with `--bless` when cases improve. See docs/conformance.md.\n"
    );
    for (case, status) in sorted {
        let _ = writeln!(s, "{case} {}", status.word());
    }
    std::fs::write(path, s).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Read tolerance overrides.
pub fn read_overrides(path: &Path) -> Result<IndexMap<String, (f64, f64)>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = IndexMap::new();
    for (i, raw) in text.lines().enumerate() {
        let (line, reason) = raw.split_once('#').unwrap_or((raw, ""));
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let bad = |what: &str| format!("{}:{}: {what}", path.display(), i + 1);
        let words: Vec<&str> = line.split_whitespace().collect();
        let [case, rtol, atol] = words[..] else {
            return Err(bad("expected 'CASE RTOL ATOL # reason'"));
        };
        if reason.trim().is_empty() {
            return Err(bad("an override needs a reason after '#'"));
        }
        let num = |s: &str| {
            s.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v >= 0.0)
                .ok_or_else(|| bad(&format!("'{s}' is not a tolerance")))
        };
        out.insert(case.to_string(), (num(rtol)?, num(atol)?));
    }
    Ok(out)
}

/// The differences between a run and the expected results.
#[derive(Default, Debug)]
pub struct Diff {
    /// Cases that got worse or were not run: (case, expected, got).
    pub regressions: Vec<(String, Status, Option<Status>)>,
    /// Cases that got better or are new: (case, expected, got).
    pub improvements: Vec<(String, Option<Status>, Status)>,
}

/// Compare `results` with `want`. With `whole` (every case was meant to run), recorded
/// cases that did not run are regressions.
pub fn compare(want: &IndexMap<String, Status>, results: &[(String, Status)], whole: bool) -> Diff {
    let mut d = Diff::default();
    let got: IndexMap<&str, Status> = results.iter().map(|(c, s)| (c.as_str(), *s)).collect();
    for (case, &w) in want {
        match got.get(case.as_str()) {
            Some(&g) if g < w => d.regressions.push((case.clone(), w, Some(g))),
            Some(&g) if g > w => d.improvements.push((case.clone(), Some(w), g)),
            Some(_) => {}
            None if whole => d.regressions.push((case.clone(), w, None)),
            None => {}
        }
    }
    for (case, s) in results {
        if !want.contains_key(case) {
            d.improvements.push((case.clone(), None, *s));
        }
    }
    d
}

impl Diff {
    /// A human-readable summary.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for (case, w, g) in &self.regressions {
            let got = g.map_or("not run (missing data?)", |g| g.word());
            let _ = writeln!(s, "REGRESSION  {case}: expected {}, got {got}", w.word());
        }
        for (case, w, g) in &self.improvements {
            let was = w.map_or("not recorded", |w| w.word());
            let _ = writeln!(s, "improved    {case}: {was} -> {}", g.word());
        }
        let _ = writeln!(
            s,
            "expected results: {} regressions, {} improvements{}",
            self.regressions.len(),
            self.improvements.len(),
            if self.improvements.is_empty() {
                ""
            } else {
                " (record them with --bless)"
            }
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worse_and_missing_are_regressions() {
        let want: IndexMap<String, Status> = [
            ("a".to_string(), Status::Pass),
            ("b".to_string(), Status::Unsupported),
            ("c".to_string(), Status::Fail),
            ("d".to_string(), Status::Pass),
        ]
        .into_iter()
        .collect();
        let got = vec![
            ("a".to_string(), Status::Unsupported),
            ("b".to_string(), Status::Pass),
            ("c".to_string(), Status::Fail),
            ("e".to_string(), Status::Fail),
        ];
        let d = compare(&want, &got, true);
        assert_eq!(
            d.regressions,
            vec![
                ("a".to_string(), Status::Pass, Some(Status::Unsupported)),
                ("d".to_string(), Status::Pass, None)
            ]
        );
        assert_eq!(
            d.improvements,
            vec![
                ("b".to_string(), Some(Status::Unsupported), Status::Pass),
                ("e".to_string(), None, Status::Fail)
            ]
        );
        assert!(compare(&want, &got, false).regressions.len() == 1);
    }

    #[test]
    fn files_round_trip_and_reject_garbage() {
        let dir = std::env::temp_dir().join(format!("strata-expected-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("x.expected");
        let results = vec![
            ("node/b".to_string(), Status::Fail),
            ("node/a".to_string(), Status::Pass),
        ];
        write(&p, &results, "interp").unwrap();
        let back = read(&p).unwrap();
        assert_eq!(
            back.into_iter().collect::<Vec<_>>(),
            vec![
                ("node/a".to_string(), Status::Pass),
                ("node/b".to_string(), Status::Fail)
            ]
        );
        std::fs::write(&p, "node/a MAYBE\n").unwrap();
        assert!(read(&p).unwrap_err().contains("unknown status 'MAYBE'"));
        std::fs::write(&p, "node/a 1e-2 1e-5\n").unwrap();
        assert!(read_overrides(&p).unwrap_err().contains("needs a reason"));
        std::fs::write(&p, "node/a 1e-2 1e-5 # accumulation order\n").unwrap();
        assert_eq!(read_overrides(&p).unwrap()["node/a"], (1e-2, 1e-5));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
