//! The timing loop of the name-lookup benches (`scope_parse`, `lookup_size`).

/// Times `$parse` over all of `$inputs` in group `$group` under `$name`; the result folds every
/// outcome (an `Option` or `Result` of a position) so none is optimised out. A macro rather than
/// a function taking a closure, so that each parser sits in its own loop as in a caller's code,
/// and the compiler inlines (or not) each of them on its merits rather than on how a closure
/// was passed.
macro_rules! bench_names {
    ($group:expr, $name:expr, $inputs:expr, |$input:ident| $parse:expr) => {
        $group.bench_function($name, |b| {
            b.iter(|| {
                let mut found = 0usize;
                for &$input in $inputs {
                    let $input: &str = std::hint::black_box($input);
                    found = found.wrapping_add($parse.map_or(usize::MAX, |i| i));
                }
                found
            });
        });
    };
}
