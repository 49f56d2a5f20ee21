#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(status = 400, error = "e", description = "user {name} is bad", zh = "甲", en = "A")]
    A(String),
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
