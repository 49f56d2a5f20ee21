#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(status = 403, error = "forbidden_op", description = "users [{users}] are not members", zh = "甲", en = "A")]
    NotMembers { users: String, group: String },
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
