#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(
        status = 400,
        error = "e",
        zh = "甲",
        en = "A",
        cause(area = "users", request = "GET /users", zh = "乙", en = "B"),
        cause(request = "FETCH /users", zh = "乙", en = "B"),
        cause(request = "GET /users/**", zh = "乙", en = "B"),
        cause(area = "users")
    )]
    A,
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
