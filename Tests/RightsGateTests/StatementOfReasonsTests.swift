import Foundation
import Testing
@testable import RightsGate

/// The statement of reasons is built from request facts a client controls, so every value must be checked,
/// never trusted: a huge or negative duration and a malformed EAN-13 are violations, not crashes or lies.
@Suite("Statement of reasons")
struct StatementOfReasonsTests {
    static let pack: PolicyBundle = {
        do { return try BundleLoader.load(directory: Fixtures.repository.appendingPathComponent("policies").path) } catch {
            fatalError("policies: \(error)")
        }
    }()

    /// The allowed Art. 16 notice fixture with `duration_days` and `content_id_ean13` replaced.
    func statement(durationDays: String, ean: String = "null") throws -> StatementOfReasons {
        let path = Fixtures.repository.appendingPathComponent("fixtures/actions/art16-notice-csam-image-host-complete.json")
        var text = try String(contentsOf: path, encoding: .utf8)
        text = text.replacing(#""duration_days": null"#, with: #""duration_days": \#(durationDays)"#)
        text = text.replacing(#""content_id_ean13": null"#, with: #""content_id_ean13": \#(ean)"#)
        let facts = try Fixtures.facts(text, bundle: Self.pack)
        let evaluation = Self.pack.evaluate(facts, asOf: CalendarDay("2026-11-30")!)
        #expect(evaluation.outcome == .allow)
        return StatementOfReasons(decision: Decision(evaluation: evaluation, id: "d", evaluatedAt: Date(timeIntervalSince1970: 0)))
    }

    func endDate(_ statement: StatementOfReasons) -> String? {
        statement.fields.first { $0.name == "end_date_visibility_restriction" }?.json
    }

    @Test("a duration is added to the as-of date with its sign")
    func duration() throws {
        #expect(endDate(try statement(durationDays: "30")) == #""2026-12-30""#)
        let negative = try statement(durationDays: "-30")
        #expect(endDate(negative) == #""2026-10-31""#)
        #expect(negative.violations.contains { $0.field == "end_date_visibility_restriction" })
    }

    @Test("a duration past the year 9999 is a violation, not a crash", arguments: ["9223372036854775807", "-9223372036854775808", "3000000"])
    func hugeDuration(_ days: String) throws {
        let statement = try statement(durationDays: days)
        #expect(endDate(statement) == nil)
        #expect(statement.violations.contains { $0.field == "end_date_visibility_restriction" && $0.message.contains("outside the years 1 to 9999") })
        #expect(statement.json().contains(#""valid":false"#))
    }

    @Test("an EAN-13 needs 13 ASCII digits and a matching check digit")
    func ean13() throws {
        #expect(StatementOfReasons.ean13Problem("4006381333931") == nil)
        #expect(StatementOfReasons.ean13Problem("4006381333932") == "EAN-13 check digit does not match")
        #expect(StatementOfReasons.ean13Problem("½½½½½½½½½½½½½") == "EAN-13 must be 13 digits (0-9)")
        #expect(StatementOfReasons.ean13Problem("٤٠٠٦٣٨١٣٣٣٩٣١") == "EAN-13 must be 13 digits (0-9)")
        #expect(StatementOfReasons.ean13Problem("400638133393") == "EAN-13 must be 13 digits (0-9)")
        let valid = try statement(durationDays: "30", ean: #""4006381333931""#)
        #expect(valid.fields.contains { $0.name == "content_id" && $0.json == #"{"EAN-13":"4006381333931"}"# })
        let wrong = try statement(durationDays: "30", ean: #""½½½½½½½½½½½½½""#)
        #expect(!wrong.fields.contains { $0.name == "content_id" })
        #expect(wrong.violations.contains { $0.field == "content_id" })
    }
}
