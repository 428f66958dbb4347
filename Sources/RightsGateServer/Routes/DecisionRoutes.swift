import Hummingbird
import Logging

/// The gate's routes (role `gate`): `POST /v1/decisions`, `POST /v1/decisions/batch`, `POST /v1/evaluate`.
struct DecisionRoutes: Sendable {
    let gate: DecisionGate
    let limits: GateLimits

    func register(on group: RouterGroup<GateRequestContext>) {
        group.post("decisions", use: decide)
        group.post("decisions/batch", use: decideBatch)
        group.post("evaluate", use: dryRun)
    }

    /// Decides one request; answers 200 only once the decision is in the log.
    @Sendable func decide(_ request: Request, context: GateRequestContext) async throws -> Response {
        let deadline = ContinuousClock.now + limits.requestTimeout
        let language = try RequestOptions.language(request, bundle: gate.policy.bundle)
        let gate = gate, logger = context.logger, limit = limits.maxBodyBytes
        let logged = try await Deadline.run(until: deadline) {
            let body = try await BodyReader.read(request, limit: limit)
            return try await gate.decide(body, language: language, logger: logger)
        }
        logger.debug("decision logged", metadata: [
            "decision.id": "\(logged.record.entry.decisionID)", "decision.outcome": "\(logged.record.entry.outcome)",
            "log.sequence": "\(logged.record.sequence)",
        ])
        return GateResponse.decision(logged.evaluated, record: logged)
    }

    /// Decides up to ``GateLimits/maxBatchItems`` requests, logged together in one transaction.
    @Sendable func decideBatch(_ request: Request, context: GateRequestContext) async throws -> Response {
        let deadline = ContinuousClock.now + limits.requestTimeout
        let language = try RequestOptions.language(request, bundle: gate.policy.bundle)
        let gate = gate, logger = context.logger, limit = limits.maxBatchBodyBytes, maximum = limits.maxBatchItems
        let items = try await Deadline.run(until: deadline) {
            let body = try await BodyReader.read(request, limit: limit)
            return try await gate.decideBatch(body, language: language, maximumItems: maximum, logger: logger)
        }
        logger.debug("batch logged", metadata: ["batch.items": "\(items.count)"])
        return GateResponse.json { BatchResultV1(items: items).write(to: &$0) }
    }

    /// Evaluates without logging: the answer says `RightsGate-Dry-Run: true` and permits nothing.
    @Sendable func dryRun(_ request: Request, context: GateRequestContext) async throws -> Response {
        let deadline = ContinuousClock.now + limits.requestTimeout
        let language = try RequestOptions.language(request, bundle: gate.policy.bundle)
        let gate = gate, limit = limits.maxBodyBytes
        let evaluated = try await Deadline.run(until: deadline) {
            try gate.dryRun(try await BodyReader.read(request, limit: limit), language: language)
        }
        return GateResponse.decision(evaluated, record: nil)
    }
}
