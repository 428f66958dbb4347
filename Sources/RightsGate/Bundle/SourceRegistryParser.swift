/// Reads the legal source registry (`seeds/sources/*.yaml`): one entry per source a check may cite.
struct SourceRegistryParser {
    static let kinds = [
        "treaty-article", "eu-charter-article", "eu-regulation", "eu-directive", "eu-proposal", "cjeu-judgment",
        "ecthr-judgment", "swedish-statute", "swedish-constitution", "swedish-case-law", "swedish-preparatory-work",
        "government-decision", "authority-guidance", "practice-report", "dataset-documentation",
    ]
    static let entryKeys = ["id", "kind", "title", "citation", "date", "url", "verified", "pinpoints", "summary", "note"]

    var diagnostics: [Diagnostic] = []
    private(set) var sources: [String: LegalSource] = [:]

    mutating func parse(_ file: YAMLFile, requiredLanguages: [String]) {
        guard let root = file.root else { return }
        guard let top = MappingReader(root, context: "a source registry file", allowed: ["sources"], diagnostics: &diagnostics),
            let list = top.required("sources", diagnostics: &diagnostics)?.asSequence(what: "`sources`", diagnostics: &diagnostics)
        else { return }
        var fileParser = PolicyFileParser(file: file)
        for item in list.items {
            guard let reader = MappingReader(item, context: "a source", allowed: Self.entryKeys, diagnostics: &diagnostics) else { continue }
            guard let id = reader.requiredScalar("id", diagnostics: &diagnostics) else { continue }
            let what = "source `\(id.value)`"
            let kind = reader.requiredScalar("kind", diagnostics: &diagnostics)
            if let kind, !Self.kinds.contains(kind.value) {
                diagnostics.append(.error(
                    .structureInvalidValue, "unknown source kind `\(kind.value)`", at: kind.span,
                    help: Suggestions.didYouMean(kind.value, among: Self.kinds) ?? "kinds: \(Self.kinds.joined(separator: ", "))"))
            }
            let title = reader.requiredScalar("title", diagnostics: &diagnostics)
            let citation = reader.requiredScalar("citation", diagnostics: &diagnostics)
            let url = reader.requiredScalar("url", diagnostics: &diagnostics)
            let date = reader.scalar("date", diagnostics: &diagnostics)
            if let date, CivilDate.parseDate(date.value) == nil {
                diagnostics.append(.error(.structureInvalidValue, "`date` of \(what) must be YYYY-MM-DD", at: date.span))
            }
            let verified = reader.bool("verified", diagnostics: &diagnostics)
            if reader["verified"] == nil {
                diagnostics.append(.error(.structureMissingKey, "\(what) is missing `verified`", at: reader.location,
                                          help: "say whether title, citation and date were confirmed: `verified: true` or `false`"))
            }
            var pinpoints: [LegalSource.Pinpoint] = []
            if let pinNode = reader.required("pinpoints", diagnostics: &diagnostics),
                let seq = pinNode.asSequence(what: "`pinpoints` of \(what)", diagnostics: &diagnostics)
            {
                var seen: Set<String> = []
                for pin in seq.items {
                    guard let p = MappingReader(pin, context: "a pinpoint of \(what)", allowed: ["ref", "verified", "about"], diagnostics: &diagnostics),
                        let ref = p.requiredScalar("ref", diagnostics: &diagnostics)
                    else { continue }
                    if !seen.insert(ref.value).inserted {
                        diagnostics.append(.error(.sourceDuplicate, "pinpoint `\(ref.value)` is listed twice in \(what)", at: ref.span))
                    }
                    pinpoints.append(.init(
                        ref: ref.value, verified: p.bool("verified", diagnostics: &diagnostics) ?? false,
                        about: p.scalar("about", diagnostics: &diagnostics)?.value))
                }
            }
            var summary = LocalizedText([:])
            if let summaryNode = reader.required("summary", diagnostics: &diagnostics),
                let text = fileParser.localizedText(summaryNode, what: "the summary of \(what)")
            {
                for language in requiredLanguages where text.texts[language] == nil {
                    diagnostics.append(.error(.checkMissingTranslation, "the summary of \(what) has no `\(language)` text", at: text.location))
                }
                summary = LocalizedText(text.texts.mapValues(\.value))
            }
            diagnostics.append(contentsOf: fileParser.diagnostics)
            fileParser.diagnostics = []
            if let existing = sources[id.value] {
                diagnostics.append(.error(
                    .sourceDuplicate, "source `\(id.value)` is defined twice", at: id.span,
                    related: [.init(location: existing.location, message: "first defined here")]))
                continue
            }
            guard let kind, let title, let citation, let url else { continue }
            sources[id.value] = LegalSource(
                id: id.value, kind: kind.value, title: title.value, citation: citation.value,
                date: date?.value, url: url.value, verified: verified ?? false, pinpoints: pinpoints, summary: summary,
                note: reader.scalar("note", diagnostics: &diagnostics)?.value, location: id.span)
        }
    }
}
