//! Usage and environment errors: what stops a run before it can report on
//! a cratespace (exit code 2).

use std::fmt::{self, Display};

/// Why the run could not be done, with what to do about it.
#[derive(Debug)]
pub struct Error {
    message: String,
    notes: Vec<String>,
}

impl Error {
    /// An error with its message, lower-case as cargo's are.
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            notes: Vec::new(),
        }
    }

    /// Adds a line under the message: what cargo said, or a way out.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)?;
        for note in &self.notes {
            for line in note.trim_end().lines() {
                write!(f, "\n  {line}")?;
            }
        }
        Ok(())
    }
}
