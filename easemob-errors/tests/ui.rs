//! Every misuse of the derive's attributes is a compile error on the exact span. The
//! `.stderr` files are the messages users see; review them like code.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
