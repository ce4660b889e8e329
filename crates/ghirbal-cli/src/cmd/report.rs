//! `ghirbal report OUTDIR`: (re)writes `report.html` from the outputs of a `clean` run.

use anyhow::Context;
use ghirbal::report::{write_report, ReportOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `ghirbal report`.
#[derive(clap::Args)]
pub struct Args {
    /// The output directory of a `ghirbal clean` run (holding stats.json).
    pub out_dir: PathBuf,
    /// Most sample pages shown.
    #[arg(long, default_value_t = ReportOptions::default().max_samples)]
    pub max_samples: usize,
    /// Most domains in the per-domain table.
    #[arg(long, default_value_t = ReportOptions::default().max_domains)]
    pub max_domains: usize,
    /// Most duplicate clusters listed.
    #[arg(long, default_value_t = ReportOptions::default().max_clusters)]
    pub max_clusters: usize,
    /// Print nothing.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs `ghirbal report`.
pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let opts = ReportOptions {
        max_samples: a.max_samples,
        max_domains: a.max_domains,
        max_clusters: a.max_clusters,
        ..ReportOptions::default()
    };
    let path = write_report(&a.out_dir, &opts)
        .with_context(|| format!("writing the report of {}", a.out_dir.display()))?;
    if !a.quiet {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!("{} ({:.1} kB)", path.display(), size as f64 / 1e3);
    }
    Ok(ExitCode::SUCCESS)
}
