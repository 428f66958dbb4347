import Foundation
import RightsGate
@testable import RightsGateReplay
import Testing

/// Statement-of-reasons CSV that is broken in one place: the broken row is an invalid record at its own
/// line, every other row is still read at its own line, and memory stays bounded.
@Suite struct CSVInputTests {
    static let header = (try? String(contentsOfFile: ReplayFixtures.input("sor-2024.csv"), encoding: .utf8))
        .map { String($0.split(separator: "\n")[0]) } ?? ""
    static let columns = header.split(separator: ",").map(String.init)

    /// A 37-column row with the given cells (UTF-8 bytes, so that a test can break them).
    static func row(_ values: [String: [UInt8]]) -> [UInt8] {
        Array(columns.map { values[$0] ?? [] }.joined(separator: Array(",".utf8))) + [0x0A]
    }

    static func row(_ uuid: String, created: String = "2024-03-14 00:00:07") -> [UInt8] {
        row(["uuid": Array(uuid.utf8), "category": Array("STATEMENT_CATEGORY_PROTECTION_OF_MINORS".utf8),
             "source_type": Array("SOURCE_ARTICLE_16".utf8), "application_date": Array("2024-03-13 00:00:00".utf8),
             "created_at": Array(created.utf8)])
    }

    static func csv(_ rows: [UInt8]...) -> [UInt8] { Array((header + "\n").utf8) + rows.flatMap { $0 } }

    @Test func invalidUTF8MakesOneRowInvalidAtItsLineAndShiftsNothing() throws {
        var bad = Self.row("u2", created: "2024-03-14 00:00:07")
        bad.insert(0xFF, at: bad.count - 3)  // in the last column, so a cut-off row would still have every field
        let report = try InputEdgeCaseTests.run(Self.csv(Self.row("u1"), bad, Self.row("u3"), Array("u4,short\n".utf8), Self.row("u5")),
                                                suffix: ".csv")
        #expect(report.totals.records == 5)
        #expect(report.totals.evaluated == 3)
        #expect(InputEdgeCaseTests.listed(report) == ["3 replay.csv-read", "5 replay.csv-field-count"])
        #expect(report.invalidRecords.listed[0].message.contains("line 3, column"))
        #expect(report.mappingGaps.rejectedValues.counts.isEmpty, "nothing from the bad row was evaluated")
    }

    @Test func invalidUTF8OnTheLastByteIsOneInvalidRow() throws {
        var bad = Self.row("u2")
        bad.removeLast()
        let report = try InputEdgeCaseTests.run(Self.csv(Self.row("u1"), bad + [0xC3]), suffix: ".csv")
        #expect(report.totals.records == 2)
        #expect(InputEdgeCaseTests.listed(report) == ["3 replay.csv-read"])
    }

