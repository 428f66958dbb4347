import ArgumentParser
import Foundation
import RightsGateServer

/// `rightsgate token`: make bearer tokens and the hashes the tokens file holds.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Generate bearer tokens and hash them for the tokens file of `rightsgate serve`.",
        subcommands: [TokenGenerateCommand.self, TokenHashCommand.self])
}

/// `rightsgate token generate`: a new random token and its tokens-file entry.
struct TokenGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Print a new random token and the tokens-file entry that holds its hash.",
        discussion: """
            The token is printed once: hand it to the caller and do not keep it. The tokens file gets only the \
            entry with its hash. Roles: gate (ask for decisions), reviewer (read decisions and the policy), \
            metrics (scrape /metrics), admin (reload, and everything else).

            Example:
              rightsgate token generate --name blocklist-manager --role gate
            """)

    @Option(help: ArgumentHelp("Who will hold the token (shown in server logs).", valueName: "name"))
    var name = "caller"

    @Option(help: ArgumentHelp("gate, reviewer, metrics or admin.", valueName: "role"))
    var role = "gate"

    func validate() throws {
        guard Role(rawValue: role) != nil else {
            throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let token = TokenHash.generateToken()
        Terminal.write("""
            # The token: give it to `\(name)` now; it is not stored anywhere.
            \(token)
            # The entry for the tokens file (under `tokens:`):
              - name: \(name)
                role: \(role)
                hash: \(TokenHash.hash(token))

            """)
    }
}

/// `rightsgate token hash`: the hash of an existing token, read from standard input.
struct TokenHashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print the hash of a token read from standard input, for the tokens file.",
        discussion: """
            Reads the token from standard input (not from the command line, where other users and the shell \
            history would see it); one trailing line break is ignored.

            Example:
              printf '%s' "$TOKEN" | rightsgate token hash
            """)

    func run() throws {
        var token = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        // By scalars: "\r\n" is one Character, so `hasSuffix("\n")` would miss a CRLF line end.
        if token.unicodeScalars.last == "\n" { token.unicodeScalars.removeLast() }
        if token.unicodeScalars.last == "\r" { token.unicodeScalars.removeLast() }
        guard !token.isEmpty else {
            Terminal.writeError("error: no token on standard input\n")
            throw ExitCode(ExitStatus.usage)
        }
        Terminal.write(TokenHash.hash(token) + "\n")
    }
}
