/// Machine-readable forms of diagnostics: plain JSON for tools, and SARIF 2.1.0 for code-scanning systems
/// (GitHub code scanning, GitLab, IDE viewers) so policy warnings show up next to the lines they concern.
public enum DiagnosticFormats {
    /// `{"diagnostics": [...], "errors": n, "warnings": n}` with each diagnostic's code, severity, message,
    /// location, help and related notes.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        var json = JSONWriter(capacity: 4096)
        json.beginObject()
        json.key("diagnostics")
        json.beginArray()
        for d in diagnostics.sortedByLocation() {
            json.beginObject()
            json.key("severity"); json.string(d.severity.rawValue)
            json.key("code"); json.string(d.code.rawValue)
            json.key("message"); json.string(d.message)
            if let location = d.location { json.key("location"); write(location, into: &json) }
            if let help = d.help { json.key("help"); json.string(help) }
            json.key("related")
            json.beginArray()
            for related in d.related {
                json.beginObject()
                json.key("message"); json.string(related.message)
                json.key("location"); write(related.location, into: &json)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("errors"); json.number(diagnostics.errorCount)
        json.key("warnings"); json.number(diagnostics.warningCount)
        json.endObject()
        return json.text
    }

    private static func write(_ location: SourceLocation, into json: inout JSONWriter) {
        json.beginObject()
        json.key("file"); json.string(location.file)
        json.key("line"); json.number(location.line)
        json.key("column"); json.number(location.column)
        json.key("length"); json.number(location.length)
        json.endObject()
    }

    /// A SARIF 2.1.0 log with one run: the rules are the diagnostic codes that occur, the results the
    /// diagnostics, with their regions.
    public static func sarif(_ diagnostics: [Diagnostic], toolVersion: String) -> String {
        let sorted = diagnostics.sortedByLocation()
        let codes = Array(Set(sorted.map(\.code.rawValue))).sorted()
        var json = JSONWriter(capacity: 4096)
        json.beginObject()
        json.key("$schema"); json.string("https://json.schemastore.org/sarif-2.1.0.json")
        json.key("version"); json.string("2.1.0")
        json.key("runs")
        json.beginArray()
        json.beginObject()
        json.key("tool")
        json.beginObject()
        json.key("driver")
        json.beginObject()
        json.key("name"); json.string("rightsgate")
        json.key("version"); json.string(toolVersion)
        json.key("informationUri"); json.string("docs/diagnostics.md")
        json.key("rules")
        json.beginArray()
        for code in codes {
            json.beginObject()
            json.key("id"); json.string(code)
            json.key("helpUri"); json.string("docs/diagnostics.md")
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endObject()
        json.key("results")
        json.beginArray()
        for d in sorted {
            json.beginObject()
            json.key("ruleId"); json.string(d.code.rawValue)
            json.key("ruleIndex"); json.number(codes.firstIndex(of: d.code.rawValue) ?? 0)
            json.key("level"); json.string(d.severity == .error ? "error" : d.severity == .warning ? "warning" : "note")
            json.key("message")
            json.beginObject()
            json.key("text"); json.string(d.help.map { "\(d.message) (\($0))" } ?? d.message)
            json.endObject()
            if let location = d.location {
                json.key("locations")
                json.beginArray()
                json.beginObject()
                json.key("physicalLocation")
                json.beginObject()
                json.key("artifactLocation")
                json.beginObject()
                json.key("uri"); json.string(location.file)
                json.endObject()
                json.key("region")
                json.beginObject()
                json.key("startLine"); json.number(location.line)
                json.key("startColumn"); json.number(location.column)
                json.key("endColumn"); json.number(location.column + location.length)
                json.endObject()
                json.endObject()
                json.endObject()
                json.endArray()
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endArray()
        json.endObject()
        return json.text
    }
}
