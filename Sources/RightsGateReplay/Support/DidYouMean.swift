/// "did you mean `x`?" for a misspelt key, fact or value: the closest candidate within a small edit
/// distance, or nil when nothing is close enough to be a plausible typo.
func didYouMean(_ name: String, among candidates: [String]) -> String? {
    let limit = max(2, name.count / 3)
    var best: (String, Int)?
    for candidate in candidates {
        let distance = editDistance(Array(name.lowercased()), Array(candidate.lowercased()))
        if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
    }
    return best.map { "did you mean `\($0.0)`?" }
}

/// Levenshtein distance over characters.
private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
