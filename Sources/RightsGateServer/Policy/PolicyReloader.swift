import Foundation
import Logging
import RightsGate

/// Loads the policy directory anew and swaps the serving bundle, one reload at a time.
///
/// A bundle with errors is rejected with its diagnostics and the serving bundle stays; the admin route
/// (`POST /v1/policy/reload`) and SIGHUP both come here. Loading reads and compiles files, which blocks, so
/// it runs on a serial Dispatch queue rather than on a thread of the cooperative pool that serves requests.
/// Load and swap run together on that queue: two overlapping reloads install in the order they were asked
/// for, never a slow earlier load over a newer one.
actor PolicyReloader {
    /// What a reload did.
    enum Outcome: Sendable {
        /// The new bundle serves now; `previous` served before.
        case swapped(current: PolicyBundle, previous: PolicyBundle)
        /// The new bundle had errors; the serving bundle is unchanged.
        case rejected(PolicyLoadError)
    }

    let directory: String
    let holder: PolicyHolder
    private let metrics: GateMetrics
    private let logger: Logger
    private let queue = DispatchQueue(label: "rightsgate.policy-reload", qos: .userInitiated)

    init(directory: String, holder: PolicyHolder, metrics: GateMetrics, logger: Logger) {
        self.directory = directory
        self.holder = holder
        self.metrics = metrics
        self.logger = logger
    }

    /// Loads the directory and, if it has no errors, makes it the serving bundle.
    func reload(trigger: String) async -> Outcome {
        metrics.reloads.increment()
        let directory = directory, holder = holder
        let result: Result<(current: PolicyBundle, previous: PolicyBundle), PolicyLoadError> =
            await withCheckedContinuation { continuation in
                queue.async {
                    do throws(PolicyLoadError) {
                        let bundle = try BundleLoader.load(directory: directory)
                        continuation.resume(returning: .success((bundle, holder.replace(with: bundle))))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
            }
        switch result {
        case .success(let (bundle, previous)):
            logger.info("policy reloaded", metadata: [
                "policy.trigger": "\(trigger)", "policy.version": "\(bundle.version)",
                "policy.digest": "\(bundle.digest)", "policy.previous_digest": "\(previous.digest)",
            ])
            return .swapped(current: bundle, previous: previous)
        case .failure(let error):
            metrics.reloadFailures.increment()
            logger.info("policy reload rejected; the previous bundle keeps serving", metadata: [
                "policy.trigger": "\(trigger)", "policy.errors": "\(error.diagnostics.errorCount)",
                "policy.digest": "\(holder.bundle.digest)",
            ])
            return .rejected(error)
        }
    }
}
