import DecisionLog
import Foundation
import Logging
import Synchronization
import Testing

/// Captures log events so tests can check levels and that no content is logged.
final class CapturingLogHandler: LogHandler, Sendable {
    struct Event: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: String
    }

    static let events = Mutex<[String: [Event]]>([:])
    let label: String
    var metadata: Logger.Metadata {
        get { [:] }
        set {}  // swiftlint:disable:this unused_setter_value
    }
    var logLevel: Logger.Level {
        get { .trace }
        set {}  // swiftlint:disable:this unused_setter_value
    }

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}  // swiftlint:disable:this unused_setter_value
    }

    func log(event: LogEvent) {
        let captured = Event(level: event.level, message: "\(event.message)", metadata: "\(event.metadata ?? [:])")
        Self.events.withLock { $0[label, default: []].append(captured) }
    }
}

@Suite("Logging")
struct LoggingTests {
    @Test("the store logs at debug and info only, with data in metadata and no content")
    func levelsAndRedaction() async throws {
        let label = "DecisionLogTests.\(UUID().uuidString)"
        let logger = Logger(label: label) { CapturingLogHandler(label: $0) }
        try await withTemporaryStore(logger: logger) { store, _ in
            _ = try await store.append(contentsOf: (1...3).map { makeEntry($0) })
            _ = try await store.verify()
            _ = try await store.export(matching: LogFilter()) { _ in }
        }
        let events = CapturingLogHandler.events.withLock { $0[label] ?? [] }
        #expect(events.contains { $0.message == "decision log opened" && $0.level == .info })
        #expect(events.contains { $0.message == "decision log group committed" && $0.level == .debug })
        #expect(events.contains { $0.message == "decision log verified" && $0.metadata.contains("log.records") })
        #expect(events.allSatisfy { $0.level <= .info })
        #expect(!events.contains { ($0.message + $0.metadata).contains("secret") })
    }
}
