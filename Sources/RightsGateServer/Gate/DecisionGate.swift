import DecisionLog
import Foundation
import Logging
import NIOCore
import RightsGate

/// The gate's work for each route, independent of HTTP: decode, evaluate, render, log.
///
/// The order is the contract: a decision is returned only after its log append has returned, i.e. after
/// it is durable. If the append fails the decision is dropped and ``GateError/logUnavailable`` is thrown,
/// so no error path can carry a decision.
struct DecisionGate: Sendable {
    let policy: PolicyHolder
    let store: any DecisionStore
    let masking: Masking
    let strict: Bool
    let metrics: GateMetrics
    let health: LogHealth

    /// A decision that is in the log.
    struct Logged: Sendable {
        let evaluated: EvaluatedRequest
        let record: LogRecord
    }

    /// One item of a batch: its decision, or the error that stands in its place.
    enum BatchItem: Sendable {
        case decided(Logged)
        case invalid(ErrorV1)
    }

    /// A batch item after evaluation, before logging.
    private enum ItemEvaluation {
        case evaluated(EvaluatedRequest)
        case invalid(ErrorV1)
    }

    /// `POST /v1/decisions`: evaluates one request and logs it durably.
    func decide(_ body: ByteBuffer, language: String, logger: Logger) async throws -> Logged {
        let evaluated = try evaluate(body, bundle: policy.bundle, language: language)
        try Self.stopIfTimedOut()
        let records = try await append([evaluated.logEntry(masking: masking)], logger: logger)
        guard let record = records.first else { throw GateError.logUnavailable }
        metrics.recordDecision(outcome: evaluated.decision.outcome, failedChecks: record.entry.failedChecks)
        return Logged(evaluated: evaluated, record: record)
    }

    /// `POST /v1/evaluate`: evaluates one request without logging it.
    func dryRun(_ body: ByteBuffer, language: String) throws -> EvaluatedRequest {
        let evaluated = try evaluate(body, bundle: policy.bundle, language: language)
        metrics.recordDryRun(outcome: evaluated.decision.outcome)
        return evaluated
    }

    /// `POST /v1/decisions/batch`: evaluates every item, then logs all decisions in one append (one
    /// transaction). Invalid items get an error in their place; if the append fails, nothing is answered.
    func decideBatch(_ body: ByteBuffer, language: String, maximumItems: Int, logger: Logger) async throws -> [BatchItem] {
        let bundle = policy.bundle
        let items: [BatchSplitter.Item] = try body.withUnsafeReadableBytes { raw in
            do throws(BatchSplitter.Failure) {
                return try BatchSplitter.split(raw.assumingMemoryBound(to: UInt8.self))
            } catch {
                throw GateError.invalidBatch(error.message, line: error.line, column: error.column)
            }
        }
        guard items.count <= maximumItems else { throw GateError.batchTooLarge(count: items.count, limit: maximumItems) }
        var results: [ItemEvaluation] = []
        results.reserveCapacity(items.count)
        // In slices, yielding between them: a large batch must not hold a cooperative thread for its whole
        // evaluation (the deadline timer and other requests need one), and stops once its deadline passed.
        for slice in stride(from: 0, to: items.count, by: Self.batchSlice) {
            try Self.stopIfTimedOut()
            let start = ContinuousClock.now
            body.withUnsafeReadableBytes { raw in
                let bytes = raw.assumingMemoryBound(to: UInt8.self)
                for index in slice..<min(slice + Self.batchSlice, items.count) {
                    let item = items[index]
                    do throws(RequestError) {
                        results.append(.evaluated(try EvaluatedRequest.evaluate(
                            UnsafeBufferPointer(rebasing: bytes[item.range]), bundle: bundle, language: language, strict: strict)))
                    } catch {
                        let issues = error.issues.map { BatchPosition.relocate($0, index: index, item: item) }
                        results.append(.invalid(GateError.invalidRequest(issues).body))
                    }
                }
            }
            metrics.evaluation.record(duration: start.duration(to: .now))
            await Task.yield()
        }
        try Self.stopIfTimedOut()
        let decided = results.compactMap { result -> EvaluatedRequest? in
            if case .evaluated(let evaluated) = result { evaluated } else { nil }
        }
        let records = try await append(decided.map { $0.logEntry(masking: masking) }, logger: logger)
        guard records.count == decided.count else { throw GateError.logUnavailable }
        var next = zip(decided, records).makeIterator()
        return results.map { result in
            switch result {
            case .invalid(let error):
                return .invalid(error)
            case .evaluated:
                let (evaluated, record) = next.next()!
                metrics.recordDecision(outcome: evaluated.decision.outcome, failedChecks: record.entry.failedChecks)
                return .decided(Logged(evaluated: evaluated, record: record))
            }
        }
    }

    /// Items evaluated between two yields of a batch: about a millisecond of work with the shipped pack.
    static let batchSlice = 16

    /// Once the route's ``Deadline`` has answered `request.timeout`, it cancels this work: nothing more may
    /// be decided or logged for a client that was told not to proceed.
    private static func stopIfTimedOut() throws {
        if Task.isCancelled { throw GateError.timeout }
    }

    private func evaluate(_ body: ByteBuffer, bundle: PolicyBundle, language: String) throws -> EvaluatedRequest {
        let start = ContinuousClock.now
        defer { metrics.evaluation.record(duration: start.duration(to: .now)) }
        let result: Result<EvaluatedRequest, RequestError> = body.withUnsafeReadableBytes { raw in
            do throws(RequestError) {
                return .success(try EvaluatedRequest.evaluate(
                    raw.assumingMemoryBound(to: UInt8.self), bundle: bundle, language: language, strict: strict))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let evaluated): return evaluated
        case .failure(let error): throw GateError.invalidRequest(error.issues.map(DiagnosticV1.init))
        }
    }

    /// Appends durably, timing it; any failure becomes ``GateError/logUnavailable``.
    private func append(_ entries: [LogEntry], logger: Logger) async throws -> [LogRecord] {
        guard !entries.isEmpty else { return [] }
        let start = ContinuousClock.now
        do {
            let records = try await store.append(contentsOf: entries)
            metrics.logAppend.record(duration: start.duration(to: .now))
            health.appendSucceeded()
            return records
        } catch {
            health.appendFailed()
            // A DecisionLogError's description never contains decision or request content; for any
            // other error only its type is logged, since its text is unknown.
            let reason = (error as? DecisionLogError).map { "\($0)" } ?? "\(type(of: error))"
            logger.info("decision withheld: the log append failed", metadata: [
                "log.error": "\(reason)", "log.entries": "\(entries.count)",
            ])
            throw GateError.logUnavailable
        }
    }
}
