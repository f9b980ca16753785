//! Waiting for the signal to stop: SIGINT (Ctrl-C) or, on Unix, SIGTERM (what `kill`,
//! systemd and container runtimes send).

/// Completes when the process receives SIGINT or SIGTERM; pass it to
/// [`WalletServer::serve`](crate::WalletServer::serve) for a graceful shutdown.
///
/// Should a signal handler fail to install (no signal support), that signal is never
/// awaited rather than stopping the server at once.
pub async fn shutdown_signal() {
    let interrupt = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::warn!(%err, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(err) => {
                tracing::warn!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!("SIGINT received, shutting down"),
        () = terminate => tracing::info!("SIGTERM received, shutting down"),
    }
}
