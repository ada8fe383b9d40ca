use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let (code, stdout, stderr) = match etika::cli::Cli::try_parse() {
        Ok(cli) => match etika::run(cli) {
            Ok(outcome) => (
                outcome.code,
                outcome.stdout_kind.guard(outcome.stdout),
                etika::safe_for_log(&outcome.stderr),
            ),
            Err(error) => (
                error.exit_code(),
                String::new(),
                etika::safe_for_log(&format!("error: {error}\n")),
            ),
        },
        // clap's own messages: help and version on stdout, usage errors on stderr.
        Err(error) => {
            let code = u8::try_from(error.exit_code()).unwrap_or(etika::exit::USAGE);
            let to_terminal = if error.use_stderr() {
                io::stderr().is_terminal()
            } else {
                io::stdout().is_terminal()
            };
            let rendered = error.render();
            let text = if to_terminal {
                rendered.ansi().to_string()
            } else {
                rendered.to_string()
            };
            // Arguments are echoed in clap's errors, and arguments can come from
            // file names; a terminal keeps clap's colours.
            let text = if to_terminal {
                etika::no_workflow_commands(&text).into_owned()
            } else {
                etika::safe_for_log(&text)
            };
            if error.use_stderr() {
                (code, String::new(), text)
            } else {
                (code, text, String::new())
            }
        }
    };
    if let Err(error) = write_all(&mut io::stdout().lock(), &stdout) {
        // A closed pipe (`etika report x | head`) is the reader's choice, not a failure.
        if error.kind() != io::ErrorKind::BrokenPipe {
            let _ = write_all(
                &mut io::stderr().lock(),
                &format!("{stderr}error: cannot write to standard output: {error}\n"),
            );
            return ExitCode::from(etika::exit::USAGE);
        }
    }
    // Nowhere is left to report a failure to write stderr itself.
    let _ = write_all(&mut io::stderr().lock(), &stderr);
    // The process ends here: freeing a large output costs more than writing it.
    std::mem::forget(stdout);
    ExitCode::from(code)
}

fn write_all(stream: &mut impl Write, text: &str) -> io::Result<()> {
    stream.write_all(text.as_bytes())?;
    stream.flush()
}
