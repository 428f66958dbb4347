import RightsGate
import RightsGateServer
import Testing

/// Configurations that would serve unsafely are refused before anything listens.
@Suite struct ConfigurationTests {
    private func make(_ change: (inout GateConfiguration) -> Void) throws -> GateService {
        var configuration = GateConfiguration(policiesDirectory: Fixtures.miniBundle, tokens: try Tokens.table())
        change(&configuration)
        let store = NullStore()
        return try GateService(configuration: configuration, bundle: try Fixtures.loadMini(), store: store, logger: .silent)
    }

    @Test func noTokensAndNoInsecureFlagIsRefused() throws {
        #expect(throws: GateConfigurationError.self) { try make { $0.tokens = nil } }
    }

    @Test("--insecure-no-auth only on a loopback literal", arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("::1", true), ("localhost", true),
        ("0.0.0.0", false), ("10.0.0.5", false), ("::", false),
        // Names that only look like loopback resolve wherever their owner points them.
        ("127.app.10-0-0-5.nip.io", false), ("127.invalid", false), ("127.0.0.1.example.net", false),
        ("127.0.0.256", false), ("127.0.0", false), ("127.0.0.-1", false),
    ])
    func insecureModeOnlyOnLoopback(host: String, allowed: Bool) throws {
        if allowed {
            _ = try make { $0.tokens = nil; $0.insecureNoAuth = true; $0.host = host }
        } else {
            #expect(throws: GateConfigurationError.self) {
                try make { $0.tokens = nil; $0.insecureNoAuth = true; $0.host = host }
            }
        }
    }

    @Test func tokensAndInsecureExcludeEachOther() throws {
        #expect(throws: GateConfigurationError.self) { try make { $0.insecureNoAuth = true } }
    }

    @Test func theLogMustMaskSensitiveFacts() throws {
        #expect(throws: GateConfigurationError.self) { try make { $0.masking = .none } }
    }

    @Test func limitsMustBePositive() throws {
        #expect(throws: GateConfigurationError.self) { try make { $0.limits.maxBodyBytes = 0 } }
        #expect(throws: GateConfigurationError.self) { try make { $0.limits.maxBatchItems = 0 } }
        #expect(throws: GateConfigurationError.self) { try make { $0.limits.requestTimeout = .zero } }
    }
}
