//! Where output goes, as cargo does it: data on stdout, status lines,
//! warnings and problems on stderr, coloured only where colour is wanted.

use crate::cli::{Color, Common, MessageFormat};
use anstyle::{AnsiColor, Effects, Style};
use std::fmt::Display;
use std::io::Write;
use std::process::Command;

const STATUS: Style = AnsiColor::Green.on_default().effects(Effects::BOLD);
const WARNING: Style = AnsiColor::Yellow.on_default().effects(Effects::BOLD);
const ERROR: Style = AnsiColor::Red.on_default().effects(Effects::BOLD);
const NOTE: Style = AnsiColor::Cyan.on_default().effects(Effects::BOLD);
const BOLD: Style = Style::new().effects(Effects::BOLD);

/// The output of one run.
pub struct Shell {
    quiet: bool,
    verbose: bool,
    json: bool,
}

impl Shell {
    /// Sets the colour choice for the whole process, as `--color` asks.
    pub fn new(common: &Common) -> Self {
        let choice = match common.color {
            Color::Auto => anstream::ColorChoice::Auto,
            Color::Always => anstream::ColorChoice::Always,
            Color::Never => anstream::ColorChoice::Never,
        };
        choice.write_global();
        Shell {
            quiet: common.quiet,
            verbose: common.verbose,
            json: common.message_format == MessageFormat::Json,
        }
    }

    /// Whether data goes to stdout as JSON lines.
    pub fn json(&self) -> bool {
        self.json
    }

    /// A cargo-style status line: `    Checking acme v2.1.0 (/path)`.
    pub fn status(&self, verb: &str, what: impl Display) {
        if !self.quiet {
            let mut err = anstream::stderr().lock();
            let _ = writeln!(err, "{STATUS}{verb:>12}{STATUS:#} {what}");
        }
    }

    /// A command about to run, with `-v`.
    pub fn running(&self, command: &Command) {
        if self.verbose {
            self.status("Running", format_args!("`{}`", describe(command)));
        }
    }

    /// Something the user should know that does not fail the run.
    pub fn warn(&self, message: impl Display) {
        if !self.quiet {
            let mut err = anstream::stderr().lock();
            let _ = writeln!(err, "{WARNING}warning{WARNING:#}{BOLD}:{BOLD:#} {message}");
        }
    }

    /// A fact about the run that is not a problem.
    pub fn note(&self, message: impl Display) {
        if !self.quiet {
            let mut err = anstream::stderr().lock();
            let _ = writeln!(err, "{NOTE}note{NOTE:#}{BOLD}:{BOLD:#} {message}");
        }
    }

    /// An error that ends the run.
    pub fn error(&self, message: impl Display) {
        let mut err = anstream::stderr().lock();
        let _ = writeln!(err, "{ERROR}error{ERROR:#}{BOLD}:{BOLD:#} {message}");
    }

    /// A manifest problem, as the compiler shows the macro's: `error: ` and
    /// the diagnostic's text, then a blank line.
    pub fn diagnostic(&self, text: &str) {
        let mut err = anstream::stderr().lock();
        let _ = writeln!(err, "{ERROR}error{ERROR:#}{BOLD}:{BOLD:#} {text}\n");
    }

    /// A line of data on stdout.
    pub fn print(&self, line: impl Display) {
        let mut out = anstream::stdout().lock();
        let _ = writeln!(out, "{line}");
    }
}

/// The command as a shell would write it.
pub fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}
