use easemob_errors::{Classify, ErrorKind};

#[derive(Debug, Classify)]
enum E {
    #[easemob(catalog)]
    Bundled(ErrorKind),
    #[easemob(unknown)]
    Other,
}

fn main() {}
