//! The reference implementation passes the suite: every guarantee, one test each.

use authcode_runtime::flow::MemoryStore;

authcode_store_conformance::store_conformance_tests!(MemoryStore::new());

/// `check_all` runs the same checks in one go.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn check_all_passes_on_the_memory_store() {
    authcode_store_conformance::check_all(MemoryStore::new).await;
}
