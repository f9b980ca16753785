//! Throwaway Redis servers for tests: a single node or a three-master cluster on loopback
//! ports, each in a temporary directory, with nothing persisted, stopped when dropped.
//!
//! They run the `redis-server` and `redis-cli` found on `PATH`; without them a test fails
//! with a message saying how to install them (`apt-get install redis-server`), rather than
//! passing without having tested anything.
//!
//! Each server runs under a small `sh` guard that stops it and removes its directory when the
//! guard's standard input closes: when the server is dropped, and also when the test process
//! exits without dropping it (a server in a `static`) or dies, so no server outlives its test
//! run.
//!
//! A dev-only helper of the workspace's tests (never published): the Redis store's library
//! does not start servers.
//!
//! ```no_run
//! use authcode_testing_redis::RedisServer;
//!
//! let redis = RedisServer::start();
//! println!("a test Redis at {}", redis.url());
//! // ... tests ...
//! drop(redis); // stopped, and its directory removed
//! ```

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use authcode_redis::RedisTarget;

/// What to tell a developer whose machine lacks Redis.
const INSTALL_HINT: &str = "redis-server and redis-cli are needed by these tests: install them \
                            with `apt-get install redis-server` (Debian, Ubuntu) or \
                            `brew install redis` (macOS)";

/// How long a server may take to answer its first PING.
const READY_TIMEOUT: Duration = Duration::from_secs(10);

/// A directory of its own for each server of this process.
fn scratch_dir() -> io::Result<PathBuf> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "authcode-redis-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A loopback port that was free a moment ago (Redis cannot pick its own: port 0 means "no
/// TCP" to it). Another process may take it before Redis binds it; starting retries then.
fn free_port() -> io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Fails with [`INSTALL_HINT`] unless `program` runs.
fn require(program: &str) {
    match Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
    {
        Ok(status) if status.success() => {}
        Ok(status) => panic!("`{program} --version` failed ({status}). {INSTALL_HINT}"),
        Err(err) => panic!("cannot run {program}: {err}. {INSTALL_HINT}"),
    }
}

/// Sends `PING` to `port` and reads the answer: `true` on `+PONG`.
fn pings(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut answer = [0u8; 7];
    stream.write_all(b"PING\r\n").is_ok()
        && stream.read_exact(&mut answer).is_ok()
        && &answer == b"+PONG\r\n"
}

/// One `redis-server` process under its guard.
struct Process {
    guard: Child,
    /// Closing it tells the guard to kill the server.
    stdin: Option<ChildStdin>,
}

impl Process {
    /// Starts `redis-server` with `args`, its output going to `log` in `dir`, which the guard
    /// removes once the server is gone.
    fn spawn(args: &[String], dir: &Path, log: &Path) -> io::Result<Process> {
        std::fs::create_dir_all(dir)?;
        let log = std::fs::File::create(log)?;
        let mut guard = Command::new("sh")
            .arg("-c")
            // The server in the background; when stdin closes, it is killed at once (a
            // crash, as far as clients can tell), waited for, and its directory removed
            // unless the guard was told to keep it (for a restart).
            .arg(concat!(
                r#"redis-server "$@" & pid=$!; read -r keep; "#,
                r#"kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; "#,
                r#"[ "$keep" = keep ] || rm -rf "$AUTHCODE_REDIS_DIR"; exit 0"#
            ))
            .arg("redis-server-guard")
            .args(args)
            .env("AUTHCODE_REDIS_DIR", dir)
            .stdin(Stdio::piped())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()?;
        let stdin = guard.stdin.take();
        Ok(Process { guard, stdin })
    }

    /// Kills the server; its directory stays when `keep`.
    fn stop(&mut self, keep: bool) {
        if let Some(mut stdin) = self.stdin.take()
            && keep
        {
            let _ = stdin.write_all(b"keep\n");
        }
        let _ = self.guard.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.stop(false);
    }
}

/// A `redis-server` on a loopback port, for tests; stopped when dropped.
pub struct RedisServer {
    port: u16,
    dir: PathBuf,
    args: Vec<String>,
    process: Option<Process>,
}

impl RedisServer {
    /// Starts a single node with nothing persisted (`--save "" --appendonly no`).
    ///
    /// # Panics
    ///
    /// When `redis-server` is not installed (saying how to install it), or does not start.
    ///
    /// ```no_run
    /// let redis = authcode_testing_redis::RedisServer::start();
    /// assert!(redis.url().starts_with("redis://127.0.0.1:"));
    /// ```
    pub fn start() -> RedisServer {
        RedisServer::start_with(&[])
    }

    /// Starts a single node with `extra` arguments after the defaults (later ones win), in a
    /// directory of its own: `["--appendonly", "yes", "--appendfsync", "always"]` makes it
    /// remember every acknowledged write across [`stop`](Self::stop) and
    /// [`restart`](Self::restart).
    ///
    /// # Panics
    ///
    /// As [`start`](Self::start).
    ///
    /// ```no_run
    /// use authcode_testing_redis::RedisServer;
    /// let durable = RedisServer::start_with(&["--appendonly", "yes", "--appendfsync", "always"]);
    /// assert_eq!(durable.cli(&["CONFIG", "GET", "appendfsync"]).lines().nth(1), Some("always"));
    /// ```
    pub fn start_with(extra: &[&str]) -> RedisServer {
        require("redis-server");
        let mut last_failure = String::new();
        for _ in 0..5 {
            let dir = scratch_dir().expect("a temporary directory for redis-server");
            let port = free_port().expect("a free loopback port");
            let mut server = RedisServer {
                port,
                args: RedisServer::args(port, &dir, extra),
                dir,
                process: None,
            };
            match server.run() {
                Ok(()) => return server,
                Err(failure) => last_failure = failure,
            }
        }
        panic!("redis-server did not start: {last_failure}");
    }

