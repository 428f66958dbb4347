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

    /// Reads a report written by ``jsonText()``; throws when it is not a `rightsgate.replay-report/v1`.
    public static func decode(_ data: Data) throws -> ReplayReport {
        let report = try JSONDecoder().decode(ReplayReport.self, from: data)
        guard report.format == ReplayReport.format else {
            throw MergeError(description: "not a \(ReplayReport.format) report (format `\(report.format)`)")
        }
        return report
    }
}
