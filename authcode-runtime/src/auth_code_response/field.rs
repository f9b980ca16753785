//! One top-level field of a response, which a wallet may leave out or send as `null`.

/// A field as it was on the wire: absent, `null`, or a value. `null` is told apart from absence
/// so that a response re-serializes to the JSON it came from; the accessors treat both as "no
/// value".
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Field<T> {
    value: Option<T>,
    /// Present as `null`; only meaningful while `value` is `None`.
    null: bool,
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
    pub(super) const ABSENT: Self = Field {
        value: None,
        null: false,
    };

    /// A field read from the wire, where `None` stands for `null`.
    pub(super) fn from_wire(value: Option<T>) -> Self {
        Field {
            null: value.is_none(),
            value,
        }
    }

    pub(super) fn get(&self) -> Option<&T> {
        self.value.as_ref()
    }

    pub(super) fn get_mut(&mut self) -> Option<&mut T> {
        self.value.as_mut()
    }

    pub(super) fn set(&mut self, value: Option<T>) {
        self.value = value;
        self.null = false;
    }

    /// The value, created empty when the field had none: builder methods add to lists.
    pub(super) fn get_or_default(&mut self) -> &mut T
    where
        T: Default,
    {
        self.null = false;
        self.value.get_or_insert_with(T::default)
    }

    pub(super) fn wire(&self) -> Wire<&T> {
        match (&self.value, self.null) {
            (Some(value), _) => Wire::Value(value),
            (None, true) => Wire::Null,
            (None, false) => Wire::Absent,
        }
    }
}
