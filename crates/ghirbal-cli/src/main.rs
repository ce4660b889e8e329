//! `ghirbal`: the command line. Thin: parsing arguments, printing, exit codes; the work is in the
//! `ghirbal` library crate.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc (its v2 line, without transparent huge pages): the clean pipeline allocates many
/// small, short-lived strings per line, and glibc's malloc/free took about 9% of its profile
/// (perf, SaudiNewsNet dev, one thread); with mimalloc about 3%, for a few MB more peak memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "ghirbal",
    version,
    about = "غربال — turn scraped Arabic news pages into clean, structured, deduplicated articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Recover the articles of one page dump (title, captions, byline, body, related teasers).
    Extract(cmd::extract::Args),
    /// Score extraction against gold labels (X.labels.tsv / X.gold.json beside each X.txt).
    Eval(cmd::eval::Args),
    /// Clean a corpus: recover articles, learn site templates, filter, deduplicate.
    /// Without inputs, cleans the embedded sample corpus into ./ghirbal-out.
    Clean(Box<cmd::clean::Args>),
    /// Write report.html (a self-contained summary with charts and sample pages) of a clean run.
    Report(cmd::report::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Clean(a) => cmd::clean::run(*a),
        Command::Report(a) => cmd::report::run(a),
    };
    match result {
        Ok(code) => code,
        // The reader of our standard output went away (`ghirbal extract … | head`): stop
        // quietly, as Unix tools do, with the status a shell gives a process killed by SIGPIPE.
        Err(e) if is_broken_pipe(&e) => ExitCode::from(141),
        Err(e) => {
            eprintln!("ghirbal: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether `e` comes from writing to a closed pipe (an `io::Error` in its chain, or one a
/// serde_json writer error wraps).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                c.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            })
            == Some(std::io::ErrorKind::BrokenPipe)
    })
}
