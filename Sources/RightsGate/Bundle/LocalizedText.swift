/// Text in the bundle's languages. Every text a check must have exists in each language the bundle declares
/// (the loader enforces it), and the commands and the service refuse a language the bundle does not
/// declare, so a decision's texts are all in its `language`. Only optional texts (a description) can lack a
/// language; ``text(_:)`` then falls back, for the policy book.
public struct LocalizedText: Sendable, Hashable {
    public let texts: [String: String]

    public init(_ texts: [String: String]) { self.texts = texts }

    /// The text in `language`, or in English, or in any language, or empty.
    public func text(_ language: String) -> String {
        texts[language] ?? texts["en"] ?? texts.values.sorted().first ?? ""
    }
}

/// A legal source from the registry in `seeds/`.
public struct LegalSource: Sendable, Hashable {
    public struct Pinpoint: Sendable, Hashable {
        public let ref: String
        public let verified: Bool
        public let about: String?
    }

    public let id: String
    public let kind: String
    public let title: String
    public let citation: String
    public let date: String?
    public let url: String
    public let verified: Bool
    public let pinpoints: [Pinpoint]
    public let summary: LocalizedText
    public let note: String?
    public let location: SourceLocation
}

/// A check's reference to a legal source, with the pinpoint (paragraph, article) it relies on.
public struct Citation: Sendable, Hashable {
    public let source: LegalSource
    public let pinpoint: String?

    /// `Vladimir Kharitonov v. Russia, no. 10795/14, 23 June 2020, headnote`.
    public var text: String {
        pinpoint.map { "\(source.citation), \($0)" } ?? source.citation
    }
}
