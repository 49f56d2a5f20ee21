#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(unknown)]
    Unknown,
    #[easemob(unknown)]
    Other,
}
fn main() {}
