use easemob_errors::{Classify, ErrorKind};

#[derive(Debug, Classify)]
enum Unit {
    #[easemob(catalog)]
    Bundled,
}

#[derive(Debug, Classify)]
enum TwoFields {
    #[easemob(catalog)]
    Bundled(ErrorKind, u8),
}

#[derive(Debug, Classify)]
enum Named {
    #[easemob(catalog)]
    Bundled { kind: ErrorKind },
}

#[derive(Debug, Classify)]
enum WithKeys {
    #[easemob(catalog, status = 400)]
    Bundled(ErrorKind),
}

fn main() {}
