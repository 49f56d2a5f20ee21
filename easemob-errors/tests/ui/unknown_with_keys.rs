#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(unknown, status = 500)]
    Unknown { raw: String },
}
fn main() {}
