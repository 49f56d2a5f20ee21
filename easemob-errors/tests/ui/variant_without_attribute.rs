#[derive(easemob_errors::Classify)]
enum E {
    Forgotten,
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
