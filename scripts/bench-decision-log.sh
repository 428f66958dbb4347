#!/usr/bin/env bash
# Measures durable appends per second into the decision log with N concurrent writers.
#
#   scripts/bench-decision-log.sh [WRITERS] [APPENDS_PER_WRITER] [DIRECTORY]
#
# Not a test: the figure depends on the disk's fsync latency. It builds a throwaway package in a
# temporary folder that links Sources/DecisionLog (release mode), so the project's Package.swift
# stays free of benchmark targets. The database goes in DIRECTORY (default: a temporary folder on
# the same disk as /tmp) and is deleted afterwards.
set -euo pipefail

writers=${1:-8}
per_writer=${2:-5000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORKDIR:-$root/.build-bench}
if [ $# -ge 3 ]; then data_dir=$3; else data_dir=$(mktemp -d); trap 'rm -rf "$data_dir"' EXIT; fi

mkdir -p "$work/Sources/bench"
ln -sfn "$root/Sources/DecisionLog" "$work/Sources/DecisionLog"
cat > "$work/Package.swift" <<'SWIFT'
// swift-tools-version:6.2
import PackageDescription
let package = Package(
    name: "DecisionLogBench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .target(name: "DecisionLog", dependencies: [
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("InternalImportsByDefault")]),
        .executableTarget(name: "bench", dependencies: ["DecisionLog", .product(name: "Logging", package: "swift-log")]),
    ]
)
SWIFT
cat > "$work/Sources/bench/main.swift" <<'SWIFT'
import DecisionLog
import Foundation
import Logging
import Synchronization

/// Counts group commits from the store's debug events, to report the mean group size.
struct GroupCounter: LogHandler {
    static let totals = Mutex<(groups: Int, records: Int)>((0, 0))
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        guard event.message == "decision log group committed",
              let records = event.metadata?["log.records"].flatMap({ Int("\($0)") }) else { return }
        Self.totals.withLock { $0.groups += 1; $0.records += records }
    }
}

let arguments = CommandLine.arguments
let (writers, perWriter, directory) = (Int(arguments[1])!, Int(arguments[2])!, arguments[3])
let path = "\(directory)/bench-\(UUID().uuidString).sqlite"
let store = try SQLiteDecisionStore(path: path, logger: Logger(label: "bench") { _ in GroupCounter() })
let reasons = String(repeating: #"{"check":"ban.x","explanation":"lorem ipsum dolor sit amet"},"#, count: 10)
let decision = Data(#"{"decision_id":"x","outcome":"deny","reasons":[\#(reasons){}]}"#.utf8)
let request = Data(#"{"id":"r","content":"\#(String(repeating: "x", count: 800))"}"#.utf8)

let start = ContinuousClock.now
try await withThrowingTaskGroup(of: Void.self) { group in
    for writer in 0..<writers {
        group.addTask {
            for index in 0..<perWriter {
                _ = try await store.append(LogEntry(
                    decisionID: "d-\(writer)-\(index)", requestID: "r-\(writer)-\(index)", outcome: "deny",
                    failedChecks: ["ban.x", "ban.y"], bundleDigest: "sha256:" + String(repeating: "ab", count: 32),
                    evaluatedAt: Date(), decisionJSON: decision, requestJSON: request))
            }
        }
    }
    try await group.waitForAll()
}
let elapsed = ContinuousClock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let total = writers * perWriter
let (groups, records) = GroupCounter.totals.withLock { $0 }
print("writers=\(writers) appends=\(total) seconds=\(String(format: "%.2f", seconds)) "
    + "appends/s=\(Int(Double(total) / seconds)) transactions=\(groups) "
    + "mean_group=\(String(format: "%.1f", Double(records) / Double(max(groups, 1)))) "
    + "bytes/record=\(decision.count + request.count)")
let verifyStart = ContinuousClock.now
let report = try await store.verify()
print("verify: ok=\(report.isOK) records=\(report.recordCount) in \(ContinuousClock.now - verifyStart)")
for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
SWIFT

swift build -c release --package-path "$work" --product bench >&2
"$work/.build/release/bench" "$writers" "$per_writer" "$data_dir"
