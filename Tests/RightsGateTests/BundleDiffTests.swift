import Testing
@testable import RightsGate

@Suite("Semantic diff of two bundles")
struct BundleDiffTests {
    /// A check with the shared boilerplate; `body` adds or overrides keys (indented as list-item keys).
    static func check(_ id: String, _ body: String = "") -> String {
        """
          - id: \(id)
            title: {en: T}
            explanation: {en: E}
            remedy: {en: R}
            cites: [{source: src, pinpoint: p1}]
        \(body)
        """
    }

    static let facts = """
        facts:
          id: string
          flag: bool

        """

    func changes(_ old: String, _ new: String) throws -> BundleDiff {
        BundleDiff(old: try Fixtures.policyBundle(old), new: try Fixtures.policyBundle(new))
    }

    func summary(_ diff: BundleDiff) -> [String] {
        diff.changes.map { "\($0.kind.rawValue) \($0.subject): \($0.detail)\($0.altersDecisions ? " [alters]" : "")\($0.breaksRequests ? " [breaks]" : "")" }
    }

    @Test("a renamed check is still compared: mode, on_missing, exceptions and dates are reported and alter decisions")
    func renamedCheckIsCompared() throws {
        let old = Self.facts + "checks:\n" + Self.check("old-id", "    fails_when: flag\n    outcome: deny")
        let new = Self.facts + "checks:\n" + Self.check("new-id", """
                fails_when: flag
                outcome: deny
                mode: shadow
                on_missing: allow_with_conditions
                effective_until: 2020-01-01
                exceptions: [{id: always, when: flag, reason: {en: x}}]
            """)
        let diff = try changes(old, new)
        #expect(summary(diff) == [
            "check-renamed old-id: renamed to `new-id`",
            "on-missing-changed new-id: on_missing: escalate → allow_with_conditions [alters]",
            "exception-added new-id: exception `always` added [alters]",
            "effective-dates-changed new-id: in force … – … → … – 2020-01-01 [alters]",
            "mode-changed new-id: mode: enforce → shadow [alters]",
        ])
        #expect(diff.altersDecisions)
    }

    @Test("of several added checks with the removed check's conditions, the closest one is the rename")
    func renamePicksClosestCandidate() throws {
        let old = Self.facts + "checks:\n" + Self.check("old-id", "    fails_when: flag\n    outcome: deny")
        let new = Self.facts + "checks:\n" + Self.check("shadow-copy", "    fails_when: flag\n    outcome: deny\n    mode: shadow") + "\n"
            + Self.check("new-id", "    fails_when: flag\n    outcome: deny")
        #expect(summary(try changes(old, new)) == [
            "check-renamed old-id: renamed to `new-id`",
            "check-added shadow-copy: check added (worst outcome deny)",
        ])
    }

    @Test("graded-rule texts, exception reasons and exception citations are compared, and alter no decision")
    func textsAndExceptionCitations() throws {
        func policy(graded: String, reason: String, cites: String) -> String {
            Self.facts + "checks:\n" + Self.check("c", """
                    fails:
                      - when: flag
                        outcome: deny
                        explanation: {en: "\(graded)"}
                    exceptions:
                      - id: ex
                        when: id == "z"
                        reason: {en: "\(reason)"}
                        cites: \(cites)
                """)
        }
        let diff = try changes(policy(graded: "GRADED", reason: "REASON", cites: "[src]"),
                               policy(graded: "The content is lawful, block anyway", reason: "Totally different", cites: "[]"))
        #expect(summary(diff) == [
            "citation-removed c: exception `ex` no longer cites T",
            "text-changed c: reworded: explanation of rule 1, reason of exception `ex`",
        ])
        #expect(!diff.altersDecisions)
    }

    static let listSchema = """
        types:
          T: {type: enum, values: [a, b, c]}
        facts:
          id: string
          flag: bool
          tags: list of T
          items:
            type: list
            of:
              type: object
              fields:
                src: string
                kind: T
                note: {type: string, nullable: true}
                gone: integer
        checks:

        """

    static let listSchemaChanged = """
        types:
          T: {type: enum, values: [a, b, d]}
        facts:
          id: string
          flag: bool
          tags: list of T
          items:
            type: list
            of:
              type: object
              fields:
                src: integer
                kind: T
                note: string
                added: bool
        checks:

        """

    @Test("enum values of list items and fields of objects in lists are compared, with whether they break requests")
    func schemaInsideLists() throws {
        let check = Self.check("c", "    fails_when: flag\n    outcome: deny")
        let diff = try changes(Self.listSchema + check, Self.listSchemaChanged + check)
        #expect(summary(diff) == [
            "enum-value-removed tags[]: value `c` removed: requests using it are now rejected [alters] [breaks]",
            "enum-value-added tags[]: value `d` added",
            "fact-type-changed items[].src: type string → integer [alters] [breaks]",
            "enum-value-removed items[].kind: value `c` removed: requests using it are now rejected [alters] [breaks]",
            "enum-value-added items[].kind: value `d` added",
            "nullability-changed items[].note: may no longer be null (null is then treated as not given) [alters]",
            "fact-removed items[].gone: field removed: requests that send it get an unknown-field warning (an error with --strict) [alters] [breaks]",
            "fact-added items[].added: field added (bool)",
        ])
        #expect(diff.breaksRequests)
    }

    @Test("text and JSON reports of a rename with changes, reworded texts and list schema changes (golden file)")
    func golden() throws {
        let old = Self.listSchema
            + Self.check("old-id", "    fails_when: flag\n    outcome: deny") + "\n"
            + Self.check("graded", """
                    fails:
                      - when: any(i in items where i.kind == "a")
                        outcome: deny
                        explanation: {en: "GRADED"}
                    exceptions:
                      - id: ex
                        when: id == "z"
                        reason: {en: "REASON"}
                        cites: [src]
                """)
        let new = Self.listSchemaChanged
            + Self.check("new-id", "    fails_when: flag\n    outcome: deny\n    mode: shadow") + "\n"
            + Self.check("graded", """
                    fails:
                      - when: any(i in items where i.kind == "a")
                        outcome: deny
                        explanation: {en: "The content is lawful, block anyway"}
                        remedy: {en: "R2"}
                    exceptions:
                      - id: ex
                        when: id == "z"
                        reason: {en: "REASON"}
                        cites: [src, {source: src, pinpoint: p1}]
                """)
        let diff = try changes(old, new)
        assertSnapshot(diff.text() + "\n" + diff.json() + "\n", named: "diff-rename-texts-lists")
    }
}
