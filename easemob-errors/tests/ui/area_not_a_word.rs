#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(area = "Chat Groups", status = 400, error = "e", zh = "甲", en = "A")]
    A,
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
