//! Where a request's synchronous work runs: its store calls and RSA operations.

/// Runs `work` on one of tokio's blocking threads when the store may block
/// ([`Store::MAY_BLOCK`](crate::flow::Store::MAY_BLOCK)), and on the calling async worker
/// otherwise: the hand-off is two thread wake-ups, which on a busy or virtual machine cost more
/// than the rest of a request besides RSA. `None` when `work` panicked, so that the caller
/// answers with an error instead of dropping the connection.
pub(super) async fn run<T, F>(may_block: bool, work: F) -> Option<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    if may_block {
        tokio::task::spawn_blocking(work).await.ok()
    } else {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).ok()
    }
}
