//! A program downstream of `top`: it compiles only when `top::things`,
//! the member `add` writes, is there.

use top::things::Thing;

fn main() {
    println!("{}", Thing::NAME);
}
