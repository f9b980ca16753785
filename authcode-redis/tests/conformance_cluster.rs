//! The conformance suite on a three-master Redis Cluster: every command and script touches
//! the keys of one slot, so none fails with CROSSSLOT, and the keys spread over the masters.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use authcode_redis::{RedisOptions, RedisStore};
use authcode_runtime::flow::{AuthServer, ConsentDecision};
use authcode_runtime::wire::ApplyTokenRequest;
use authcode_runtime::{ScopeSet, UserInfo};
use authcode_store_conformance::{AlipayPlusScope, store_conformance_tests};
use authcode_testing_redis::RedisCluster;

fn cluster() -> &'static RedisCluster {
    static CLUSTER: OnceLock<RedisCluster> = OnceLock::new();
    CLUSTER.get_or_init(RedisCluster::start)
}

fn fresh_prefix() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("c{}:", NEXT.fetch_add(1, Ordering::Relaxed))
}

async fn store() -> RedisStore<AlipayPlusScope> {
    let options = RedisOptions {
        prefix: fresh_prefix(),
        ..RedisOptions::default()
    };
    let store = RedisStore::connect(&cluster().target(), &options)
        .await
        .expect("the test cluster answers");
    assert!(store.is_cluster());
    store
}

store_conformance_tests!(store().await);

#[tokio::test]
async fn the_records_of_many_flows_spread_over_every_master() {
    let wallet = AuthServer::with_store(store().await);
    wallet
        .register_client("merchant", ScopeSet::all())
        .await
        .unwrap();
    for user in 0..20 {
        let user = format!("20880{user:02}");
        wallet
            .add_user(user.clone(), UserInfo::default())
            .await
            .unwrap();
        let response = wallet
            .get_auth_code("merchant", &user, ["USER_ID"], ConsentDecision::ApproveAll)
            .await;
        let code = response.auth_code().expect("a code").clone();
        wallet
            .apply_token("merchant", &ApplyTokenRequest::authorization_code(code))
            .await
            .unwrap();
    }
    for node in cluster().nodes() {
        let keys: u64 = node.cli(&["DBSIZE"]).trim().parse().unwrap();
        assert!(keys > 0, "master {} holds none of the records", node.port());
    }
}
