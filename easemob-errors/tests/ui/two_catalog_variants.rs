use easemob_errors::{Classify, ErrorKind};

#[derive(Debug, Classify)]
enum E {
    #[easemob(catalog)]
    First(ErrorKind),
    #[easemob(catalog)]
    Second(ErrorKind),
}

fn main() {}
