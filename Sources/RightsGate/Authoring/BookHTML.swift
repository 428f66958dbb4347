/// The HTML pages of the policy book: one page of checks and one index of sources per language, each
/// self-contained (inline CSS, no scripts, no external resources).
///
/// Everything that comes from the bundle (ids, texts, paths, dates, languages) goes through `escape`, or
/// through `urlPart` inside a link, so no policy or registry file can add markup to the book.
struct BookHTML {
    let book: PolicyBook
    let language: String
    /// Prefix for links from the page to the site root (`../` on the per-check pages).
    var root = ""

    private var sv: Bool { language == "sv" }
    private func t(_ en: String, _ sv: String) -> String { self.sv ? sv : en }
    private var suffix: String { language == "en" ? "" : ".\(language)" }

    /// Text for element content or a quoted attribute value.
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// A path segment or fragment inside `href`: every byte but the URL-unreserved ones percent-encoded, so an
    /// id can neither leave the attribute nor change the link's path. Browsers decode a fragment before matching
    /// it against `id` attributes, so `#` + `urlPart(id)` still reaches `id="` + `escape(id)` + `"`.
    static func urlPart(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xF)])"
            }
        }
        return out
    }

    /// A link to a registry URL, or the URL as plain text when it is not http(s): a `javascript:` or `data:` URL
    /// would run or load something from a page that promises to do neither.
    static func externalLink(_ url: String) -> String {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return escape(url) }
        return "<a href=\"\(escape(url))\">\(escape(url))</a>"
    }

    /// Escapes, then shows `code` spans as <code>.
    private func rich(_ text: String) -> String {
        let parts = Self.escape(text).split(separator: "`", omittingEmptySubsequences: false)
        return parts.enumerated().map { $0.offset % 2 == 1 ? "<code>\($0.element)</code>" : String($0.element) }.joined()
    }

    static let style = """
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
        header{background:#1f3a5f;color:#fff;padding:1.2rem 2rem}header h1{margin:0;font-size:1.6rem}
        header p{margin:.3rem 0 0;opacity:.9}header code{background:transparent;color:#dbe6f5}nav{padding:.6rem 2rem;background:#e8ecf2;font-size:.95rem}
        nav a{margin-right:1.2rem}main{max-width:60rem;margin:0 auto;padding:1rem 2rem 3rem}
        section.check{background:#fff;border:1px solid #d5dbe5;border-radius:8px;padding:1rem 1.4rem;margin:1.2rem 0}
        section.check h2{font-size:1.25rem;margin:.2rem 0 .4rem}.id{font-family:ui-monospace,monospace;color:#5a6477;font-size:.9rem}
        dl{display:grid;grid-template-columns:11rem 1fr;gap:.35rem 1rem;margin:.6rem 0}dt{font-weight:600;color:#394357}dd{margin:0}
        .deny{color:#a4161a;font-weight:600}.escalate{color:#9a5b00;font-weight:600}.allow_with_conditions{color:#1b6b4e;font-weight:600}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.88em;background:#eef1f6;padding:0 .2em;border-radius:3px}
        table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d5dbe5;padding:.35rem .6rem;text-align:left;vertical-align:top}
        th{background:#eef1f6}.muted{color:#5a6477}.tests li{font-size:.92rem}ul{margin:.2rem 0;padding-left:1.3rem}
        .unverified{color:#9a5b00;font-size:.85rem}
        """

    func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(Self.escape(language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title))</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        <header><h1>\(Self.escape(title))</h1><p>\(Self.escape(book.bundle.name)) \(Self.escape(book.bundle.version)) · <code>\(Self.escape(book.bundle.digest))</code></p></header>
        <nav><a href="\(root)index\(Self.urlPart(suffix)).html">\(t("Checks", "Kontroller"))</a><a href="\(root)sources\(Self.urlPart(suffix)).html">\(t("Legal sources", "Rättskällor"))</a>\(otherLanguages)</nav>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    private var otherLanguages: String {
        book.bundle.languages.filter { $0 != language }.map { other in
            let s = other == "en" ? "" : ".\(other)"
            let name = other == "sv" ? "Svenska" : other == "en" ? "English" : other
            return "<a href=\"\(root)index\(Self.urlPart(s)).html\" hreflang=\"\(Self.escape(other))\">\(Self.escape(name))</a>"
        }.joined()
    }

    /// The page of one check.
    private func checkLink(_ check: Check) -> String {
        "\(root)checks/\(Self.urlPart(check.id))\(Self.urlPart(suffix)).html"
    }

    /// A source's entry on the sources page.
    private func sourceLink(_ source: LegalSource) -> String {
        "\(root)sources\(Self.urlPart(suffix)).html#\(Self.urlPart(source.id))"
    }

    func checksPage() -> String {
        let pages = book.pages(language)
        var body = ""
        if let description = book.bundle.description { body += "<p>\(Self.escape(description))</p>\n" }
        body += "<h2>\(t("Contents", "Innehåll"))</h2>\n<table><tr><th>\(t("Check", "Kontroll"))</th><th>\(t("Worst outcome", "Strängaste utfall"))</th><th>\(t("File", "Fil"))</th></tr>\n"
        for page in pages {
            let worst = page.check.worstOutcome
            body += "<tr><td><a href=\"\(checkLink(page.check))\">\(Self.escape(page.check.title.text(language)))</a> <span class=\"id\">\(Self.escape(page.check.id))</span></td>"
            body += "<td class=\"\(worst.rawValue)\">\(PolicyBook.label(worst, language))</td><td class=\"muted\">\(Self.escape(page.file))</td></tr>\n"
        }
        body += "</table>\n"
        for page in pages { body += section(page) }
        return page(title: t("Policy book", "Policybok") + ": " + book.bundle.name, body: body)
    }

    /// One check on a page of its own (`checks/<id>.html`), linkable from anywhere.
    func checkPage(_ page: PolicyBook.CheckPage) -> String {
        var html = BookHTML(book: book, language: language)
        html.root = "../"
        return html.page(title: page.check.title.text(language), body: html.section(page))
    }

    func section(_ page: PolicyBook.CheckPage) -> String {
        let check = page.check
        var s = "<section class=\"check\" id=\"\(Self.escape(check.id))\">\n<h2>\(Self.escape(check.title.text(language)))</h2>\n"
        s += "<div class=\"id\">\(Self.escape(check.id)) · \(Self.escape(check.location.description))\(check.mode == .shadow ? t(" · shadow mode (reported, not counted)", " · skuggläge (redovisas, räknas inte)") : "")</div>\n"
        if let description = check.description { s += "<p>\(rich(description.text(language)))</p>\n" }
        s += "<dl>\n"
        s += "<dt>\(t("Applies when", "Gäller när"))</dt><dd>\(page.applies.map(rich) ?? t("always", "alltid"))</dd>\n"
        if page.rules.count == 1 {
            let rule = page.rules[0]
            s += "<dt>\(t("Fails when", "Fallerar när"))</dt><dd>\(rich(rule.condition))</dd>\n"
            s += "<dt>\(t("Outcome", "Utfall"))</dt><dd class=\"\(rule.outcome.rawValue)\">\(PolicyBook.label(rule.outcome, language))</dd>\n"
        } else {
            s += "<dt>\(t("Fails when", "Fallerar när"))</dt><dd><ol>"
            for rule in page.rules {
                s += "<li>\(rich(rule.condition)) → <span class=\"\(rule.outcome.rawValue)\">\(PolicyBook.label(rule.outcome, language))</span></li>"
            }
            s += "</ol><span class=\"muted\">\(t("The first that holds decides.", "Den första som är uppfylld avgör."))</span></dd>\n"
        }
        s += "<dt>\(t("Facts missing", "Uppgifter saknas"))</dt><dd class=\"\(check.onMissing.rawValue)\">\(PolicyBook.label(check.onMissing, language))</dd>\n"
        if !page.exceptions.isEmpty {
            s += "<dt>\(t("Exceptions", "Undantag"))</dt><dd><ul>"
            for e in page.exceptions { s += "<li><code>\(Self.escape(e.id))</code>: \(rich(e.condition))\(e.reason.isEmpty ? "" : " — " + rich(e.reason))</li>" }
            s += "</ul></dd>\n"
        }
        if check.effectiveFrom != nil || check.effectiveUntil != nil {
            let from = check.effectiveFrom.map(CivilDate.formatDate) ?? "…"
            let until = check.effectiveUntil.map(CivilDate.formatDate) ?? "…"
            s += "<dt>\(t("In force", "I kraft"))</dt><dd>\(from) – \(until)</dd>\n"
        }
        if let remedy = check.remedy[language].map({ $0.placeholdersAsText }) ?? check.remedy["en"].map({ $0.placeholdersAsText }) {
            s += "<dt>\(t("Remedy", "Åtgärd"))</dt><dd>\(rich(remedy))</dd>\n"
        }
        if let explanation = check.explanation[language].map({ $0.placeholdersAsText }) {
            s += "<dt>\(t("Explanation", "Förklaring"))</dt><dd>\(rich(explanation))</dd>\n"
        }
        s += "<dt>\(t("Legal sources", "Rättskällor"))</dt><dd><ul>"
        for citation in check.citations {
            s += "<li><a href=\"\(sourceLink(citation.source))\">\(Self.escape(citation.source.citation))</a>\(citation.pinpoint.map { ", " + Self.escape($0) } ?? "")</li>"
        }
        s += "</ul></dd>\n"
        s += "<dt>\(t("Facts read", "Uppgifter som läses"))</dt><dd>\(check.factPaths.map { "<code>\(Self.escape($0))</code>" }.joined(separator: " "))</dd>\n"
        s += "<dt>\(t("Tests", "Tester"))</dt><dd>"
        if page.tests.isEmpty {
            s += "<span class=\"unverified\">\(t("no test exercises this check", "inget test prövar denna kontroll"))</span>"
        } else {
            s += "<ul class=\"tests\">" + page.tests.map { "<li>\(Self.escape($0.test)) — \(PolicyBook.label($0.status, language))</li>" }.joined() + "</ul>"
        }
        s += "</dd>\n</dl>\n</section>\n"
        return s
    }

    func sourcesPage() -> String {
        var body = "<p>\(t("Every legal source the bundle's registry holds, with the checks that rely on it.", "Varje rättskälla i paketets register, med de kontroller som bygger på den."))</p>\n"
        for (source, checks) in book.citations() {
            body += "<section class=\"check\" id=\"\(Self.escape(source.id))\">\n<h2>\(Self.escape(source.title))</h2>\n<div class=\"id\">\(Self.escape(source.id)) · \(Self.escape(source.kind))</div>\n<dl>\n"
            body += "<dt>\(t("Citation", "Hänvisning"))</dt><dd>\(Self.escape(source.citation))\(source.verified ? "" : " <span class=\"unverified\">\(t("(not yet verified against the official text)", "(ännu inte kontrollerad mot officiell text)"))</span>")</dd>\n"
            if let date = source.date { body += "<dt>\(t("Date", "Datum"))</dt><dd>\(Self.escape(date))</dd>\n" }
            body += "<dt>URL</dt><dd>\(Self.externalLink(source.url))</dd>\n"
            body += "<dt>\(t("Summary", "Sammanfattning"))</dt><dd>\(Self.escape(source.summary.text(language)))</dd>\n"
            body += "<dt>\(t("Pinpoints", "Punkthänvisningar"))</dt><dd><ul>"
            for pin in source.pinpoints {
                body += "<li>\(Self.escape(pin.ref))\(pin.about.map { " — " + Self.escape($0) } ?? "")\(pin.verified ? "" : " <span class=\"unverified\">\(t("unverified", "ej kontrollerad"))</span>")</li>"
            }
            body += "</ul></dd>\n<dt>\(t("Cited by", "Åberopas av"))</dt><dd>"
            if checks.isEmpty {
                body += "<span class=\"muted\">\(t("no check", "ingen kontroll"))</span>"
            } else {
                body += "<ul>" + checks.map { "<li><a href=\"\(checkLink($0.check))\">\(Self.escape($0.check.title.text(language)))</a>\($0.pinpoint.map { " (" + Self.escape($0) + ")" } ?? "")</li>" }.joined() + "</ul>"
            }
            body += "</dd>\n</dl>\n</section>\n"
        }
        return page(title: t("Legal sources", "Rättskällor") + ": " + book.bundle.name, body: body)
    }
}

extension Template {
    /// The template with each placeholder shown as `{expression}`, for the book.
    var placeholdersAsText: String {
        segments.map { segment in
            switch segment {
            case let .text(t): t
            case let .value(_, _, source): "`{\(source)}`"
            }
        }.joined()
    }
}
