#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(status(400, 700), error = "e", zh = "甲", en = "A")]
    A,
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
