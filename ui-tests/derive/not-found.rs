// Neither `acme-core` nor the facade `acme` is a dependency: the derive
// names the manifest it read and the override that would settle it.

use acme_derive::Describe;

#[derive(Describe)]
struct Order {
    id: u64,
}

fn main() {
    let _ = Order { id: 1 }.id;
}
