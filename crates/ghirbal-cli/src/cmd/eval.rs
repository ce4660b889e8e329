//! `ghirbal eval PATH [--json]`: scores extraction against gold labels.

use anyhow::{bail, Context};
use ghirbal::eval::{eval_dir, eval_file, gold_paths, EvalReport};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `ghirbal eval`.
#[derive(clap::Args)]
pub struct Args {
    /// A directory of page dumps `X.txt` with gold `X.labels.tsv` and/or `X.gold.json` beside them,
    /// or one page dump.
    pub path: PathBuf,
    /// Print the report as JSON (per-page and overall scores, confusion matrices).
    #[arg(long)]
    pub json: bool,
}

/// Scores the extraction of every page with gold under `path`.
pub fn report(path: &Path) -> anyhow::Result<EvalReport> {
    let extract = ghirbal::extract::extract_bytes;
    let report = if path.is_dir() {
        eval_dir(path, extract)?
    } else if path.is_file() {
        let (json, tsv) = gold_paths(path);
        if !json.is_file() && !tsv.is_file() {
            bail!(
                "{}: no gold for this page (expected {} or {})",
                path.display(),
                json.display(),
                tsv.display()
            );
        }
        eval_file(path, extract)?
    } else {
        bail!("{}: no such file or directory", path.display());
    };
    if report.pages.is_empty() {
        bail!(
            "{}: no page with gold (a page X.txt needs X.labels.tsv or X.gold.json beside it)",
            path.display()
        );
    }
    Ok(report)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let report = report(&args.path)?;
    let out = if args.json {
        let mut s = serde_json::to_string_pretty(&report).context("serialising the report")?;
        s.push('\n');
        s
    } else {
        report.render_table()
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // (a closed pipe, `ghirbal eval DIR | head`, ends the run quietly: see `main`)
        Err(e) => Err(e).context("writing the report"),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_path_and_gold_less_dir_are_clear_errors() {
        let err = report(Path::new("/nonexistent/ghirbal-eval")).err();
        assert!(err.is_some_and(|e| e.to_string().contains("no such file or directory")));
        let dir = tempfile::tempdir().ok();
        let err = dir.as_ref().and_then(|d| report(d.path()).err());
        assert!(err.is_some_and(|e| e.to_string().contains("no page with gold")));
        let page = dir.as_ref().map(|d| d.path().join("x.txt"));
        if let Some(p) = &page {
            std::fs::write(p, "text\n").ok();
        }
        let err = page.and_then(|p| report(&p).err());
        assert!(err.is_some_and(|e| e.to_string().contains("no gold for this page")));
    }

    #[test]
    fn scores_the_seed_fixture() -> anyhow::Result<()> {
        let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ghirbal/tests/fixtures/seed");
        let r = report(&seed)?;
        assert_eq!(r.pages.len(), 1);
        assert_eq!(r.overall.titles_gold, 2);
        let json = serde_json::to_value(&r)?;
        assert!(json["overall"]["body_lines"]["f1"].is_number());
        Ok(())
    }
}
