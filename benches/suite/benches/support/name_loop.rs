//! The timing loops of the name-lookup benches (`scope_parse`, `lookup_size`).

/// Folds the outcome of one parse (an `Option` or `Result` of a position) into `$found`, so
/// that none is optimised out.
macro_rules! fold_name {
    ($found:ident, $inputs:expr, |$input:ident| $parse:expr) => {
        for &$input in $inputs {
            let $input: &str = std::hint::black_box($input);
            $found = $found.wrapping_add($parse.map_or(usize::MAX, |i| i));
        }
    };
}

/// Times `$parse` over all of `$inputs` in group `$group` under `$name`. A macro rather than
/// a function taking a closure, so that each parser sits in its own loop as in a caller's code,
/// and the compiler inlines (or not) each of them on its merits rather than on how a closure
/// was passed.
#[allow(unused_macros)]
macro_rules! bench_names {
    ($group:expr, $name:expr, $inputs:expr, |$input:ident| $parse:expr) => {
        $group.bench_function($name, |b| {
            b.iter(|| {
                let mut found = 0usize;
                fold_name!(found, $inputs, |$input| $parse);
                found
            });
        });
    };
}

/// The time of `$times` passes of `$parse` over all of `$inputs`, outside criterion: the
/// alternating comparison of `scope_parse` runs two parsers in turn, sample by sample, in one
/// process. The same loop as [`bench_names`].
#[allow(unused_macros)]
macro_rules! time_names {
    ($times:expr, $inputs:expr, |$input:ident| $parse:expr) => {{
        let start = std::time::Instant::now();
        let mut found = 0usize;
        for _ in 0..$times {
            fold_name!(found, $inputs, |$input| $parse);
        }
        std::hint::black_box(found);
        start.elapsed()
    }};
}