    fn args(port: u16, dir: &Path, extra: &[&str]) -> Vec<String> {
        let mut args: Vec<String> = [
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            &dir.display().to_string(),
            "--daemonize",
            "no",
        ]
        .iter()
        .map(|arg| (*arg).to_owned())
        .collect();
        args.extend(extra.iter().map(|arg| (*arg).to_owned()));
        args
    }

    fn log(&self) -> PathBuf {
        self.dir.join(format!("redis-{}.log", self.port))
    }

    /// Starts the process and waits for its first PONG; the log's tail on failure.
    fn run(&mut self) -> Result<(), String> {
        let process =
            Process::spawn(&self.args, &self.dir, &self.log()).map_err(|err| err.to_string())?;
        self.process = Some(process);
        let deadline = Instant::now() + READY_TIMEOUT;
        while Instant::now() < deadline {
            if pings(self.port) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let log = std::fs::read_to_string(self.log()).unwrap_or_default();
        self.stop();
        Err(format!(
            "no PONG on port {} within {READY_TIMEOUT:?}; its log:\n{log}",
            self.port
        ))
    }

    /// The server's port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `redis://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// The server as a [`RedisTarget`].
    pub fn target(&self) -> RedisTarget {
        RedisTarget::Node(self.url())
    }

    /// Kills the server at once, as a crash would (clients see their connections drop). A
    /// restarted server starts with what its persistence kept: nothing by default.
    ///
    /// ```no_run
    /// let mut redis = authcode_testing_redis::RedisServer::start();
    /// redis.stop();
    /// redis.restart();
    /// ```
    pub fn stop(&mut self) {
        if let Some(mut process) = self.process.take() {
            process.stop(true);
        }
    }

    /// Starts the server again on the same port (after [`stop`](Self::stop)).
    ///
    /// # Panics
    ///
    /// When it does not answer within 10 s (the port was taken meanwhile, say).
    pub fn restart(&mut self) {
        self.stop();
        if let Err(failure) = self.run() {
            panic!("redis-server did not restart: {failure}");
        }
    }

    /// Runs `redis-cli -p <port>` with `args` and returns what it printed.
    ///
    /// # Panics
    ///
    /// When `redis-cli` cannot be run.
    ///
    /// ```no_run
    /// let redis = authcode_testing_redis::RedisServer::start();
    /// assert_eq!(redis.cli(&["PING"]).trim(), "PONG");
    /// ```
    pub fn cli(&self, args: &[&str]) -> String {
        cli(self.port, args)
    }
}

fn cli(port: u16, args: &[&str]) -> String {
    let output = Command::new("redis-cli")
        .args(["-h", "127.0.0.1", "-p", &port.to_string()])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|err| panic!("cannot run redis-cli: {err}. {INSTALL_HINT}"));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl std::fmt::Debug for RedisServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisServer")
            .field("port", &self.port)
            .field("running", &self.process.is_some())
            .finish()
    }
}

/// A Redis Cluster of three masters (no replicas) on loopback ports, for tests; every node
/// stopped when dropped.
pub struct RedisCluster {
    nodes: Vec<RedisServer>,
}

impl RedisCluster {
    /// Starts three nodes with `--cluster-enabled yes`, joins them with `redis-cli --cluster
    /// create` (the 16384 slots split between them), and waits until every node reports
    /// `cluster_state:ok`.
    ///
    /// # Panics
    ///
    /// When `redis-server` or `redis-cli` is not installed (saying how to install them), or
    /// the cluster does not form within 20 s.
    ///
    /// ```no_run
    /// let cluster = authcode_testing_redis::RedisCluster::start();
    /// assert_eq!(cluster.urls().len(), 3);
    /// ```
    pub fn start() -> RedisCluster {
        require("redis-server");
        require("redis-cli");
        let nodes: Vec<RedisServer> = (0..3)
            .map(|_| {
                RedisServer::start_with(&[
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    "nodes.conf",
                    "--cluster-node-timeout",
                    "2000",
                ])
            })
            .collect();
        let cluster = RedisCluster { nodes };
        let addresses: Vec<String> = cluster
            .nodes
            .iter()
            .map(|node| format!("127.0.0.1:{}", node.port()))
            .collect();
        let output = Command::new("redis-cli")
            .args(["--cluster", "create"])
            .args(&addresses)
            .args(["--cluster-replicas", "0", "--cluster-yes"])
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|err| panic!("cannot run redis-cli: {err}. {INSTALL_HINT}"));
        assert!(
            output.status.success(),
            "redis-cli --cluster create failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        cluster.wait_until_ok();
        cluster
    }

    fn wait_until_ok(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let states: Vec<bool> = self
                .nodes
                .iter()
                .map(|node| {
                    BufReader::new(node.cli(&["CLUSTER", "INFO"]).as_bytes())
                        .lines()
                        .map_while(Result::ok)
                        .any(|line| line.trim() == "cluster_state:ok")
                })
                .collect();
            if states.iter().all(|&ok| ok) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the cluster did not reach cluster_state:ok within 20 s: {}",
                self.nodes[0].cli(&["CLUSTER", "INFO"])
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The nodes' URLs.
    pub fn urls(&self) -> Vec<String> {
        self.nodes.iter().map(RedisServer::url).collect()
    }

    /// The cluster as a [`RedisTarget`].
    pub fn target(&self) -> RedisTarget {
        RedisTarget::Cluster(self.urls())
    }

    /// The nodes, to inspect one with [`RedisServer::cli`].
    pub fn nodes(&self) -> &[RedisServer] {
        &self.nodes
    }
}

impl std::fmt::Debug for RedisCluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisCluster")
            .field("nodes", &self.nodes)
            .finish()
    }
}
