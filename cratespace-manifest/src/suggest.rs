//! "Did you mean": the closest of the known words.

/// The candidate closest to `word`, if one is close enough to be a likely
/// typo: the "did you mean" of every diagnostic.
///
/// ```
/// assert_eq!(cratespace_manifest::closest("manifst", &["manifest"]), Some("manifest"));
/// assert_eq!(cratespace_manifest::closest("path", &["manifest"]), None);
/// ```
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let length = word.chars().count();
    let mut best: Option<(usize, &str)> = None;
    for &candidate in candidates {
        let distance = strsim::damerau_levenshtein(word, candidate);
        let other = candidate.chars().count();
        let near = distance > 0
            && distance <= (length.max(other) / 3).max(2)
            && distance < length.min(other);
        let better = match best {
            Some(best) => (distance, candidate) < best,
            None => true,
        };
        if near && better {
            best = Some((distance, candidate));
        }
    }
    match best {
        Some((_, candidate)) => Some(candidate),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_only_near_words() {
        let keys = ["members", "versioning", "metadata", "policy"];
        assert_eq!(closest("memebrs", &keys), Some("members"));
        assert_eq!(closest("versoning", &keys), Some("versioning"));
        assert_eq!(closest("zzz", &keys), None);
        assert_eq!(
            closest("dcos", &["dependency", "path", "doc", "cfg"]),
            Some("doc")
        );
        assert_eq!(closest("ab", &["cd", "path"]), None);
        assert_eq!(closest("members", &keys), None);
    }
}
