public import Foundation

/// A loaded and compiled policy bundle: the immutable, `Sendable` evaluator.
///
/// Load it once (``BundleLoader/load(directory:)``), then decode and evaluate requests from any number of
/// threads without locks. Swapping policies means loading a new bundle and replacing the reference.
public final class PolicyBundle: Sendable {
    public let name: String
    public let version: String
    /// `sha256:` over the canonical form of every file that can change a decision.
    public let digest: String
    public let description: String?
    /// The bundle directory as given.
    public let directory: String
    public let languages: [String]
    public let checks: [Check]
    /// The legal source registry, by id.
    public let sources: [String: LegalSource]
    /// Text of every file read, for rendering diagnostics.
    public let sourceFiles: SourceFiles
    /// Warnings found while loading (errors make loading fail).
    public let warnings: [Diagnostic]
    public let loadedAt: Date
    /// Test directories declared by the manifest, relative to the bundle.
    public let testDirectories: [String]

    let schema: FactSchema
    let catalogs: [Catalog]
    let definitions: [DefinitionSyntax]
    let decoder: RequestDecoder
    let strictDecoder: RequestDecoder
    /// Check indices sorted by id, for the `fired` list.
    let checkOrderByID: [Int]
    private let checkIndexByID: [String: Int]
    /// Sensitive fact slots (masked in decisions and in the decision log).
    let sensitiveSlots: Set<Int>
    /// Template placeholders that would show a sensitive fact, rendered masked.
    let sensitivePlaceholders: SensitivePlaceholders
    /// The slot of the request's `id` (the decision's `request_id`), looked up once rather than per decision.
    let requestIDSlot: Int?
    /// Files that make up the bundle, relative paths, for the digest and tools.
    public let files: [String]
    let lint: BundleLintInput
    /// How requests are written canonically (digest, masked log copy).
    let canonicalPlan: CanonicalPlan
    /// The checks' closures and whether each counts, side by side for the evaluation loop.
    private let checkCodes: [CheckCodeBox]
    private let enforced: [Bool]

    init(
        name: String, version: String, digest: String, description: String?, directory: String, languages: [String],
        checks: [Check], sources: [String: LegalSource], sourceFiles: SourceFiles, warnings: [Diagnostic],
        testDirectories: [String], schema: FactSchema, catalogs: [Catalog], definitions: [DefinitionSyntax],
        files: [String], lint: BundleLintInput
    ) {
        self.name = name
        self.version = version
        self.digest = digest
        self.description = description
        self.directory = directory
        self.languages = languages
        self.checks = checks
        self.sources = sources
        self.sourceFiles = sourceFiles
        self.warnings = warnings
        self.loadedAt = Date()
        self.testDirectories = testDirectories
        self.schema = schema
        self.catalogs = catalogs
        self.definitions = definitions
        self.decoder = RequestDecoder(schema: schema)
        var strictDecoder = decoder
        strictDecoder.strict = true
        self.strictDecoder = strictDecoder
        self.checkOrderByID = checks.indices.sorted { checks[$0].id < checks[$1].id }
        var byID: [String: Int] = [:]
        for (i, c) in checks.enumerated() { byID[c.id] = i }
        self.checkIndexByID = byID
        var sensitive: Set<Int> = []
        for slot in schema.slots where slot.sensitive {
            sensitive.insert(slot.index)
            var stack = slot.children
            while let child = stack.popLast() {
                sensitive.insert(child)
                stack += schema.slots[child].children
            }
        }
        self.sensitiveSlots = sensitive
        self.sensitivePlaceholders = SensitivePlaceholders(
            checks: checks, schema: schema, catalogs: catalogs, definitions: definitions, sensitiveSlots: sensitive)
        self.requestIDSlot = schema.requestIDSlot
        self.canonicalPlan = CanonicalPlan(schema: schema, sensitive: sensitive)
        self.checkCodes = checks.map(\.code)
        self.enforced = checks.map { $0.mode == .enforce }
        self.files = files
        self.lint = lint
    }

    public func check(id: String) -> Check? { checkIndexByID[id].map { checks[$0] } }

    /// The language decisions are rendered in when none is asked for: English when the bundle declares it,
    /// else its first language. A language it does not declare is refused by the commands and the service
    /// (its texts would be English under another language's name).
    public var defaultLanguage: String {
        languages.contains("en") ? "en" : languages.first ?? "en"
    }

    /// `location` with its file relative to the bundle directory (`checks/legality.yaml`): what a decision
    /// shows, so that its bytes do not depend on how the bundle path was spelled (`policies`,
    /// `/srv/policies`, `./policies/`) and do not reveal where the bundle is deployed.
    func bundleRelative(_ location: SourceLocation) -> SourceLocation {
        guard directory != ".", location.file.hasPrefix(directory + "/") else { return location }
        return SourceLocation(file: String(location.file.dropFirst(directory.count + 1)), line: location.line,
                              column: location.column, length: location.length)
    }

    /// Dotted paths of every declared fact that holds a value (not the grouping objects).
    public var factPaths: [String] { schema.leafPaths }

    /// An empty fact table sized for this bundle's schema; reuse it across requests of a stream.
    public func makeFactTable() -> FactTable { FactTable(slotCount: schema.count) }

    /// Decodes a JSON request into `table`. Throws ``RequestError`` (with JSON paths) on invalid input;
    /// returns warnings such as unknown fields.
    public func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, into table: inout FactTable, strict: Bool = false
    ) throws(RequestError) -> [RequestIssue] {
        if strict { return try strictDecoder.decode(bytes, into: &table) }
        return try decoder.decode(bytes, into: &table)
    }

    public func decode(_ bytes: some Collection<UInt8>, into table: inout FactTable, strict: Bool = false) throws(RequestError) -> [RequestIssue] {
        if strict { return try strictDecoder.decode(bytes, into: &table) }
        return try decoder.decode(bytes, into: &table)
    }

    /// Evaluates every check against the facts, as of the given day.
    public func evaluate(_ facts: FactTable, asOf: CalendarDay) -> Evaluation {
        var context = EvalContext(asOfDay: asOf.daysSinceEpoch)
        let count = checkCodes.count
        var outcome = Outcome.allow
        let results = [CheckResult](unsafeUninitializedCapacity: count) { buffer, initialized in
            checkCodes.withUnsafeBufferPointer { codes in
                enforced.withUnsafeBufferPointer { counts in
                    for i in 0..<count {
                        let result = codes[i].run(facts, &context)
                        (buffer.baseAddress! + i).initialize(to: result)
                        if result.counts, counts[i], result.outcome > outcome { outcome = result.outcome }
                    }
                }
            }
            initialized = count
        }
        return Evaluation(outcome: outcome, results: results, asOf: asOf, bundle: self, facts: facts)
    }

    /// The outcome alone, without keeping per-check results: for measuring what explanation data costs.
    public func outcome(_ facts: FactTable, asOf: CalendarDay) -> Outcome {
        var context = EvalContext(asOfDay: asOf.daysSinceEpoch)
        var outcome = Outcome.allow
        checkCodes.withUnsafeBufferPointer { codes in
            enforced.withUnsafeBufferPointer { counts in
                for i in 0..<codes.count where counts[i] {
                    let result = codes[i].run(facts, &context)
                    if result.counts, result.outcome > outcome { outcome = result.outcome }
                }
            }
        }
        return outcome
    }
}
