import Foundation

/// The policy book: what a bundle says, for people who do not read YAML. A self-contained static HTML site
/// (no network, no CDN, no scripts) and the same content as Markdown, in each bundle language.
///
/// Per check: title, description, a plain-language rendering of when it applies and when it fails, the
/// outcomes, what happens when facts are missing, exceptions, the remedy, the legal sources (linked to their
/// registry entries) and the policy tests that exercise it. An index by legal source answers "which checks
/// rest on Kharitonov?".
public struct PolicyBook: Sendable {
    public let bundle: PolicyBundle
    /// Test names per check id, by what the check did in the test.
    let exercised: [String: [(test: String, status: CheckResult.Status)]]

    public init(bundle: PolicyBundle, testResults: [PolicyTestResult] = []) {
        self.bundle = bundle
        var exercised: [String: [(String, CheckResult.Status)]] = [:]
        for result in testResults {
            guard let evaluation = result.evaluation else { continue }
            for (check, outcome) in evaluation.checks where outcome.status != .notApplicable && outcome.status != .notInForce {
                exercised[check.id, default: []].append((result.testCase.name, outcome.status))
            }
        }
        self.exercised = exercised
    }

    /// The files of the book: relative path → contents.
    public func files() -> [(path: String, contents: String)] {
        var files: [(String, String)] = []
        for language in bundle.languages {
            let suffix = language == "en" ? "" : ".\(language)"
            let html = BookHTML(book: self, language: language)
            files.append(("index\(suffix).html", html.checksPage()))
            for page in pages(language) { files.append(("checks/\(page.check.id)\(suffix).html", html.checkPage(page))) }
            files.append(("sources\(suffix).html", BookHTML(book: self, language: language).sourcesPage()))
            files.append(("book.\(language).md", BookMarkdown(book: self, language: language).render()))
        }
        return files
    }

    /// Writes the book into `directory` (created if needed).
    public func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: "\(directory)/checks", withIntermediateDirectories: true)
        for (path, contents) in files() {
            try contents.write(toFile: "\(directory)/\(path)", atomically: true, encoding: .utf8)
        }
    }

    // MARK: Shared content

    struct CheckPage {
        let check: Check
        let file: String
        let applies: String?
        let rules: [(outcome: Outcome, condition: String)]
        let exceptions: [(id: String, condition: String, reason: String)]
        let tests: [(test: String, status: CheckResult.Status)]
    }

    func pages(_ language: String) -> [CheckPage] {
        let plain = PlainLanguage(bundle: bundle, language: language)
        return bundle.checks.map { check in
            CheckPage(
                check: check, file: check.location.file,
                applies: check.appliesTyped.map(plain.render),
                rules: check.rules.map { ($0.outcome, plain.render($0.typed)) },
                exceptions: check.exceptions.map { ($0.id, plain.render($0.typed), $0.reason?.text(language) ?? "") },
                tests: exercised[check.id] ?? [])
        }
    }

    /// Checks citing each source, with the pinpoints they rely on.
    func citations() -> [(source: LegalSource, checks: [(check: Check, pinpoint: String?)])] {
        var bySource: [String: [(Check, String?)]] = [:]
        for check in bundle.checks {
            for citation in check.citations { bySource[citation.source.id, default: []].append((check, citation.pinpoint)) }
            for exception in check.exceptions {
                for citation in exception.citations { bySource[citation.source.id, default: []].append((check, citation.pinpoint)) }
            }
        }
        return bundle.sources.values.sorted { $0.id < $1.id }.map { ($0, bySource[$0.id] ?? []) }
    }

    static func label(_ outcome: Outcome, _ language: String) -> String {
        let sv = language == "sv"
        switch outcome {
        case .allow: return sv ? "tillåt" : "allow"
        case .allowWithConditions: return sv ? "tillåt med villkor" : "allow with conditions"
        case .escalate: return sv ? "eskalera till jurist" : "escalate to a lawyer"
        case .deny: return sv ? "neka" : "deny"
        }
    }

    static func label(_ status: CheckResult.Status, _ language: String) -> String {
        let sv = language == "sv"
        switch status {
        case .failed: return sv ? "fallerar" : "fails"
        case .passed: return sv ? "uppfylls" : "passes"
        case .unknown: return sv ? "kan inte bedömas" : "unknown"
        case .excepted: return sv ? "undantag" : "excepted"
        case .notApplicable: return sv ? "ej tillämplig" : "not applicable"
        case .notInForce: return sv ? "ej i kraft" : "not in force"
        }
    }
}
