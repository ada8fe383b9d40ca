use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = etika::cli::Cli::parse();
    match etika::run(cli) {
        Ok(outcome) => {
            // A closed pipe (`etika report x | head`) is not an error worth a message.
            let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
            let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
            ExitCode::from(outcome.code)
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(etika::exit::USAGE)
        }
    }
}
