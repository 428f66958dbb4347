import DecisionLog
import Hummingbird

/// The reviewer's routes: `GET /v1/decisions/{id}`, `GET /v1/decisions`, `GET /v1/policy`.
struct ReviewRoutes: Sendable {
    let store: any DecisionStore
    let policy: PolicyHolder

    func register(on group: RouterGroup<GateRequestContext>) {
        group.get("decisions/:id", use: decision)
        group.get("decisions", use: decisions)
        group.get("policy", use: currentPolicy)
    }

    /// The logged decision JSON, byte for byte as it was answered.
    @Sendable func decision(_ request: Request, context: GateRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let record: LogRecord?
        do {
            record = try await store.record(decisionID: id)
        } catch {
            throw GateError.logReadFailed
        }
        guard let record else { throw GateError.decisionNotFound(id) }
        return GateResponse.json(String(decoding: record.entry.decisionJSON, as: UTF8.self), headers: [
            .rightsGateDecisionID: record.entry.decisionID,
            .rightsGateOutcome: record.entry.outcome,
            .rightsGateLogSequence: String(record.sequence),
            .rightsGateLogHash: record.hash,
        ])
    }

    /// A page of logged decisions, filtered by `since`, `outcome` and `check`.
    @Sendable func decisions(_ request: Request, context: GateRequestContext) async throws -> Response {
        let query = try RequestOptions.logQuery(request)
        let page: LogPage
        do {
            page = try await store.records(matching: query)
        } catch {
            throw GateError.logReadFailed
        }
        return GateResponse.json { DecisionPageV1(page: page).write(to: &$0) }
    }

    @Sendable func currentPolicy(_ request: Request, context: GateRequestContext) async throws -> Response {
        let policy = PolicyV1(self.policy.bundle)
        return GateResponse.json { policy.write(to: &$0) }
    }
}
