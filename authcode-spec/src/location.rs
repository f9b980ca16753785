use std::fmt;

/// A position in a spec file: 1-based line and column (columns count characters, as editors do).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `text`. An offset past the end, or inside a character,
    /// is clamped to the nearest character boundary before it.
    ///
    /// ```
    /// use authcode_spec::Location;
    /// assert_eq!(Location::of_offset("{\n  \"é\": 1", 10), Location { line: 2, column: 8 });
    /// ```
    pub fn of_offset(text: &str, offset: usize) -> Location {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Location::at_end_of(&text[..end])
    }

    /// The location just after the last character of `prefix`.
    ///
    /// ```
    /// use authcode_spec::Location;
    /// assert_eq!(Location::at_end_of("ab\ncd"), Location { line: 2, column: 3 });
    /// ```
    pub fn at_end_of(prefix: &str) -> Location {
        let line_start = prefix.rfind('\n').map_or(0, |newline| newline + 1);
        Location {
            line: prefix.matches('\n').count() + 1,
            column: prefix[line_start..].chars().count() + 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::Location;

    #[test]
    fn counts_lines_and_characters() {
        let text = "{\n  \"é\": 1\n}";
        let offset = text.find('1').unwrap();
        assert_eq!(
            Location::of_offset(text, offset),
            Location { line: 2, column: 8 }
        );
        assert_eq!(
            Location::of_offset(text, 0),
            Location { line: 1, column: 1 }
        );
    }

    #[test]
    fn clamps_offsets_inside_characters_and_past_the_end() {
        let text = "aé";
        assert_eq!(
            Location::of_offset(text, 2),
            Location { line: 1, column: 2 }
        );
        assert_eq!(
            Location::of_offset(text, 99),
            Location { line: 1, column: 3 }
        );
    }
}
