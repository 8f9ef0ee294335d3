//! A small program that uses every member of the acme family through the
//! `acme` crate alone: the core trait and types at `acme::*`, the derive at
//! `acme::derive`, JSON at `acme::formats::json`, and the vouched-for `itoa`
//! at `acme::formats::int`.

use acme::derive::Describe;
use acme::formats::json::{ToJson, Value, json};
use acme::{Describe as _, Name, Version};

/// A stock-keeping unit: a tuple struct, to show the derive's other shape.
#[derive(Describe)]
struct Sku(&'static str);

/// A line of an order.
#[derive(Describe)]
struct LineItem {
    sku: Sku,
    quantity: u32,
    unit_price: f64,
}

impl ToJson for LineItem {
    fn to_json(&self) -> Value {
        json!({ "sku": self.sku.0, "qty": self.quantity })
    }
}

/// An order of a few line items.
#[derive(Describe)]
struct Order {
    id: u64,
    customer: Name,
    items: Vec<LineItem>,
}

impl Order {
    fn total(&self) -> f64 {
        self.items
            .iter()
            .map(|item| f64::from(item.quantity) * item.unit_price)
            .sum()
    }
}

fn main() {
    let version: Version = env!("CARGO_PKG_VERSION").parse().expect("a semver version");
    let order = Order {
        id: 1042,
        customer: Name::new("coyote").expect("a valid name"),
        items: vec![
            LineItem {
                sku: Sku("SKATES"),
                quantity: 1,
                unit_price: 89.5,
            },
            LineItem {
                sku: Sku("SEED"),
                quantity: 3,
                unit_price: 4.25,
            },
        ],
    };

    println!("acme {version} demo");
    println!();
    println!("describe:");
    println!("  {}", order.describe());
    println!("  {}", order.items[0].describe());
    println!("  {}", order.items[0].sku.describe());
    println!("  {}", version.describe());
    println!();

    let json = json!({
        "id": order.id,
        "customer": order.customer.as_str(),
        "items": order.items,
        "total": order.total(),
        "note": null,
    });
    println!("json:");
    println!("  {json}");
    println!();

    let mut digits = acme::formats::int::Buffer::new();
    println!("order number: #{}", digits.format(order.id));
    println!();

    println!("crate family:");
    println!("{}", acme::CRATESPACE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_descriptions_show_the_shape() {
        let item = LineItem {
            sku: Sku("X"),
            quantity: 1,
            unit_price: 1.0,
        };
        assert_eq!(item.describe(), "LineItem { sku, quantity, unit_price }");
        assert_eq!(item.sku.describe(), "Sku(_)");
    }

    #[test]
    fn json_macro_works_through_the_facade() {
        let item = LineItem {
            sku: Sku("X"),
            quantity: 2,
            unit_price: 0.5,
        };
        assert_eq!(item.to_json().to_string(), r#"{"sku":"X","qty":2}"#);
        assert_eq!(
            acme::formats::json::json!([1, null]).to_string(),
            "[1,null]"
        );
    }

    #[test]
    fn the_family_is_described_at_run_time() {
        let int = acme::CRATESPACE.member("formats::int").expect("a member");
        assert_eq!(int.kind().to_string(), "voucher");
        assert_eq!(int.voucher().map(|v| v.approved()), Some(">=1.0.10, <2"));
        assert_eq!(acme::CRATESPACE.versioning().to_string(), "lockstep");
        assert_eq!(acme::CRATESPACE.enabled().count(), 4);
    }
}