    @Test func aStrayQuoteBreaksOnlyItsRow() throws {
        let stray = Array(#"u2,"STATEMENT_CATEGORY_PROTECTION"_OF_MINORS",rest"#.utf8) + [0x0A]
        let report = try InputEdgeCaseTests.run(Self.csv(Self.row("u1"), stray, Self.row("u3"), Self.row("u4")), suffix: ".csv")
        #expect(report.totals.records == 4)
        #expect(report.totals.evaluated == 3)
        #expect(InputEdgeCaseTests.listed(report) == ["3 replay.csv-quote"])
    }

    @Test func aQuoteNeverClosedBreaksOnlyItsRow() throws {
        let open = Array(#"u2,"STATEMENT_CATEGORY_PROTECTION_OF_MINORS,rest"#.utf8) + [0x0A]
        let report = try InputEdgeCaseTests.run(Self.csv(Self.row("u1"), open, Self.row("u3"), Self.row("u4")), suffix: ".csv")
        #expect(report.totals.records == 4, "every row after the stray quote is still a record")
        #expect(report.totals.evaluated == 3)
        #expect(InputEdgeCaseTests.listed(report) == ["3 replay.csv-quote"])
    }

    @Test func anOpenQuoteIsCutOffAtTheRecordLimitAndReadingResumes() throws {
        // A quote opened on line 2 that no later byte closes: the reader holds at most the limit, then reports it.
        var text = "a,b\n" + #"1,"open"# + "\n"
        for i in 0..<200 { text += "\(i),x\n" }
        let path = try InputEdgeCaseTests.temporaryFile(Array(text.utf8), suffix: ".csv")
        defer { ReplayFixtures.remove(path) }
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var reader = CSVRecordReader(descriptor: descriptor, file: "t.csv", maximumRecordLength: 256, chunkSize: 16)
        var records: [String] = []
        while let record = try reader.next() {
            switch record {
            case let .fields(fields, line, _): records.append("\(line) \(fields.count)")
            case let .problem(line, code, _): records.append("\(line) \(code)")
            }
        }
        #expect(records.first == "1 2")
        #expect(records[1] == "2 replay.csv-quote")
        #expect(records[2] == "3 2", "reading resumes on the line after the quote")
        #expect(records.last == "202 2")
        #expect(records.count == 202)
    }

    @Test func aRowOverTheLimitIsReportedAndReadingResumes() throws {
        let text = "a,b\n" + "1," + String(repeating: "y", count: 1000) + "\n2,z\n"
        let path = try InputEdgeCaseTests.temporaryFile(Array(text.utf8), suffix: ".csv")
        defer { ReplayFixtures.remove(path) }
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var reader = CSVRecordReader(descriptor: descriptor, file: "t.csv", maximumRecordLength: 256, chunkSize: 64)
        var records: [String] = []
        while let record = try reader.next() {
            switch record {
            case let .fields(fields, line, _): records.append("\(line) \(fields.joined(separator: "|"))")
            case let .problem(line, code, _): records.append("\(line) \(code)")
            }
        }
        #expect(records == ["1 a|b", "2 replay.csv-row-too-long", "3 2|z"])
    }

    @Test func quotedLineBreaksAndCRLFKeepLineNumbers() throws {
        let text = "a,b\r\n1,\"x\r\ny\"\r\n2,\"\"\"q\"\"\"\r\n3,z"
        let path = try InputEdgeCaseTests.temporaryFile(Array(text.utf8), suffix: ".csv")
        defer { ReplayFixtures.remove(path) }
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var reader = CSVRecordReader(descriptor: descriptor, file: "t.csv", chunkSize: 3)
        var records: [String] = []
        while case let .fields(fields, line, _)? = try reader.next() { records.append("\(line) \(fields.joined(separator: "|"))") }
        #expect(records == ["1 a|b", "2 1|x\r\ny", "4 2|\"q\"", "5 3|z"])
    }

    // MARK: M2: a CSV input that cannot be opened

    @Test(arguments: [("no-such-file.csv", nil), ("no-such-file.txt", InputFormat.dsaSOR)] as [(String, InputFormat?)])
    func aMissingCSVCannotBeRead(path: String, format: InputFormat?) throws {
        do {
            _ = try ReplayEngine(configuration: ReplayFixtures.configuration()).run([ReplayInput(path: path, format: format)])
            Issue.record("a missing input was read")
        } catch {
            #expect(!error.isInvalidInput, "cannot be read (64), not invalid content (65)")
            #expect(error.description.hasPrefix("cannot read `\(path)`"))
        }
    }

    @Test func aDirectoryNamedLikeACSVCannotBeRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rg-replay-\(UUID().uuidString).csv")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { ReplayFixtures.remove(directory.path) }
        do {
            _ = try ReplayEngine(configuration: ReplayFixtures.configuration()).run([ReplayInput(path: directory.path)])
            Issue.record("a directory was read")
        } catch {
            #expect(!error.isInvalidInput)
            #expect(error.description.contains("is a directory"))
        }
    }

    // MARK: M4: mapping columns against the header

    @Test func aMappingColumnTheHeaderLacksIsALocatedError() throws {
        let mapping = try SoRMapping.load(path: ReplayFixtures.path("bundle/replay/dsa-sor.yaml"), bundle: ReplayFixtures.bundle)
        var header = MappingTests.header2024
        header[header.firstIndex(of: "territorial_scope")!] = "territorial_scop"
        do {
            _ = try SoRRowMapper(mapping: mapping, header: header, file: "typo.csv")
            Issue.record("a column the header lacks was accepted")
        } catch {
            #expect(error.isInvalidInput)
            let diagnostics = try #require(error.mappingError).diagnostics
            #expect(diagnostics.map(\.code.rawValue) == ["replay.mapping-unknown-column"])
            #expect(diagnostics.first?.message == "`typo.csv` has no column `territorial_scope`")
            #expect(diagnostics.first?.help?.contains("did you mean `territorial_scop`?") == true)
        }
    }

    @Test func aMisspeltRecordDateIsAnErrorNotEveryRecordUndated() throws {
        let original = try String(contentsOfFile: ReplayFixtures.path("bundle/replay/dsa-sor.yaml"), encoding: .utf8)
        let typo = original.replacingOccurrences(of: "date: application_date", with: "date: aplication_date")
        #expect(typo != original)
        let path = try ReplayFixtures.temporaryFile(typo, suffix: ".yaml")
        defer { ReplayFixtures.remove(path) }
        do {
            _ = try ReplayFixtures.run(["sor-2024.csv"]) { $0.mappingPath = path }
            Issue.record("the misspelt date column was accepted")
        } catch {
            #expect(error.mappingError?.diagnostics.first?.message.contains("no column `aplication_date`") == true)
        }
    }

    @Test func anOptionalColumnAFileLacksIsReportedAsAbsent() throws {
        // L6: a fact read from an optional column the header does not have is "not in the file's header".
        let original = try String(contentsOfFile: ReplayFixtures.path("bundle/replay/dsa-sor.yaml"), encoding: .utf8)
        let mapping = original
            .replacingOccurrences(of: "automation.decision: {column: automated_decision}", with: "automation.decision: {column: content_id_ean}")
            .replacingOccurrences(of: "required_columns: [uuid, category, source_type]",
                                  with: "required_columns: [uuid, category, source_type]\n  optional_columns: [content_id_ean]")
        #expect(mapping.contains("optional_columns"))
        let path = try ReplayFixtures.temporaryFile(mapping, suffix: ".yaml")
        defer { ReplayFixtures.remove(path) }
        let report = try ReplayFixtures.run(["sor-2024.csv"]) { $0.mappingPath = path }
        #expect(report.mappingGaps.columnAbsent.counts == ["automation.decision": 3])
        #expect(UnfilledReason.describe(fact: "automation.decision", unfilled: 3, report: report) == "column content_id_ean: not in the file's header")
        #expect(TerminalSummary.render(report).contains("(column content_id_ean: not in the file's header)"))
    }
}
