import GRDB

extension SQLiteDecisionStore {
    /// Walks the log in batches of ``walkBatchSize`` rows, each batch its own short read, so memory
    /// stays constant and a long verification never pins an old WAL snapshot (which would stop
    /// checkpoints and grow the WAL file while the gate keeps appending).
    public func verify(
        expectedHead: LogHead?, progress: (@Sendable (Int64) -> Void)?
    ) async throws -> VerificationReport {
        var verifier = ChainVerifier(expectedHead: expectedHead)
        let batchSize = Self.walkBatchSize
        while true {
            let state = verifier
            let (next, rowCount) = try await read { db in
                var verifier = state
                // The first batch starts at the lowest possible sequence: a row inserted by hand at 0 or
                // below must be seen too.
                let (comparison, bound) = state.last.map { (">", $0.sequence) } ?? (">=", Int64.min)
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT \(StoredRow.selectList()) FROM decisions WHERE sequence \(comparison) ?
                    ORDER BY sequence LIMIT ?
                    """, arguments: [bound, batchSize])
                var rowCount = 0
                while let row = try rows.next() {
                    verifier.check(row)
                    rowCount += 1
                }
                return (verifier, rowCount)
            }
            verifier = next
            if rowCount > 0 { progress?(verifier.recordCount) }
            if rowCount < batchSize { break }
        }
        let report = verifier.finish()
        logger.info("decision log verified", metadata: [
            "log.records": "\(report.recordCount)",
            "log.problems": "\(report.problemCount)",
            "log.head": "\(report.head.map { "\($0)" } ?? "none")",
        ])
        return report
    }
}
