import Foundation
import Logging
import RightsGate

/// Loads the policy directory anew and swaps the serving bundle, one reload at a time.
///
/// A bundle with errors is rejected with its diagnostics and the serving bundle stays; the admin route
/// (`POST /v1/policy/reload`) and SIGHUP both come here. Loading reads and compiles files, which blocks, so
/// it runs on a Dispatch queue rather than on a thread of the cooperative pool that serves requests.
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

    init(directory: String, holder: PolicyHolder, metrics: GateMetrics, logger: Logger) {
        self.directory = directory
        self.holder = holder
        self.metrics = metrics
        self.logger = logger
    }

    /// Loads the directory and, if it has no errors, makes it the serving bundle.
    func reload(trigger: String) async -> Outcome {
        metrics.reloads.increment()
        let directory = directory
        let result: Result<PolicyBundle, PolicyLoadError> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                do throws(PolicyLoadError) {
                    continuation.resume(returning: .success(try BundleLoader.load(directory: directory)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        switch result {
        case .success(let bundle):
            let previous = holder.replace(with: bundle)
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
