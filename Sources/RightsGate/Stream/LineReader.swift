#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor in large chunks and hands out batches of complete lines, so a stream of any
/// length is processed in memory bounded by the chunk size (plus the longest line).
public struct LineReader {
    /// A batch of lines sharing one buffer: each line is a byte range, without its terminator.
    public struct Batch {
        public let buffer: [UInt8]
        public let lines: [Range<Int>]
        /// 1-based number of the first line in the batch.
        public let firstLineNumber: Int
    }

    private let descriptor: Int32
    private let chunkSize: Int
    public let maximumLineLength: Int
    private var pending: [UInt8] = []
    private var atEnd = false
    private var nextLineNumber = 1
    /// Lines longer than the limit that were dropped, with their numbers (reported by the caller).
    public private(set) var overlongLines: [Int] = []

    public init(descriptor: Int32, chunkSize: Int = 1 << 20, maximumLineLength: Int = 16 << 20) {
        self.descriptor = descriptor
        self.chunkSize = chunkSize
        self.maximumLineLength = maximumLineLength
    }

    /// Reads until at least one complete line is available (or the input ends). Returns nil at the end.
    public mutating func nextBatch() throws(IOError) -> Batch? {
        while true {
            if let newline = pending.lastIndex(of: 0x0A) {
                let buffer = Array(pending[...newline])
                pending.removeSubrange(...newline)
                return batch(from: buffer, final: false)
            }
            if atEnd {
                guard !pending.isEmpty else { return nil }
                let buffer = pending
                pending = []
                return batch(from: buffer, final: true)
            }
            if pending.count > maximumLineLength {
                // Skip the rest of an over-long line without holding it.
                overlongLines.append(nextLineNumber)
                nextLineNumber += 1
                pending = []
                try skipToNewline()
                continue
            }
            try fill()
        }
    }

    /// Reads everything that remains (for a single, possibly pretty-printed document).
    public mutating func readAll(limit: Int) throws(IOError) -> [UInt8]? {
        while !atEnd {
            if pending.count > limit { return nil }
            try fill()
        }
        defer { pending = [] }
        return pending
    }

    /// Peeks at the start of the input without consuming it.
    public mutating func peek(atLeast count: Int) throws(IOError) -> ArraySlice<UInt8> {
        while pending.count < count && !atEnd { try fill() }
        return pending[...]
    }

    private mutating func fill() throws(IOError) {
        let start = pending.count
        pending.reserveCapacity(start + chunkSize)
        var received = 0
        var failure: Int32 = 0
        pending.append(contentsOf: repeatElement(0, count: chunkSize))
        pending.withUnsafeMutableBufferPointer { buffer in
            while true {
                let n = read(descriptor, buffer.baseAddress! + start, chunkSize)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                received = n
                return
            }
        }
        pending.removeLast(chunkSize - received)
        if failure != 0 { throw IOError(code: failure) }
        if received == 0 { atEnd = true }
    }

    private mutating func skipToNewline() throws(IOError) {
        while !atEnd {
            try fill()
            if let newline = pending.firstIndex(of: 0x0A) {
                pending.removeSubrange(...newline)
                return
            }
            pending = []
        }
    }

    private mutating func batch(from buffer: [UInt8], final: Bool) -> Batch {
        var lines: [Range<Int>] = []
        var start = 0
        for i in buffer.indices where buffer[i] == 0x0A {
            var end = i
            if end > start, buffer[end - 1] == 0x0D { end -= 1 }
            lines.append(start..<end)
            start = i + 1
        }
        if final, start < buffer.count {
            var end = buffer.count
            if buffer[end - 1] == 0x0D { end -= 1 }
            lines.append(start..<end)
        }
        let first = nextLineNumber
        nextLineNumber += lines.count
        return Batch(buffer: buffer, lines: lines, firstLineNumber: first)
    }
}

/// A failed read or write, with the system error.
public struct IOError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public var description: String { String(cString: strerror(code)) }
}

/// Buffers output and writes it to a file descriptor in large blocks.
public struct OutputWriter {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let threshold: Int

    public init(descriptor: Int32, threshold: Int = 1 << 16) {
        self.descriptor = descriptor
        self.threshold = threshold
        buffer.reserveCapacity(threshold * 2)
    }

    public mutating func write(_ text: String) throws(IOError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= threshold { try flush() }
    }

    public mutating func write(bytes: [UInt8]) throws(IOError) {
        if buffer.isEmpty && bytes.count >= threshold {
            buffer = bytes
        } else {
            buffer.append(contentsOf: bytes)
        }
        if buffer.count >= threshold { try flush() }
    }

    public mutating func flush() throws(IOError) {
        var offset = 0
        var failure: Int32 = 0
        buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if failure != 0 { throw IOError(code: failure) }
    }
}
