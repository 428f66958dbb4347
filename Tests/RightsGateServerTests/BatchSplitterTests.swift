@testable import RightsGateServer
import Testing

/// The array splitter finds each item's bytes and position without decoding it.
@Suite struct BatchSplitterTests {
    private func split(_ text: String) throws(BatchSplitter.Failure) -> [(String, Int, Int)] {
        let bytes = Array(text.utf8)
        let items = try bytes.withUnsafeBufferPointer { buffer throws(BatchSplitter.Failure) in try BatchSplitter.split(buffer) }
        return items.map { (String(decoding: bytes[$0.range], as: UTF8.self), $0.line, $0.column) }
    }

    @Test func findsItemsWithTheirPositions() throws {
        let items = try split("[ {\"a\": [1, {\"b\": \"],}\"}]},\n\t\"x\\\"y\" ,\n{} ]\n")
        #expect(items.map(\.0) == ["{\"a\": [1, {\"b\": \"],}\"}]}", "\"x\\\"y\"", "{}"])
        #expect(items.map(\.1) == [1, 2, 3])
        #expect(items.map(\.2) == [3, 2, 1])
    }

    @Test func countsColumnsInUnicodeScalars() throws {
        let items = try split("[\"åäö\", {}]")
        #expect(items.map(\.2) == [2, 9])
    }

    @Test(arguments: [
        ("", "the batch must be a JSON array of requests"),
        ("{}", "the batch must be a JSON array of requests"),
        ("[", "item 0 is empty"),
        ("[1,]", "item 1 is empty"),
        ("[1", "the array is not closed with `]`"),
        ("[1 }", "expected `,` or `]` after item 0"),
        ("[\"a]", "a string is not closed"),
        ("[1] 2", "unexpected text after the array"),
    ])
    func reportsWhatIsWrong(_ input: String, _ message: String) {
        #expect(throws: BatchSplitter.Failure.self) { try split(input) }
        do { _ = try split(input) } catch { #expect(error.message == message, "\(input)") }
    }

    @Test func anEmptyArrayHasNoItems() throws {
        #expect(try split(" [\n] ").isEmpty)
    }
}
