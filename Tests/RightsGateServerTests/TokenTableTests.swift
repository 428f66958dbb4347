import RightsGateServer
import Testing

/// The tokens file: hashes only, known roles, clear messages that never quote a token.
@Suite struct TokenTableTests {
    @Test func yamlAndJSONFilesLoad() throws {
        #expect(try TokenTable.parse(Tokens.fileText, source: "tokens.yaml").count == 4)
        let json = #"{"tokens": [{"name": "ci", "roles": ["gate", "reviewer"], "hash": "\#(TokenHash.hash("x"))"}]}"#
        #expect(try TokenTable.parse(json, source: "tokens.json").count == 1)
    }

    @Test func hashesAreSHA256Hex() {
        #expect(TokenHash.hash("abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(TokenHash.normalise("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")
            == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(TokenHash.normalise("sha256:abc") == nil)
    }

    @Test func generatedTokensAreLongAndDistinct() {
        let tokens = Set((0..<100).map { _ in TokenHash.generateToken() })
        #expect(tokens.count == 100)
        #expect(tokens.allSatisfy { $0.hasPrefix("rg_") && $0.count == 46 })
    }

    @Test(arguments: [
        ("tokens: []", "lists no tokens"),
        ("nothing: here", "must be a mapping with a `tokens` list"),
        ("tokens:\n  - {name: a, role: gate, token: secret-value}", "holds a plaintext token"),
        ("tokens:\n  - {name: a, role: root, hash: \(TokenHash.hash("x"))}", "unknown role `root`"),
        ("tokens:\n  - {name: a, role: gate, hash: nothex}", "`hash` must be"),
        ("tokens:\n  - {name: a, role: gate}", "`hash` is required"),
        ("tokens:\n  - {name: a, hash: \(TokenHash.hash("x"))}", "`role` or `roles` is required"),
        ("tokens:\n  - {name: a, role: gate, hash: \(TokenHash.hash("x"))}\n  - {name: a, role: gate, hash: \(TokenHash.hash("y"))}",
         "used twice"),
        ("tokens:\n  - {name: a, role: gate, hash: \(TokenHash.hash("x"))}\n  - {name: b, role: gate, hash: \(TokenHash.hash("x"))}",
         "same hash"),
        ("tokens:\n  - {name: a, role: gate, hash: \(TokenHash.hash("x")), expires: never}", "unknown key `expires`"),
        // A syntax error on the line of a pasted token: the message gives the position, never the line.
        ("tokens:\n  - name: a\n    role: gate\n    token: \"secret-value\n", "neither YAML nor JSON"),
        ("tokens:\n  - {name: a, role: gate, hash: [secret-value, : }", "neither YAML nor JSON"),
    ])
    func badFilesAreRefusedWithAReason(_ text: String, _ message: String) {
        do {
            _ = try TokenTable.parse(text, source: "tokens.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.contains(message), "\(error)")
            #expect(!error.description.contains("secret-value"))
        }
    }
}
