#[derive(easemob_errors::Classify)]
struct NotAnEnum {
    status: u16,
}
fn main() {}
