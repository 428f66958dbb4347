import DecisionLog
import Foundation

/// What `/readyz` checks: a bundle is serving and the log can take appends.
///
/// The log counts as writable when it can be read, its file and directory are writable (for the SQLite
/// store), and no append failed in the last few seconds (``LogHealth``). A real test write would put a
/// record in the append-only log on every probe, so it is not done.
struct Readiness: Sendable {
    let policy: PolicyHolder
    let store: any DecisionStore
    let health: LogHealth
    /// The SQLite file, when the store is one; nil for other stores.
    let logPath: String?

    func check() async -> ReadinessV1 {
        let bundle = policy.bundle
        let policyCheck = ReadinessV1.Check(name: "policy", ok: true,
                                            detail: "\(bundle.name) \(bundle.version) \(bundle.digest)")
        return ReadinessV1(checks: [policyCheck, await logCheck()])
    }

    private func logCheck() async -> ReadinessV1.Check {
        do {
            _ = try await store.head()
        } catch {
            return .init(name: "log", ok: false, detail: "the decision log cannot be read")
        }
        if let logPath {
            let directory = (logPath as NSString).deletingLastPathComponent
            guard access(logPath, W_OK) == 0, access(directory.isEmpty ? "." : directory, W_OK) == 0 else {
                return .init(name: "log", ok: false, detail: "the decision log file or its directory is not writable")
            }
        }
        if health.recentlyFailed {
            return .init(name: "log", ok: false, detail: "an append to the decision log failed in the last few seconds")
        }
        return .init(name: "log", ok: true, detail: "writable")
    }
}
