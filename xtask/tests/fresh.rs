//! Plain `cargo test` fails when a committed artifact is stale.

#[test]
fn generated_artifacts_are_up_to_date() {
    if let Err(e) = xtask::regen::run(&xtask::workspace_root(), true) {
        panic!("{e}");
    }
}
