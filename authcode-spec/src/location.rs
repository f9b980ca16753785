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
    pub fn of_offset(text: &str, offset: usize) -> Location {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Location::at_end_of(&text[..end])
    }

    /// The location just after the last character of `prefix`.
    pub fn at_end_of(prefix: &str) -> Location {
        let line_start = prefix.rfind('\n').map_or(0, |newline| newline + 1);
        Location {
            line: prefix.matches('\n').count() + 1,
            column: prefix[line_start..].chars().count() + 1,
        }
    }
}

/// The byte offsets where the lines of a text start, so that the location of any offset is a
/// binary search away. Locating every node of a spec from the start of the file instead made
/// reading a spec quadratic in its size (a 1,000-scope spec spent most of its time counting
/// newlines).
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let newlines = text.match_indices('\n').map(|(at, _)| at + 1);
        LineIndex {
            starts: std::iter::once(0).chain(newlines).collect(),
        }
    }

    /// The same location as [`Location::of_offset`], for the `text` this index was built from.
    pub(crate) fn locate(&self, text: &str, offset: usize) -> Location {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // Lines that start at or before `end`; the first line always does.
        let lines = self.starts.partition_point(|&start| start <= end).max(1);
        let line_start = self.starts.get(lines - 1).copied().unwrap_or(0);
        Location {
            line: lines,
            column: text
                .get(line_start..end)
                .map_or(0, |line| line.chars().count())
                + 1,
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
    use super::{LineIndex, Location};

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
    fn the_line_index_agrees_with_counting_from_the_start() {
        for text in ["", "\n", "a\n\nb", "{\n  \"é\": 1\n}\n", "x\r\nyé\n\n\nz"] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    index.locate(text, offset),
                    Location::of_offset(text, offset),
                    "offset {offset} of {text:?}"
                );
            }
        }
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
