#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(status = 403, error = "forbidden_op", description = "user {id} is muted", zh = "甲", en = "A")]
    Muted { id: u64 },
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
