import Foundation
import RightsGate
@testable import RightsGateReplay
import Testing

/// The declarative statement-of-reasons mapping: its diagnostics and what it does to a row.
@Suite struct MappingTests {
    static let header2024 = [
        "uuid", "category", "category_specification", "content_type", "source_type", "automated_decision", "territorial_scope",
        "application_date", "created_at",
    ]

    static func mapper() throws -> SoRRowMapper {
        let mapping = try SoRMapping.load(path: ReplayFixtures.path("bundle/replay/dsa-sor.yaml"), bundle: ReplayFixtures.bundle)
        return try SoRRowMapper(mapping: mapping, header: header2024, file: "test.csv")
    }

    static func row(_ values: [String: String]) -> [String] { header2024.map { values[$0] ?? "" } }

    @Test func everyMistakeIsReportedWithItsLocation() throws {
        let path = ReplayFixtures.path("bad-mapping/dsa-sor.yaml")
        do {
            _ = try SoRMapping.load(path: path, bundle: ReplayFixtures.bundle)
            Issue.record("the bad mapping loaded")
        } catch {
            assertSnapshot(DiagnosticRenderer(sources: error.sourceFiles).render(error.diagnostics), named: "bad-mapping.txt")
        }
    }

    @Test func legacyKeysMapToTheirSuccessors() throws {
        let mapped = try Self.mapper().map(Self.row([
            "uuid": "u1", "category": "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE", "source_type": "SOURCE_VOLUNTARY",
            "category_specification": #"["KEYWORD_MISINFORMATION","KEYWORD_OTHER"]"#, "created_at": "2024-03-14 00:00:07",
            "application_date": "2024-03-13 00:00:00",
        ]))
        let facts = Dictionary(uniqueKeysWithValues: mapped.request.facts.map { ($0.path, $0.value) })
        #expect(facts["content.tdb_category"] == .string("STATEMENT_CATEGORY_OTHER_VIOLATION_TC"))
        #expect(facts["content.tdb_keywords"] == .list(["KEYWORD_MISINFORMATION_DISINFORMATION", "KEYWORD_OTHER"]))
        #expect(facts["submitted_at"] == .string("2024-03-14T00:00:07Z"))
        // Own-initiative decisions have no proposed-action kind: left missing, not guessed.
        #expect(facts["action.kind"] == nil)
        #expect(facts["legal_basis.instrument"] == nil)
        #expect(facts["content.category"] == nil, "no keyword names a category of the pack")
        #expect(mapped.date == CalendarDay("2024-03-13"))
        #expect(mapped.id == "u1")
    }

    @Test func firstMappedListElementFillsASingleFact() throws {
        let mapped = try Self.mapper().map(Self.row([
            "uuid": "u2", "category": "STATEMENT_CATEGORY_PROTECTION_OF_MINORS", "source_type": "SOURCE_ARTICLE_16",
            "category_specification": #"["KEYWORD_OTHER","KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS"]"#,
        ]))
        let facts = Dictionary(uniqueKeysWithValues: mapped.request.facts.map { ($0.path, $0.value) })
        #expect(facts["content.category"] == .string("grooming_communication"))
        #expect(facts["action.kind"] == .string("dsa_art16_notice"))
        #expect(facts["legal_basis.instrument"] == .string("dsa_art16_notice_only"))
    }

    @Test func unreadableCellsAreRejectedNotGuessed() throws {
        let mapped = try Self.mapper().map(Self.row([
            "uuid": "u3", "category": "STATEMENT_CATEGORY_SCAMS_AND_FRAUD", "source_type": "SOURCE_VOLUNTARY",
            "content_type": "[CONTENT_TYPE_IMAGE", "created_at": "14/03/2024", "territorial_scope": "[]",
        ]))
        #expect(mapped.rejected.sorted() == ["content.content_type", "submitted_at"])
        let facts = Dictionary(uniqueKeysWithValues: mapped.request.facts.map { ($0.path, $0.value) })
        #expect(facts["action.territorial_scope"] == .list([]), "an empty array is a value: no territory")
        #expect(facts["content.content_type"] == nil)
    }

    @Test func datesWithTrailingTextAreRejectedNotCut() throws {
        let mapped = try Self.mapper().map(Self.row([
            "uuid": "u4", "category": "STATEMENT_CATEGORY_SCAMS_AND_FRAUD", "source_type": "SOURCE_VOLUNTARY",
            "created_at": "2024-03-14 00:00:07junk", "application_date": "2024-03-13 junk",
        ]))
        #expect(mapped.date == nil, "not cut to its first ten characters")
        #expect(mapped.rejected.sorted() == ["record.date", "submitted_at"])
        let good = try Self.mapper().map(Self.row(["uuid": "u5", "application_date": "2024-03-13 10:00:00", "created_at": "2024-03-14T00:00:07+01:00"]))
        #expect(good.date == CalendarDay("2024-03-13"))
        #expect(good.rejected.isEmpty)
        let facts = Dictionary(uniqueKeysWithValues: good.request.facts.map { ($0.path, $0.value) })
        #expect(facts["submitted_at"] == .string("2024-03-14T00:00:07+01:00"))
    }

    @Test func requestJSONNestsTheDottedPaths() {
        var request = MappedRequest()
        request.set("content.tdb_keywords", .list(["A", "B\"C"]))
        request.set("id", .string("x"))
        request.set("content.category", .string("other"))
        request.set("process.approvers", .integer(2))
        request.set("target.shared_ip", .bool(true))
        #expect(String(decoding: request.json(), as: UTF8.self)
            == #"{"content":{"category":"other","tdb_keywords":["A","B\"C"]},"id":"x","process":{"approvers":2},"target":{"shared_ip":true}}"#)
        #expect(request.remove(issuePath: "$.content.tdb_keywords[1]") == "content.tdb_keywords")
        #expect(request.remove(issuePath: "$.target.shared_ip") == "target.shared_ip")
        #expect(request.remove(issuePath: "$.nowhere") == nil)
        #expect(String(decoding: request.json(), as: UTF8.self) == #"{"content":{"category":"other","tdb_keywords":["A"]},"id":"x","process":{"approvers":2}}"#)
    }

    @Test(arguments: [
        ("2024-03-14 00:00:07", "2024-03-14T00:00:07Z" as String?),
        ("2024-03-14T00:00:07Z", "2024-03-14T00:00:07Z"),
        ("2024-03-14T00:00:07.250Z", "2024-03-14T00:00:07.250Z"),
        ("2024-03-14", nil),
        ("2024-13-14 00:00:07", nil),
        ("2024-03-14 0:00:07x", nil),
    ])
    func dumpTimestampsBecomeRFC3339(text: String, expected: String?) {
        #expect(SoRRowMapper.rfc3339(text) == expected)
    }

    @Test func theShippedMappingFitsTheShippedSchema() throws {
        let policies = ReplayFixtures.repository.appendingPathComponent("policies").path
        let report = BundleLoader.report(directory: policies)
        guard let bundle = report.bundle else {
            Issue.record("the shipped policy pack does not load: \(report.diagnostics.filter(\.isError).prefix(3).map(\.description))")
            return
        }
        do {
            let mapping = try SoRMapping.load(path: SoRMapping.defaultPath(bundleDirectory: policies), bundle: bundle)
            #expect(mapping.historicalOutcome == .acted)
            #expect(mapping.targets["target.level"] == nil, "a statement of reasons has no target level")
        } catch {
            Issue.record("policies/replay/dsa-sor.yaml: \(error.diagnostics.map(\.description).joined(separator: "\n"))")
        }
    }
}
