//! `top-things`: the member `add` joins to the family, as `top::things`.

/// What the downstream program reaches through the facade.
pub struct Thing;

impl Thing {
    /// Who made it.
    pub const NAME: &str = "a thing from top-things";
}
