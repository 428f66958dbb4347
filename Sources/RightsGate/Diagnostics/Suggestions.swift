/// Did-you-mean suggestions for unknown names, based on edit distance.
enum Suggestions {
    /// The closest candidate within a distance proportional to the name's length, or nil.
    static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(2, name.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(name.lowercased(), candidate.lowercased(), limit: limit)
            guard distance <= limit else { continue }
            if best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        if let best { return best.0 }
        // A name that is a suffix of a full path ("cohosted_domains_count") still deserves a hint.
        let suffixMatches = candidates.filter { $0.hasSuffix("." + name) }
        return suffixMatches.count == 1 ? suffixMatches.first : nil
    }

    /// `did you mean `x`?` or nil.
    static func didYouMean(_ name: String, among candidates: some Sequence<String>) -> String? {
        closest(to: name, among: candidates).map { "did you mean `\($0)`?" }
    }

    /// Damerau-Levenshtein (optimal string alignment) distance, stopping early beyond `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMin = min(rowMin, value)
            }
            if rowMin > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
