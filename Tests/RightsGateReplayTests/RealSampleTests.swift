import Foundation
import RightsGate
@testable import RightsGateReplay
import Testing

/// Replays the real DSA Transparency Database samples of `../shared/data/dsa-sor/` through the shipped
/// `policies/` and its mapping. Reads ../shared (outside the repository): skipped when it is absent.
/// Asserts what the mapping and the readers guarantee, never the pack's outcomes (the pack changes).
@Suite struct RealSampleTests {
    static let directory = ReplayFixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/data/dsa-sor")
    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".csv") }.sorted().map { directory.appendingPathComponent($0).path }
    static let present = files.count == 3

    @Test(.enabled(if: present, "reads ../shared/data/dsa-sor/*.csv, which is absent here: skipped"))
    func everyRowOfEveryFileIsRead() throws {
        var uuids: [String] = []
        for file in Self.files {
            let descriptor = open(file, O_RDONLY)
            defer { close(descriptor) }
            let source = try CSVRowSource(descriptor: descriptor, file: file)
            #expect(source.header.count == 37)
            var rows = 0
            while let batch = try source.nextBatch() {
                for item in batch.items {
                    guard case let .row(fields) = item.payload else {
                        Issue.record("\(file):\(item.line) is not a full row")
                        continue
                    }
                    rows += 1
                    uuids.append(fields[0])
                }
            }
            #expect(rows == 50, "\(file)")
        }
        #expect(uuids.count == 150)
        // The upstream duplicate is two rows, both read.
        #expect(uuids.filter { $0 == "03b1b1c9-a860-4bf6-afff-0d8f0d944871" }.count == 2)
    }

    @Test(.enabled(if: present, "reads ../shared/data/dsa-sor/*.csv, which is absent here: skipped"))
    func replayThroughTheShippedPack() throws {
        let policies = ReplayFixtures.repository.appendingPathComponent("policies").path
        let loaded = BundleLoader.report(directory: policies)
        guard let bundle = loaded.bundle else {
            Issue.record("the shipped pack does not load: \(loaded.diagnostics.filter(\.isError).prefix(3).map(\.description))")
            return
        }
        var configuration = ReplayConfiguration(bundle: bundle)
        configuration.today = ReplayFixtures.today
        let report = try ReplayEngine(configuration: configuration).run(Self.files.map { ReplayInput(path: $0) })

        #expect(report.run.inputs.map(\.format) == ["dsa-sor", "dsa-sor", "dsa-sor"])
        #expect(Self.files.map { report.recordsPerInput[$0] } == [50, 50, 50])
        #expect(report.totals.records == 150)
        #expect(report.totals.evaluated == 150)
        #expect(report.totals.invalid == 0)
        #expect(report.mappingGaps.mappedRecords == 150)
        #expect(report.historical == ["acted": 150])
        // What the mapping cannot fill, per field: a statement of reasons has no target level, no
        // co-hosting, no review and no notification facts, so those are unfilled for every record.
        let unfilled = report.mappingGaps.unfilled.counts
        for fact in ["target.level", "target.shared_ip", "target.cohosted_domains_count", "process.prior_authorisation",
                     "process.owner_notification", "process.approvers"] {
            #expect(unfilled[fact] == 150, "\(fact)")
        }
        #expect(unfilled["id"] == nil)
        #expect(unfilled["content.tdb_category"] == nil)
        #expect(unfilled["content.content_id_ean13"] == 150, "the 2024 dumps have no content_id_ean column")
        #expect(report.mappingGaps.columnAbsent.counts == ["content.content_id_ean13": 150], "and the report says the column is absent")
        // And so every record was decided on too little information.
        #expect(report.tooLittleInformation.records == 150)
        #expect(report.byMonth.keys.sorted() == ["2024-02", "2024-03"])

        // The three report forms.
        let summary = TerminalSummary.render(report)
        #expect(summary.contains("Facts the statement-of-reasons mapping could not fill (of 150 mapped records)"))
        #expect(summary.contains("target.level"))
        #expect(try ReplayReport.decode(Data(report.jsonText().utf8)) == report)
        #expect(HTMLReport.render(report).contains("<section id=\"mapping\">"))
    }
}
