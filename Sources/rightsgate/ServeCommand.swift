import ArgumentParser
import Foundation
import Logging
import RightsGate
import RightsGateServer

/// `rightsgate serve`: the pre-action gate over HTTP, every decision logged before it is answered.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the gate over HTTP; every decision is logged durably before it is answered.",
        discussion: """
            Routes (docs/openapi.yaml): POST /v1/decisions, POST /v1/decisions/batch, POST /v1/evaluate (dry run, \
            not logged), GET /v1/decisions/{id}, GET /v1/decisions, GET /v1/policy, POST /v1/policy/reload, \
            GET /healthz, GET /readyz, GET /metrics. Callers authenticate with bearer tokens from --tokens \
            (hashes only; see `rightsgate token`). SIGHUP reloads the policy; SIGTERM and SIGINT stop after \
            in-flight requests finish.

            Fail closed: proceed only on a 200 whose outcome is `allow`. Every error response means the gate \
            did not decide (or could not log its decision): do not proceed. See docs/service.md.

            Examples:
              rightsgate token generate --name blocklist-manager --role gate
              rightsgate serve --tokens tokens.yaml --log decisions.sqlite
              rightsgate serve --insecure-no-auth --port 8080    # local use only
              rightsgate serve --tokens tokens.yaml --mask hmac --mask-key-file mask.key
            """)

    @OptionGroup var policyOptions: PolicyOptions

    @Option(help: ArgumentHelp("Address to listen on.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("Port to listen on (0 picks a free one).", valueName: "port"))
    var port = 8080

    @Option(name: .customLong("log"), help: ArgumentHelp("The decision log (SQLite file; created if missing).", valueName: "path"))
    var logPath = "rightsgate-decisions.sqlite"

    @Option(help: ArgumentHelp("Tokens file (YAML or JSON) with hashed bearer tokens and their roles.", valueName: "file"))
    var tokens: String?

    @Flag(name: .customLong("insecure-no-auth"), help: "Accept every request without a token (loopback only, for local use).")
    var insecureNoAuth = false

    @Option(help: ArgumentHelp("How sensitive request facts are stored in the log: redact or hmac.", valueName: "mode"))
    var mask: MaskMode = .redact

    @Option(name: .customLong("mask-key-file"), help: ArgumentHelp("Secret key for --mask hmac (at least 16 bytes).", valueName: "file"))
    var maskKeyFile: String?

    @Option(name: .customLong("max-body"), help: ArgumentHelp("Largest request body in bytes.", valueName: "bytes"))
    var maxBody = 1 << 20

    @Option(name: .customLong("max-batch"), help: ArgumentHelp("Most requests in one batch.", valueName: "n"))
    var maxBatch = 1000

    @Option(name: .customLong("max-batch-body"), help: ArgumentHelp("Largest batch body in bytes.", valueName: "bytes"))
    var maxBatchBody = 16 << 20

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("Seconds a request may take, body included.", valueName: "seconds"))
    var requestTimeout = 10.0

    @Flag(help: "Treat fields unknown to the fact schema as errors (400), not warnings.")
    var strict = false

    @Option(name: .customLong("log-level"), help: ArgumentHelp("Server log level: trace, debug, info, notice, warning, error.", valueName: "level"))
    var logLevel = "info"

    enum MaskMode: String, ExpressibleByArgument, CaseIterable {
        case redact
        case hmac
    }

    func validate() throws {
        if mask == .hmac, maskKeyFile == nil { throw ValidationError("--mask hmac needs --mask-key-file") }
        if mask == .redact, maskKeyFile != nil { throw ValidationError("--mask-key-file is only used with --mask hmac") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level `\(logLevel)` is not a level") }
        // `!(a...b).contains` also refuses NaN; the bound keeps the conversion to milliseconds exact.
        if !(0.001...86_400).contains(requestTimeout) {
            throw ValidationError("--request-timeout must be from 0.001 to 86400 seconds")
        }
        if tokens == nil, !insecureNoAuth {
            throw ValidationError("pass --tokens FILE (see `rightsgate token`), or --insecure-no-auth for local use")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "rightsgate")
        var configuration = GateConfiguration(
            policiesDirectory: policyOptions.resolvedDirectory(), host: host, port: port,
            insecureNoAuth: insecureNoAuth, masking: try masking(), strict: strict,
            limits: GateLimits(maxBodyBytes: maxBody, maxBatchBodyBytes: maxBatchBody, maxBatchItems: maxBatch,
                               requestTimeout: .milliseconds(Int64(requestTimeout * 1000))))
        if let tokens {
            do {
                configuration.tokens = try TokenTable.load(path: tokens)
            } catch {
                Terminal.writeError("error: \(error)\n")
                throw ExitCode(ExitStatus.usage)
            }
        }
        if insecureNoAuth {
            Terminal.writeError("""
                ************************************************************************
                WARNING: --insecure-no-auth: every request is accepted WITHOUT A TOKEN,
                with every role (including reload). For local use only; never expose it.
                ************************************************************************

                """)
            logger.warning("authentication is OFF (--insecure-no-auth): anyone who can connect may use every route")
        }
        let host = host
        do {
            try await GateServer.run(configuration: configuration, logPath: logPath, logger: logger) { port in
                Terminal.write("rightsgate: listening on http://\(host):\(port)\n")
            }
        } catch let error as GateServer.StartError {
            switch error {
            case .policy(let error):
                Terminal.writeError(DiagnosticRenderer(sources: error.sourceFiles, useColor: Terminal.colorOnStderr)
                    .render(error.diagnostics))
                Terminal.writeError("error: the policy bundle has errors; the gate did not start\n")
                throw ExitCode(ExitStatus.invalidInput)
            case .log(let error):
                Terminal.writeError("error: \(error)\n")
                throw ExitCode(ExitStatus.internalError)
            case .configuration(let error):
                Terminal.writeError("error: \(error)\n")
                throw ExitCode(ExitStatus.usage)
            case .listen(let error):
                Terminal.writeError("error: cannot listen on \(host):\(port): \(error)\n")
                throw ExitCode(ExitStatus.usage)
            }
        } catch {
            Terminal.writeError("error: the gate stopped: \(error)\n")
            throw ExitCode(ExitStatus.internalError)
        }
    }

    private func masking() throws -> Masking {
        guard mask == .hmac, let maskKeyFile else { return .redact }
        guard let key = FileManager.default.contents(atPath: maskKeyFile) else {
            Terminal.writeError("error: cannot read the mask key file `\(maskKeyFile)`\n")
            throw ExitCode(ExitStatus.usage)
        }
        guard key.count >= 16 else {
            Terminal.writeError("error: the mask key in `\(maskKeyFile)` is shorter than 16 bytes (try: head -c 32 /dev/urandom > \(maskKeyFile))\n")
            throw ExitCode(ExitStatus.usage)
        }
        return .keyedHash(key: Array(key))
    }
}
