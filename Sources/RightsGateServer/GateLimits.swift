/// Bounds on what one request may cost; past any of them the request fails and nothing is decided.
public struct GateLimits: Sendable, Hashable {
    /// Largest body of `POST /v1/decisions` and `POST /v1/evaluate`, in bytes (default 1 MiB).
    public var maxBodyBytes: Int
    /// Largest body of `POST /v1/decisions/batch`, in bytes (default 16 MiB).
    public var maxBatchBodyBytes: Int
    /// Most items in one batch (default 1000).
    public var maxBatchItems: Int
    /// Time from the start of a request until its answer must be ready, body reading included (default 10 s).
    public var requestTimeout: Duration

    public init(
        maxBodyBytes: Int = 1 << 20, maxBatchBodyBytes: Int = 16 << 20, maxBatchItems: Int = 1000,
        requestTimeout: Duration = .seconds(10)
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxBatchBodyBytes = maxBatchBodyBytes
        self.maxBatchItems = maxBatchItems
        self.requestTimeout = requestTimeout
    }
}
