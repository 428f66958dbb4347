/// The policy book as one Markdown file per language, for review in a pull request or a wiki.
struct BookMarkdown {
    let book: PolicyBook
    let language: String

    private func t(_ en: String, _ sv: String) -> String { language == "sv" ? sv : en }

    func render() -> String {
        var out = "# \(t("Policy book", "Policybok")): \(book.bundle.name) \(book.bundle.version)\n\n"
        out += "\(t("Digest", "Kontrollsumma")): `\(book.bundle.digest)`\n\n"
        if let description = book.bundle.description { out += description + "\n\n" }
        out += "| \(t("Check", "Kontroll")) | \(t("Worst outcome", "Strängaste utfall")) |\n|---|---|\n"
        for check in book.bundle.checks {
            out += "| [\(check.title.text(language))](#\(check.id)) (`\(check.id)`) | \(PolicyBook.label(check.worstOutcome, language)) |\n"
        }
        for page in book.pages(language) {
            let check = page.check
            out += "\n## \(check.title.text(language)) {#\(check.id)}\n\n`\(check.id)` · \(check.location)\n\n"
            if let description = check.description { out += description.text(language) + "\n\n" }
            out += "- **\(t("Applies when", "Gäller när"))**: \(page.applies ?? t("always", "alltid"))\n"
            for rule in page.rules {
                out += "- **\(t("Fails when", "Fallerar när"))**: \(rule.condition) → **\(PolicyBook.label(rule.outcome, language))**\n"
            }
            out += "- **\(t("Facts missing", "Uppgifter saknas"))** → \(PolicyBook.label(check.onMissing, language))\n"
            for e in page.exceptions { out += "- **\(t("Exception", "Undantag")) `\(e.id)`**: \(e.condition)\(e.reason.isEmpty ? "" : " — " + e.reason)\n" }
            if let remedy = check.remedy[language] ?? check.remedy["en"] { out += "- **\(t("Remedy", "Åtgärd"))**: \(remedy.placeholdersAsText)\n" }
            out += "- **\(t("Legal sources", "Rättskällor"))**: " + check.citations.map { $0.text }.joined(separator: "; ") + "\n"
            let tests = page.tests.map { "\($0.test) (\(PolicyBook.label($0.status, language)))" }
            out += "- **\(t("Tests", "Tester"))**: " + (tests.isEmpty ? t("none", "inga") : tests.joined(separator: "; ")) + "\n"
        }
        out += "\n## \(t("Index by legal source", "Register över rättskällor"))\n\n"
        for (source, checks) in book.citations() where !checks.isEmpty {
            out += "- **\(source.citation)**: " + checks.map { "[`\($0.check.id)`](#\($0.check.id))\($0.pinpoint.map { " (\($0))" } ?? "")" }.joined(separator: ", ") + "\n"
        }
        return out
    }
}
