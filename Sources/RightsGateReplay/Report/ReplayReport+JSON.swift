public import Foundation

extension ReplayReport {
    /// The report as JSON: keys sorted, indented, no timestamps, so the same inputs and bundle always give
    /// the same bytes (and a shard merge gives the bytes of a single run).
    public func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a report written by ``jsonText()``; throws when it is not a `rightsgate.replay-report/v1`. Text
    /// that is not JSON at all (a truncated file) is reported with the line and column where it goes wrong.
    public static func decode(_ data: Data) throws -> ReplayReport {
        let report: ReplayReport
        do {
            report = try JSONDecoder().decode(ReplayReport.self, from: data)
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            guard let failure = JSONSyntax.firstError(in: Array(data)) else { throw DecodingError.dataCorrupted(context) }
            throw MergeError(description: "not valid JSON at line \(failure.line), column \(failure.column): \(failure.problem)")
        }
        guard report.format == ReplayReport.format else {
            throw MergeError(description: "not a \(ReplayReport.format) report (format `\(report.format)`)")
        }
        return report
    }
}
