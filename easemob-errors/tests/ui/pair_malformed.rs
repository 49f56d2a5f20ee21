#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(status(400, 401), error("a", "b"), pair(400), zh = "丁", en = "D")]
    Malformed,
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
