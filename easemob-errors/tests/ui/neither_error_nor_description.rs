#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(status = 400, zh = "甲", en = "A")]
    A,
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
