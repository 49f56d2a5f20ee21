#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(status = 400, error = "e", zh = "甲", en = "A")]
    A,
}
fn main() {}
