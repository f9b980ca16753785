//! One connection type for a single node and a cluster, so that every store operation is
//! written once.

use std::time::Duration;

use redis::aio::{ConnectionLike, ConnectionManager, ConnectionManagerConfig};
use redis::cluster::ClusterClient;
use redis::cluster_async::ClusterConnection;
use redis::{Cmd, Pipeline, RedisFuture, Value};

/// A single node behind the reconnecting [`ConnectionManager`], or a cluster behind the
/// async cluster client (which follows `MOVED` and refreshes its slot map on its own).
/// Clones share the connection: commands sent concurrently are pipelined on it.
#[derive(Clone)]
pub(crate) enum Connection {
    Node(ConnectionManager),
    Cluster(ClusterConnection),
}

impl Connection {
    /// Connects to the node at `url`. A reconnection after a failure retries briefly and
    /// with short pauses: the calls waiting for it are cut by the store's own timeout
    /// anyway, and a short pause lets service resume soon after Redis is back.
    pub(crate) async fn node(
        url: &str,
        response_timeout: Duration,
        connect_timeout: Duration,
    ) -> redis::RedisResult<Connection> {
        let client = redis::Client::open(url)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(connect_timeout))
            .set_response_timeout(Some(response_timeout))
            .set_number_of_retries(2)
            .set_min_delay(Duration::from_millis(20))
            .set_max_delay(Duration::from_millis(200));
        Ok(Connection::Node(
            ConnectionManager::new_with_config(client, config).await?,
        ))
    }

    /// Connects to the cluster that `nodes` (URLs) belong to.
    pub(crate) async fn cluster(
        nodes: &[String],
        response_timeout: Duration,
        connect_timeout: Duration,
    ) -> redis::RedisResult<Connection> {
        let client = ClusterClient::builder(nodes.iter().map(String::as_str))
            .connection_timeout(connect_timeout)
            .response_timeout(response_timeout)
            .retries(2)
            .min_retry_wait(20)
            .max_retry_wait(200)
            .build()?;
        Ok(Connection::Cluster(client.get_async_connection().await?))
    }
}

impl ConnectionLike for Connection {
    fn req_packed_command<'a>(&'a mut self, cmd: &'a Cmd) -> RedisFuture<'a, Value> {
        match self {
            Connection::Node(node) => node.req_packed_command(cmd),
            Connection::Cluster(cluster) => cluster.req_packed_command(cmd),
        }
    }

    fn req_packed_commands<'a>(
        &'a mut self,
        pipeline: &'a Pipeline,
        offset: usize,
        count: usize,
    ) -> RedisFuture<'a, Vec<Value>> {
        match self {
            Connection::Node(node) => node.req_packed_commands(pipeline, offset, count),
            Connection::Cluster(cluster) => cluster.req_packed_commands(pipeline, offset, count),
        }
    }

    fn get_db(&self) -> i64 {
        match self {
            Connection::Node(node) => node.get_db(),
            Connection::Cluster(cluster) => cluster.get_db(),
        }
    }
}
