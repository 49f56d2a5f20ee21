//! Load benchmark (written next).
fn main() {}
