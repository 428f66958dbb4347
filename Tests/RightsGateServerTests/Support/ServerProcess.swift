import Foundation
import Synchronization

/// `rightsgate serve` running as a child process on a free loopback port.
final class ServerProcess: Sendable {
    let process: Process
    let port: Int
    /// Where the server's standard error (its log) goes, for failure messages.
    let stderrPath: URL

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private init(process: Process, port: Int, stderrPath: URL) {
        self.process = process
        self.port = port
        self.stderrPath = stderrPath
    }

    /// Starts the server with `arguments` (after `serve --host 127.0.0.1 --port 0`) and waits until it
    /// prints the port it listens on.
    static func start(_ arguments: [String], in directory: URL) async throws -> ServerProcess {
        let process = Process()
        process.executableURL = Executable.url
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0"] + arguments
        process.currentDirectoryURL = directory
        let stdout = Pipe()
        let stderrPath = directory.appendingPathComponent("server-\(UUID().uuidString.prefix(8)).stderr")
        guard FileManager.default.createFile(atPath: stderrPath.path, contents: nil) else {
            throw StartFailure(description: "cannot create \(stderrPath.path)")
        }
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderrPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()

        // Read standard output on a thread until the "listening on" line, then keep draining it.
        let found = Port()
        let reader = stdout.fileHandleForReading
        Thread.detachNewThread {
            var text = ""
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
                if let range = text.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                    found.set(Int(text[range].split(separator: ":").last ?? ""))
                }
            }
        }
        let deadline = ContinuousClock.now + .seconds(60)
        while found.value == nil, process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        guard let port = found.value else {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            let log = (try? String(contentsOf: stderrPath, encoding: .utf8)) ?? ""
            throw StartFailure(description: "rightsgate serve did not start (status \(process.terminationStatus)):\n\(log)")
        }
        return ServerProcess(process: process, port: port, stderrPath: stderrPath)
    }

    /// The port, once the reader thread has seen it.
    private final class Port: Sendable {
        private let state = Mutex<Int?>(nil)
        func set(_ port: Int?) { state.withLock { if $0 == nil { $0 = port } } }
        var value: Int? { state.withLock { $0 } }
    }

    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    var log: String { (try? String(contentsOf: stderrPath, encoding: .utf8)) ?? "" }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to exit, up to `timeout`; returns its status, or nil if it is still running.
    func waitForExit(timeout: Duration = .seconds(30)) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Ends the process if a test left it running.
    func stop() async {
        if process.isRunning {
            signal(SIGKILL)
            _ = await waitForExit()
        }
    }
}
