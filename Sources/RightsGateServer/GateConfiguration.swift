public import RightsGate

/// How `rightsgate serve` runs: where it listens, who may call it, what it keeps and its limits.
public struct GateConfiguration: Sendable {
    /// The policy bundle directory, loaded at start and on every reload.
    public var policiesDirectory: String
    /// The address to bind; `127.0.0.1` by default, so nothing is exposed until asked for.
    public var host: String
    /// The port; 0 picks a free one (reported through `onListening`).
    public var port: Int
    /// The accepted bearer tokens; nil only together with ``insecureNoAuth``.
    public var tokens: TokenTable?
    /// Serve without any authentication (`--insecure-no-auth`): only on a loopback address, for local use.
    public var insecureNoAuth: Bool
    /// How sensitive facts of the request are stored in the log: `.redact` or `.keyedHash`, never `.none`.
    public var masking: Masking
    /// Fields unknown to the fact schema are errors (400) instead of warnings.
    public var strict: Bool
    public var limits: GateLimits
    /// Close a keep-alive connection after this long without a request.
    public var idleTimeout: Duration

    public init(
        policiesDirectory: String, host: String = "127.0.0.1", port: Int = 8080, tokens: TokenTable? = nil,
        insecureNoAuth: Bool = false, masking: Masking = .redact, strict: Bool = false,
        limits: GateLimits = GateLimits(), idleTimeout: Duration = .seconds(60)
    ) {
        self.policiesDirectory = policiesDirectory
        self.host = host
        self.port = port
        self.tokens = tokens
        self.insecureNoAuth = insecureNoAuth
        self.masking = masking
        self.strict = strict
        self.limits = limits
        self.idleTimeout = idleTimeout
    }

    /// Whether `host` is a loopback address (where `--insecure-no-auth` is allowed): `localhost`, `::1`, or
    /// an IPv4 literal in 127.0.0.0/8. A name that merely starts with `127.` (`127.example.net`) resolves to
    /// whatever its owner wants, so only a literal of four decimal octets counts.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        let values = octets.map { octet -> Int? in
            guard (1...3).contains(octet.count), octet.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
            return Int(octet).flatMap { $0 <= 255 ? $0 : nil }
        }
        return values.allSatisfy { $0 != nil } && values[0] == 127
    }

    /// Refuses configurations that would serve unsafely.
    func validate() throws(GateConfigurationError) {
        if tokens == nil, !insecureNoAuth {
            throw GateConfigurationError("no tokens: pass --tokens FILE, or --insecure-no-auth for local use")
        }
        if tokens != nil, insecureNoAuth {
            throw GateConfigurationError("--tokens and --insecure-no-auth exclude each other")
        }
        if insecureNoAuth, !isLoopback {
            throw GateConfigurationError("--insecure-no-auth is only allowed on a loopback address (127.0.0.1, ::1), not `\(host)`")
        }
        if masking == .none {
            throw GateConfigurationError("the log must mask sensitive facts: use redaction or a keyed hash")
        }
        if limits.maxBodyBytes < 1 || limits.maxBatchBodyBytes < 1 || limits.maxBatchItems < 1 {
            throw GateConfigurationError("body and batch limits must be at least 1")
        }
        if limits.requestTimeout <= .zero {
            throw GateConfigurationError("the request timeout must be positive")
        }
        if !(0...65_535).contains(port) {
            throw GateConfigurationError("the port must be from 0 to 65535")
        }
    }
}

/// A configuration the server refuses to run with.
public struct GateConfigurationError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
