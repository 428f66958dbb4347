public import Foundation

extension SQLiteDecisionStore {
    /// Streams pages of ``walkBatchSize`` records through the query path and writes each page as one
    /// chunk, so memory stays constant however many records match.
    public func export(
        matching filter: LogFilter, to write: @Sendable (Data) async throws -> Void
    ) async throws -> Int {
        var query = LogQuery(filter: filter, limit: Self.walkBatchSize)
        var written = 0
        while true {
            let page = try await records(matching: query)
            if !page.items.isEmpty {
                var chunk = [UInt8]()
                for record in page.items { ExportLine.append(record, to: &chunk) }
                // The writer's own error (a closed pipe, a client gone) is the caller's to interpret.
                try await write(Data(chunk))
                written += page.items.count
            }
            guard let cursor = page.nextCursor else { break }
            query.cursor = cursor
        }
        logger.debug("decision log exported", metadata: ["log.records": "\(written)"])
        return written
    }
}
