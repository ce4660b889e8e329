//! `ghirbal clean`: a corpus in, clean deduplicated articles out.

use anyhow::Context;
use ghirbal::pipeline::{self, CleanConfig, CleanJob, Progress, Stats};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The embedded sample corpus (`samples/news-sample.jsonl`), cleaned when no input is given.
const SAMPLE: &[u8] = include_bytes!("../../../../samples/news-sample.jsonl");

/// Arguments of `ghirbal clean`.
#[derive(clap::Args)]
pub struct Args {
    /// Inputs: files, directories, globs or `-` (JSONL[.gz|.zst], Parquet, WET, text pages).
    /// Without inputs, the embedded sample corpus is cleaned.
    pub inputs: Vec<String>,
    /// Output directory.
    #[arg(short, long, default_value = "ghirbal-out")]
    pub out: PathBuf,
    /// Preset: arabic-news (default) or fineweb2-arb.
    #[arg(long, default_value = "arabic-news")]
    pub preset: String,
    /// A configuration file (JSON, as printed by --print-config); overrides --preset.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// A filter configuration file (JSON: a preset name and threshold overrides).
    #[arg(long)]
    pub filter_config: Option<PathBuf>,
    /// Print the effective configuration and exit.
    #[arg(long)]
    pub print_config: bool,
    /// Field holding the text (default: the first of text, content, raw_content).
    #[arg(long)]
    pub text_field: Option<String>,
    /// Field holding the id (default: id, else url, else file:line).
    #[arg(long)]
    pub id_field: Option<String>,
    /// Field holding the URL (default: url).
    #[arg(long)]
    pub url_field: Option<String>,
    /// Field holding a separate title (default: title).
    #[arg(long)]
    pub title_field: Option<String>,
    /// Field holding the site (default: the URL's host, else source).
    #[arg(long)]
    pub domain_field: Option<String>,
    /// Use templates learned earlier (a templates.json) instead of a survey pass.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Do not learn site templates.
    #[arg(long)]
    pub no_survey: bool,
    /// Learn each site's templates from its first N records in full, then one in 2 of the next
    /// 2N, one in 4 of the next 4N… (default 1000; 0: every record).
    #[arg(long, value_name = "N")]
    pub survey_sample: Option<u64>,
    /// Learn each site's templates from at most its first N records (in input order; 0: no
    /// cap). A hard bound on the survey's time and memory; later templates are missed.
    #[arg(long, value_name = "N")]
    pub survey_docs: Option<u64>,
    /// Dedup index to load (when it exists) and save: deduplicate against earlier runs.
    #[arg(long)]
    pub dedup_index: Option<PathBuf>,
    /// Skip deduplication.
    #[arg(long)]
    pub no_dedup: bool,
    /// Worker threads (default: all cores). Output is identical whatever the number.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Kept articles as jsonl (articles.jsonl.zst) or parquet (articles.parquet).
    #[arg(long, value_enum)]
    pub output_format: Option<OutputFormatArg>,
    /// Do not write report.html.
    #[arg(long)]
    pub no_report: bool,
    /// No progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `--output-format` values.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum OutputFormatArg {
    Jsonl,
    Parquet,
}

struct Bar(ProgressBar);

