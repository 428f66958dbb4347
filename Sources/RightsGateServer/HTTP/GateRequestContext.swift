public import Hummingbird

/// The per-request context: Hummingbird's core storage plus the authenticated caller.
public struct GateRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``RequireRole`` once the token is checked; nil on the open routes.
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        principal = nil
    }
}
