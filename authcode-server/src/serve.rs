//! Serving the router: HTTP/1.1 connections from hyper, with the limits that keep a client from
//! holding the server open. Everything here is hyper's, hyper-util's, tokio's and
//! tower-http's own machinery, configured:
//!
//! - the request head must arrive within `header_read_timeout` (hyper's own timer, which runs
//!   from the moment a connection is ready for a request, so it also closes keep-alive
//!   connections that sit idle);
//! - a whole request, body included, must be read and answered within `request_timeout`
//!   (tower-http's `TimeoutLayer`: a body sent a byte at a time is cut with 408);
//! - at most `max_connections` connections are open at once (a semaphore; the accept loop
//!   waits for a free place, and logs when the limit is reached);
//! - on shutdown the listener closes, connections finish the request they are in and close
//!   (hyper-util's graceful shutdown), and whatever is still open at `shutdown_timeout` is cut.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tower_http::timeout::TimeoutLayer;

/// The limits and timeouts of [`WalletServer::serve_with`](crate::WalletServer::serve_with).
///
/// ```
/// use std::time::Duration;
/// use authcode_server::ServeOptions;
///
/// let options = ServeOptions { max_connections: 64, ..ServeOptions::default() };
/// assert_eq!(options.header_read_timeout, Duration::from_secs(10));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServeOptions {
    /// How long a client may take to send a request head, and how long a keep-alive
    /// connection may sit idle (10 s).
    pub header_read_timeout: Duration,
    /// How long a request may take from its head to the end of its answer, body included
    /// (30 s).
    pub request_timeout: Duration,
    /// The most connections open at once (512).
    pub max_connections: usize,
    /// How long a shutdown waits for requests in flight before cutting them (10 s).
    pub shutdown_timeout: Duration,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_connections: 512,
            shutdown_timeout: Duration::from_secs(10),
        }
    }
}

pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
    options: ServeOptions,
) -> std::io::Result<()> {
    let local = listener.local_addr()?;
    let router = router.layer(TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        options.request_timeout,
    ));
    let service = TowerToHyperService::new(router);
    let places = Arc::new(Semaphore::new(options.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    // Logged once each time the limit is reached, not once per waiting connection.
    let mut at_limit = false;
    tracing::info!(%local, "wallet server listening");
    loop {
        // Finished connections are reaped as we go, so the set holds only open ones.
        while connections.try_join_next().is_some() {}
        let place = match Arc::clone(&places).try_acquire_owned() {
            Ok(place) => {
                if std::mem::take(&mut at_limit) {
                    tracing::info!(%local, "below the connection limit again");
                }
                place
            }
            Err(_) => {
                if !std::mem::replace(&mut at_limit, true) {
                    tracing::warn!(
                        %local,
                        max_connections = options.max_connections,
                        "connection limit reached; new connections wait until one closes"
                    );
                }
                tokio::select! {
                    place = Arc::clone(&places).acquire_owned() => match place {
                        Ok(place) => place,
                        Err(_) => break,
                    },
                    () = &mut shutdown => break,
                }
            }
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Per-connection failures (a reset before accept, too many open files)
                    // must not stop the server; the pause keeps an fd shortage from spinning.
                    tracing::warn!(%err, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(options.header_read_timeout)
            .serve_connection(TokioIo::new(stream), service.clone());
        let connection = graceful.watch(connection);
        connections.spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(%peer, %err, "connection ended with an error");
            }
            drop(place);
        });
    }
    drop(listener);
    tracing::info!(%local, open = connections.len(), "shutting down");
    if tokio::time::timeout(options.shutdown_timeout, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            %local,
            open = connections.len(),
            "requests still in flight at the shutdown deadline are cut"
        );
    }
    connections.abort_all();
    while connections.join_next().await.is_some() {}
    tracing::info!(%local, "wallet server stopped");
    Ok(())
}
