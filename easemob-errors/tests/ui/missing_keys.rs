#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(error = "e")]
    A,
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
