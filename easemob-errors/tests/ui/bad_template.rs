#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(status = 400, error = "e", description = "group member {User Name} doesn't exist", zh = "甲", en = "A")]
    A,
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
