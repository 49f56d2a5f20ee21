#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(
        status = 400,
        error = "e",
        description("user {name} is gone", "user {id} is gone"),
        zh = "甲",
        en = "A"
    )]
    A { name: String },
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
