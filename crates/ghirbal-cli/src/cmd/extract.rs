use std::process::ExitCode;

/// Arguments of `ghirbal extract`.
#[derive(clap::Args)]
pub struct Args {
    /// The page dump to read (`-` for standard input).
    #[arg(default_value = "-")]
    pub input: String,
}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    Ok(ExitCode::SUCCESS)
}
