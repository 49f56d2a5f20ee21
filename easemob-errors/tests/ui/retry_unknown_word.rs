#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(status = 400, error = "e", zh = "甲", en = "A", retry = "later")]
    A,
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
