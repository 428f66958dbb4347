/// Records as read from one input, before interpretation: the unit handed to the workers.
///
/// Reading is sequential (a file has one read position); interpreting, mapping and evaluating the records
/// of a batch is what the workers share out. A line-based batch keeps all its lines in one buffer.
struct RawBatch: Sendable {
    enum Payload: Sendable {
        /// A line of `buffer`, without its terminator.
        case line(Range<Int>)
        /// The fields of a CSV row.
        case row([String])
        /// Something that could not be read as a record at all (an over-long line, a CSV row with the wrong
        /// number of fields): still a record, counted and listed.
        case unreadable(code: String, message: String)
    }

    struct Item: Sendable {
        /// 1-based line where the record starts.
        let line: Int
        let payload: Payload
        /// 0-based position of the record among all records of the run (across inputs); set by the engine.
        var ordinal = 0
    }

    var buffer: [UInt8] = []
    var items: [Item] = []
    /// Input bytes this batch covers, for progress.
    var byteCount = 0
}

/// Where batches come from: a line reader or a CSV reader over one input.
protocol RecordSource {
    mutating func nextBatch() throws(ReplayError) -> RawBatch?
}
