//! `ghirbal extract`: one page dump in, its articles out.

use anyhow::Context;
use ghirbal::core::{Extraction, Role};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

/// Output formats of `ghirbal extract`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// The structured result (versioned schema, see the README).
    Json,
    /// The clean articles: title, blank line, body paragraphs; articles separated by `---`.
    Text,
    /// Every line with its role and the reason for it.
    Explain,
}

/// Arguments of `ghirbal extract`.
#[derive(clap::Args)]
pub struct Args {
    /// The page dump to read (`-` for standard input). UTF-8, UTF-16, windows-1256 or ISO-8859-6.
    #[arg(default_value = "-")]
    pub input: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Colour the explain output (default: when writing to a terminal).
    #[arg(long)]
    pub color: Option<bool>,
}

/// Reads the input bytes of a page (file or stdin).
pub fn read_input(input: &str) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if input == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
    } else {
        bytes = std::fs::read(input).with_context(|| format!("cannot read `{input}`"))?;
    }
    Ok(bytes)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bytes = read_input(&args.input)?;
    let ex = ghirbal::extract::extract_bytes(&bytes, &args.input)?;
    let stdout = std::io::stdout();
    let color = args.color.unwrap_or_else(|| stdout.is_terminal());
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            // (as an `io::Error`, so that a closed pipe is seen as one: see `main`)
            serde_json::to_writer_pretty(&mut out, &ex).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        Format::Text => write_text(&mut out, &ex)?,
        Format::Explain => {
            let text = ghirbal::text::decode(&bytes, &args.input)?.text;
            write_explain(&mut out, &ex, &text, color)?
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_text(out: &mut impl Write, ex: &Extraction) -> std::io::Result<()> {
    for (k, a) in ex.articles.iter().enumerate() {
        if k > 0 {
            writeln!(out, "\n---\n")?;
        }
        if let Some(t) = &a.title {
            writeln!(out, "{t}\n")?;
        }
        writeln!(out, "{}", a.body.join("\n\n"))?;
    }
    Ok(())
}

fn colour(role: Role) -> &'static str {
    match role {
        Role::Title => "\x1b[1;33m",
        Role::Body => "\x1b[32m",
        Role::Caption => "\x1b[36m",
        Role::Byline | Role::Date => "\x1b[35m",
        Role::Teaser => "\x1b[34m",
        Role::Repeat => "\x1b[2;33m",
        Role::Boilerplate => "\x1b[2m",
        Role::Blank => "",
    }
}

fn write_explain(
    out: &mut impl Write,
    ex: &Extraction,
    text: &str,
    color: bool,
) -> std::io::Result<()> {
    for (l, raw) in ex.lines.iter().zip(text.split('\n')) {
        let raw = raw.trim_end_matches('\r');
        let (on, off) = if color && l.role != Role::Blank {
            (colour(l.role), "\x1b[0m")
        } else {
            ("", "")
        };
        writeln!(
            out,
            "{on}{:>5} {:<11} {:>2} {:<26} │ {}{off}",
            l.n,
            l.role.as_str(),
            l.article,
            l.reason.as_str(),
            raw.trim()
        )?;
    }
    Ok(())
}
