//! Running the flow's futures from code that is not async.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

/// Runs `future` to completion on the current thread, parking the thread while it waits.
///
/// The flow's methods are async because shared stores are reached through async clients. On
/// the in-memory store their futures are ready at once, so synchronous code (a test, a script,
/// a `main` without a runtime) can call them through this. Inside an async runtime, `.await`
/// them instead: this blocks the thread it runs on.
///
/// ```
/// # extern crate authcode_core as authcode_runtime;
/// use authcode_runtime::flow::block_on;
/// assert_eq!(block_on(async { 6 * 7 }), 42);
/// ```
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let mut context = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => return output,
            // A wake-up that came before the park makes it return at once, so none is lost.
            Poll::Pending => thread::park(),
        }
    }
}

/// Wakes the thread that waits in [`block_on`].
struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn waits_for_a_future_woken_from_another_thread() {
        let (sender, receiver) = std::sync::mpsc::channel::<Waker>();
        let waker_thread = thread::spawn(move || {
            let waker = receiver.recv().unwrap();
            thread::sleep(Duration::from_millis(20));
            waker.wake();
        });
        let mut polls = 0;
        let result = block_on(std::future::poll_fn(|context| {
            polls += 1;
            if polls == 1 {
                sender.send(context.waker().clone()).unwrap();
                Poll::Pending
            } else {
                Poll::Ready(polls)
            }
        }));
        assert!(result >= 2);
        waker_thread.join().unwrap();
    }
}
