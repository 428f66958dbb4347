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

    @Test func insecureModeOnlyOnLoopback() throws {
        #expect(throws: GateConfigurationError.self) {
            try make { $0.tokens = nil; $0.insecureNoAuth = true; $0.host = "0.0.0.0" }
        }
        _ = try make { $0.tokens = nil; $0.insecureNoAuth = true; $0.host = "127.0.0.1" }
        _ = try make { $0.tokens = nil; $0.insecureNoAuth = true; $0.host = "::1" }
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
