//! A small program that depends on `acme-core` and `acme-derive` alone, not
//! on the `acme` facade: the derive finds the trait at `::acme_core`.

use acme_core::{Describe, Name, Version};
use acme_derive::Describe;

/// A service and the version it runs.
#[derive(Describe)]
struct Deployment {
    service: Name,
    version: Version,
    replicas: u32,
}

/// A region, as a tuple struct.
#[derive(Describe)]
struct Region(&'static str);

fn main() {
    let deployment = Deployment {
        service: Name::new("billing").expect("a valid name"),
        version: Version::new(2, 1, 0),
        replicas: 3,
    };
    let region = Region("eu-west");
    println!("acme-core and acme-derive, without acme:");
    println!("  {}", deployment.describe());
    println!("  {}", region.describe());
    println!(
        "  {} {} x{} in {}",
        deployment.service,
        deployment.version.describe(),
        deployment.replicas,
        region.0
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_descriptions_show_the_shape() {
        let region = Region("x");
        assert_eq!(region.describe(), "Region(_)");
        assert_eq!(region.0, "x");
    }
}
