//! "Did you mean": the closest of the known words.

/// The candidate closest to `word`, if one is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(word, candidate), candidate))
        .filter(|(distance, candidate)| {
            let (a, b) = (word.chars().count(), candidate.chars().count());
            *distance > 0 && *distance <= (a.max(b) / 3).max(2) && *distance < a.min(b)
        })
        .min()
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_only_near_words() {
        let keys = ["members", "versioning", "metadata", "policy"];
        assert_eq!(closest("memebrs", keys), Some("members"));
        assert_eq!(closest("versoning", keys), Some("versioning"));
        assert_eq!(closest("zzz", keys), None);
        assert_eq!(
            closest("dcos", ["dependency", "path", "doc", "cfg"]),
            Some("doc")
        );
        assert_eq!(closest("ab", ["cd", "path"]), None);
        assert_eq!(closest("members", keys), None);
    }
}
