#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(id = "dup", status = 400, error = "a", zh = "甲", en = "A")]
    A,
    #[easemob(id = "dup", status = 400, error = "b", zh = "乙", en = "B")]
    B,
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
