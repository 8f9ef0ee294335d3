#![allow(unused)]

mod misspelled {
    cratespace::cratespace!(manifets = "cratespace.toml");
}

mod not_a_string {
    cratespace::cratespace!(manifest = cratespace.toml);
}

mod twice {
    cratespace::cratespace!(manifest = "a.toml", manifest = "b.toml");
}



mod absolute {
    cratespace::cratespace!(manifest = "/etc/cratespace.toml");
}

mod unexpected_token {
    cratespace::cratespace!(manifest = "cratespace.toml";);
}
fn main() {}
