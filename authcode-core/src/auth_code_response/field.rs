//! One top-level field of a response, which a wallet may leave out or send as `null`.

/// A field as it was on the wire: absent, `null`, or a value. `null` is told apart from absence
/// so that a response re-serializes to the JSON it came from; the accessors treat both as "no
/// value".
///
/// The three states are one enum rather than an `Option` and a flag: it is 8 bytes smaller per
/// field (the value's own niche holds the two empty states), which keeps the response small
/// enough to be moved without a `memcpy` call while it is parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Field<T> {
    Absent,
    Null,
    Value(T),
}

/// What a serializer writes for a field.
pub(super) enum Wire<T> {
    Absent,
    Null,
    Value(T),
}

impl<T> Wire<T> {
    pub(super) fn map<U>(self, f: impl FnOnce(T) -> U) -> Wire<U> {
        match self {
            Wire::Absent => Wire::Absent,
            Wire::Null => Wire::Null,
            Wire::Value(value) => Wire::Value(f(value)),
        }
    }
}

impl<T> Field<T> {
    pub(super) const ABSENT: Self = Field::Absent;

    /// A field read from the wire, where `None` stands for `null`.
    pub(super) fn from_wire(value: Option<T>) -> Self {
        match value {
            Some(value) => Field::Value(value),
            None => Field::Null,
        }
    }

    pub(super) fn get(&self) -> Option<&T> {
        match self {
            Field::Value(value) => Some(value),
            Field::Absent | Field::Null => None,
        }
    }

    pub(super) fn get_mut(&mut self) -> Option<&mut T> {
        match self {
            Field::Value(value) => Some(value),
            Field::Absent | Field::Null => None,
        }
    }

    pub(super) fn set(&mut self, value: Option<T>) {
        *self = match value {
            Some(value) => Field::Value(value),
            None => Field::Absent,
        };
    }

    /// The value, created empty when the field had none: builder methods add to lists.
    pub(super) fn get_or_default(&mut self) -> &mut T
    where
        T: Default,
    {
        if !matches!(self, Field::Value(_)) {
            *self = Field::Value(T::default());
        }
        match self {
            Field::Value(value) => value,
            // Given a value just above; no input reaches this arm.
            Field::Absent | Field::Null => unreachable!("the field was just given a value"),
        }
    }

    pub(super) fn wire(&self) -> Wire<&T> {
        match self {
            Field::Value(value) => Wire::Value(value),
            Field::Null => Wire::Null,
            Field::Absent => Wire::Absent,
        }
    }
}
