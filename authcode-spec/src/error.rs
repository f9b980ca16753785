use std::fmt;

use crate::Location;

/// One problem in a spec file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    /// Where the problem is; `None` for problems of the file as a whole (its size, say).
    pub location: Option<Location>,
    /// What is wrong, in a sentence that names the offending key or value.
    pub message: String,
}

impl SpecError {
    pub(crate) fn at(location: Location, message: String) -> SpecError {
        SpecError {
            location: Some(location),
            message,
        }
    }

    pub(crate) fn whole_file(message: String) -> SpecError {
        SpecError {
            location: None,
            message,
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(location) => write!(f, "{location}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for SpecError {}
