#[derive(easemob_errors::Classify)]
enum E {
    #[easemob(status(400, 401), error("a", "b"), pair(400, "a"), pair(402, "b"), zh = "甲", en = "A")]
    NotListed,
    #[easemob(status(400, 401), error("a", "b"), pair(400, "a"), zh = "乙", en = "B")]
    StatusLeftOut,
    #[easemob(status = 400, error("a", "b"), pair(400, "a"), pair(400, "b"), zh = "丙", en = "C")]
    EveryPair,
    #[easemob(unknown)]
    Unknown,
}
fn main() {}
