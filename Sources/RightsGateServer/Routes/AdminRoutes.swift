import Hummingbird

/// The admin's route: `POST /v1/policy/reload`.
struct AdminRoutes: Sendable {
    let reloader: PolicyReloader

    func register(on group: RouterGroup<GateRequestContext>) {
        group.post("policy/reload", use: reload)
    }

    /// Loads the bundle anew: 200 with the new policy, or 422 with its diagnostics (the old one keeps serving).
    @Sendable func reload(_ request: Request, context: GateRequestContext) async throws -> Response {
        switch await reloader.reload(trigger: "http") {
        case .swapped(let current, let previous):
            let body = ReloadV1(policy: PolicyV1(current), previousDigest: previous.digest,
                                warnings: current.warnings.map(DiagnosticV1.init))
            return GateResponse.json { body.write(to: &$0) }
        case .rejected(let error):
            throw GateError.policyInvalid(error)
        }
    }
}
