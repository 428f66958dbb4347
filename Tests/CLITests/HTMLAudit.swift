/// Reads generated HTML the way a browser's tokenizer would (tags, attribute names, quoted values) and
/// lists everything a policy file could only have put there by injecting markup: an element the book never
/// writes, an attribute it never writes (`onerror`, `onclick`, …), or a link that runs script.
enum HTMLAudit {
    static let elements: Set<String> = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "code", "nav", "a", "main",
        "table", "tr", "th", "td", "span", "section", "div", "dl", "dt", "dd", "ol", "ul", "li",
    ]
    static let attributes: Set<String> = ["lang", "charset", "name", "content", "href", "hreflang", "class", "id", "html"]

    static func problems(in html: String) -> [String] {
        var problems: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            if rest.first == "/" { rest = rest.dropFirst() }
            let tag = rest.prefix { $0.isLetter || $0.isNumber || $0 == "!" }
            guard elements.contains(tag.lowercased()) else {
                problems.append("element <\(tag)>")
                continue
            }
            rest = rest.dropFirst(tag.count)
            // Attributes up to the end of the tag; a double-quoted value runs to the next `"`.
            while let first = rest.first, first != ">" {
                if first.isWhitespace || first == "/" { rest = rest.dropFirst(); continue }
                let name = rest.prefix { !$0.isWhitespace && $0 != "=" && $0 != ">" }
                rest = rest.dropFirst(name.count)
                var value = ""
                if rest.first == "=" {
                    rest = rest.dropFirst()
                    if rest.first == "\"" {
                        rest = rest.dropFirst()
                        value = String(rest.prefix { $0 != "\"" })
                        rest = rest.dropFirst(value.count + 1)
                    } else {
                        value = String(rest.prefix { !$0.isWhitespace && $0 != ">" })
                        rest = rest.dropFirst(value.count)
                        problems.append("unquoted value of `\(name)`")
                    }
                }
                if !attributes.contains(name.lowercased()) { problems.append("attribute `\(name)` on <\(tag)>") }
                if name.lowercased() == "href", !(value.hasPrefix("http") || !value.contains(":")) {
                    problems.append("link to `\(value)`")
                }
            }
            // Raw text of <style> is CSS, not markup.
            if tag.lowercased() == "style", let end = rest.range(of: "</style>") { rest = rest[end.lowerBound...] }
        }
        return problems
    }

    static func escape(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
            .replacing("\"", with: "&quot;").replacing("'", with: "&#39;")
    }
}