impl Progress for Bar {
    fn phase(&self, name: &str) {
        self.0.set_prefix(name.to_string());
        self.0.set_position(0);
    }
    fn advance(&self, records: u64, bytes: u64) {
        self.0.inc(records);
        let _ = bytes;
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut config = match &args.config {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read `{}`", p.display()))?;
            CleanConfig::from_json(&text)?
        }
        None => CleanConfig::preset(&args.preset)?,
    };
    if let Some(p) = &args.filter_config {
        config.filters = ghirbal::filter::FilterConfig::from_path(p)?;
    }
    let f = &mut config.fields;
    for (slot, v) in [
        (&mut f.text, &args.text_field),
        (&mut f.id, &args.id_field),
        (&mut f.url, &args.url_field),
        (&mut f.title, &args.title_field),
        (&mut f.domain, &args.domain_field),
    ] {
        if v.is_some() {
            *slot = v.clone();
        }
    }
    if let Some(f) = args.output_format {
        config.output_format = match f {
            OutputFormatArg::Jsonl => pipeline::OutputFormat::Jsonl,
            OutputFormatArg::Parquet => pipeline::OutputFormat::Parquet,
        };
    }
    if args.no_survey {
        config.survey = false;
    }
    if let Some(n) = args.survey_sample {
        config.survey_config.sample_docs_per_domain = n;
    }
    if let Some(n) = args.survey_docs {
        config.survey_config.max_docs_per_domain = n;
    }
    if args.no_dedup {
        config.dedup = None;
    }
    if args.print_config {
        // (a write error, not `println!`'s panic, when the pipe is closed: see `main`)
        writeln!(std::io::stdout().lock(), "{}", config.to_json())?;
        return Ok(ExitCode::SUCCESS);
    }
    config.validate()?;
    let _sample;
    let inputs = if args.inputs.is_empty() {
        let dir = tempfile::tempdir().context("creating a temporary directory for the sample")?;
        let path = dir.path().join("news-sample.jsonl");
        std::fs::write(&path, SAMPLE).context("writing the sample corpus")?;
        if !args.quiet {
            eprintln!(
                "ghirbal: no input given: cleaning the embedded sample corpus ({} records)",
                SAMPLE
                    .split(|&b| b == b'\n')
                    .filter(|l| !l.is_empty())
                    .count()
            );
        }
        let p = path.to_string_lossy().into_owned();
        _sample = dir;
        vec![p]
    } else {
        args.inputs.clone()
    };
    let job = CleanJob {
        inputs,
        out_dir: args.out.clone(),
        config,
        templates: args.templates.clone(),
        dedup_index: args.dedup_index.clone(),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let show = !args.quiet && std::io::stderr().is_terminal();
    let bar = ProgressBar::new_spinner();
    if show {
        bar.set_style(
            ProgressStyle::with_template("{spinner} {prefix:>7} {pos} records  {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
    } else {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let progress = Bar(bar);
    let stats = pool.install(|| pipeline::run(&job, &progress))?;
    progress.0.finish_and_clear();
    if !args.no_report {
        ghirbal::report::write_report(&args.out, &ghirbal::report::ReportOptions::default())
            .context("writing report.html")?;
    }
    if !args.quiet {
        eprint!("{}", summary(&stats, &args.out));
    }
    Ok(ExitCode::SUCCESS)
}

fn summary(s: &Stats, out: &std::path::Path) -> String {
    let mut t = String::new();
    let row = |t: &mut String, k: &str, v: String| t.push_str(&format!("  {k:<28} {v:>12}\n"));
    t.push_str("\nghirbal clean — summary\n");
    row(&mut t, "input records", s.records.items.to_string());
    row(
        &mut t,
        "  unreadable (input:*)",
        s.records.input_rejects.to_string(),
    );
    row(&mut t, "  rejected whole", s.records.rejected.to_string());
    row(&mut t, "articles recovered", s.articles.found.to_string());
    row(&mut t, "  kept", s.articles.kept.to_string());
    row(
        &mut t,
        "  rejected by filters",
        s.articles.filtered.to_string(),
    );
    row(&mut t, "  duplicates", s.articles.duplicates.to_string());
    row(
        &mut t,
        "duplicate clusters",
        s.cluster_sizes.values().sum::<u64>().to_string(),
    );
    row(&mut t, "site templates learned", s.templates.to_string());
    if s.survey_records + s.survey_records_skipped > 0 {
        row(
            &mut t,
            "  from records surveyed",
            s.survey_records.to_string(),
        );
        if s.survey_records_skipped > 0 {
            row(
                &mut t,
                "  records outside the sample",
                s.survey_records_skipped.to_string(),
            );
        }
        if s.survey_entries_pruned > 0 {
            // A memory bound was reached: rare lines of some sites were forgotten.
            row(
                &mut t,
                "  survey entries pruned (memory bound)",
                s.survey_entries_pruned.to_string(),
            );
        }
    }
    row(&mut t, "MB/s (text)", format!("{:.1}", s.timings.mb_per_s));
    row(&mut t, "seconds", format!("{:.2}", s.timings.total_s));
    t.push_str("  rejects by reason:\n");
    let mut reasons: Vec<_> = s.rejects_by_reason.iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (r, n) in reasons {
        row(&mut t, &format!("    {r}"), n.to_string());
    }
    t.push_str(&format!(
        "  accounted for: {}\n  output: {}\n",
        if s.reconciled {
            "every record (stats reconcile)"
        } else {
            "NO — stats do not reconcile"
        },
        out.display()
    ));
    t
}
