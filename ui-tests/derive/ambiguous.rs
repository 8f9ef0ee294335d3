// `acme-core` is a dependency under two keys: the derive cannot tell which
// one to name, and says so rather than pick one.

use acme_derive::Describe;

#[derive(Describe)]
struct Order {
    id: u64,
}

fn main() {
    let _ = Order { id: 1 }.id;
}
