import Foundation
internal import Crypto

/// Loads a policy bundle directory: reads and parses every policy file and the source registry, runs the
/// compiler passes, and either returns the compiled ``PolicyBundle`` or throws every diagnostic at once.
///
/// Layout: `bundle.yaml` (the manifest) and any number of `*.yaml` policy files in the directory and its
/// subdirectories, except the test directories (default `tests/`) and `replay/` (replay mappings).
public enum BundleLoader {
    /// What a load produced, successful or not: for `rightsgate check`, which reports even failed loads.
    public struct Report: Sendable {
        public let bundle: PolicyBundle?
        public let diagnostics: [Diagnostic]
        public let sourceFiles: SourceFiles
    }

    /// Loads and compiles; throws ``PolicyLoadError`` with all diagnostics if any is an error.
    public static func load(directory: String) throws(PolicyLoadError) -> PolicyBundle {
        let report = self.report(directory: directory)
        guard let bundle = report.bundle else {
            throw PolicyLoadError(diagnostics: report.diagnostics, sourceFiles: report.sourceFiles)
        }
        return bundle
    }

    /// Loads and compiles, returning everything found. With `lint`, the lint rules run too (their findings
    /// are warnings); serving and evaluating skip them.
    public static func report(directory: String, lint: Bool = false) -> Report {
        var loader = Loader(directory: directory)
        let report = loader.run()
        guard lint, let bundle = report.bundle else { return report }
        let warnings = Linter(bundle: bundle).run()
        return Report(bundle: bundle, diagnostics: (report.diagnostics + warnings).sortedByLocation(), sourceFiles: report.sourceFiles)
    }
}

extension PolicyLoadError {
    init(diagnostics: [Diagnostic], sourceFiles: SourceFiles) {
        self.init(diagnostics: diagnostics)
        self.sourceFiles = sourceFiles
    }
}

private struct Loader {
    let directory: String
    var diagnostics: [Diagnostic] = []
    var sourceFiles = SourceFiles()
    /// Relative path (for the digest) and contents of every file that can change a decision.
    var digestInputs: [(String, String)] = []
    /// Whether some policy file could not be read or parsed: then what the bundle seems to lack (such as
    /// `facts:`) may well be in that file, and saying it is missing would be a second, spurious error.
    var someFileUnparsed = false

    init(directory: String) {
        var d = directory
        while d.count > 1, d.hasSuffix("/") { d.removeLast() }
        self.directory = d
    }

    func display(_ relative: String) -> String {
        directory == "." ? relative : "\(directory)/\(relative)"
    }

    mutating func read(_ path: String, display: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(.error(.fileUnreadable, "cannot read `\(display)`", at: nil,
                                      help: "check that the file exists and is readable"))
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            diagnostics.append(.error(.fileUnreadable, "`\(display)` is not UTF-8 text", at: .file(display)))
            return nil
        }
        sourceFiles.add(path: display, text: text)
        return text
    }

    mutating func parseYAML(_ path: String, display: String) -> YAMLFile? {
        let errorsBefore = diagnostics.errorCount
        defer { if diagnostics.errorCount > errorsBefore { someFileUnparsed = true } }
        guard let text = read(path, display: display) else { return nil }
        return YAMLFile.parse(path: display, text: text, diagnostics: &diagnostics)
    }

    /// The YAML files under `root` (see ``BundleFiles``); an entry the walk cannot follow is an error, since
    /// a policy file that is silently left out is a check that never runs.
    /// `shown` is `root` relative to the bundle, for messages ("" for the bundle directory itself).
    mutating func yamlFiles(under root: String, excluding excluded: [String], shown: String) -> [String] {
        let listing = BundleFiles.yamlFiles(under: root, excluding: excluded)
        for problem in listing.problems {
            let relative = [shown, problem.path == "." ? "" : problem.path].filter { !$0.isEmpty }.joined(separator: "/")
            diagnostics.append(.error(.fileUnreadable, "`\(relative.isEmpty ? directory : display(relative))` \(problem.reason); its files were not read", at: nil,
                                      help: "fix or remove the entry: a bundle is read completely or not at all"))
        }
        return listing.files
    }

    mutating func run() -> BundleLoader.Report {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.append(.error(.bundleManifest, "policy directory `\(directory)` does not exist", at: nil,
                                      help: "pass the bundle directory with `--policies DIR`"))
            return finish(nil)
        }
        let manifestPath = "\(directory)/bundle.yaml"
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            diagnostics.append(.error(.bundleManifest, "`\(display("bundle.yaml"))` is missing", at: nil,
                                      help: "a bundle directory needs a `bundle.yaml` with `bundle: {name: …, version: …}`"))
            return finish(nil)
        }

        // Parse the manifest first: it names the test directories to skip and the source registry.
        var syntax: [PolicyFileSyntax] = []
        var manifest: BundleManifestSyntax?
        if let file = parseYAML(manifestPath, display: display("bundle.yaml")) {
            var parser = PolicyFileParser(file: file)
            let parsed = parser.parse()
            diagnostics += parser.diagnostics
            manifest = parsed.manifest
            digestInputs.append(("bundle.yaml", file.text))
            syntax.append(parsed)
            if parsed.manifest == nil, file.root != nil {
                diagnostics.append(.error(.bundleManifest, "`bundle.yaml` has no `bundle:` section", at: .file(display("bundle.yaml")),
                                          help: "start it with `bundle:` and give `name` and `version`"))
            }
        }
        let testDirectories = manifest?.testDirectories.map(\.value) ?? ["tests"]
        // Source registry files inside the bundle directory are read as the registry, not as policy files.
        let registryPaths = (manifest?.sources ?? []).map { $0.value.hasPrefix("./") ? String($0.value.dropFirst(2)) : $0.value }
        func isRegistry(_ relative: String) -> Bool {
            registryPaths.contains { relative == $0 || relative.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        let policyFiles = yamlFiles(under: directory, excluding: testDirectories + ["replay"], shown: "")
        for relative in policyFiles where relative != "bundle.yaml" && !isRegistry(relative) {
            guard let file = parseYAML("\(directory)/\(relative)", display: display(relative)) else { continue }
            var parser = PolicyFileParser(file: file)
            let parsed = parser.parse()
            diagnostics += parser.diagnostics
            if let m = parsed.manifest {
                diagnostics.append(.error(.bundleDuplicateSection, "`bundle:` belongs in `bundle.yaml` only", at: m.location))
            }
            digestInputs.append((relative, file.text))
            syntax.append(parsed)
        }

        let languages = manifest?.languages.map(\.value) ?? ["en", "sv"]
        // No languages would mean no text is required in any: every title and explanation could be empty.
        if let manifest, manifest.languages.isEmpty {
            diagnostics.append(.error(
                .structureInvalidValue, "`languages` in `bundle` is empty", at: manifest.location,
                help: "list the languages every text is given in, e.g. `languages: [en, sv]`"))
        }
        for language in manifest?.languages ?? [] where language.value.count != 2 {
            diagnostics.append(.error(.structureInvalidValue, "`\(language.value)` is not a two-letter language code", at: language.location))
        }

        // The source registry.
        var registry = SourceRegistryParser()
        for source in manifest?.sources ?? [] {
            let path = source.value.hasPrefix("/") ? source.value : "\(directory)/\(source.value)"
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                diagnostics.append(.error(.bundleManifest, "source registry `\(source.value)` does not exist", at: source.location,
                                          help: "paths in `sources:` are relative to the bundle directory"))
                continue
            }
            let files = isDir.boolValue
                ? yamlFiles(under: path, excluding: [], shown: source.value).map { (rel: "\(source.value)/\($0)", full: "\(path)/\($0)") }
                : [(rel: source.value, full: path)]
            for file in files {
                guard let parsed = parseYAML(file.full, display: display(file.rel)) else { continue }
                digestInputs.append(("sources/" + file.rel, parsed.text))
                registry.parse(parsed, requiredLanguages: languages)
            }
        }
        diagnostics += registry.diagnostics

        let bundle = compile(syntax: syntax, manifest: manifest, languages: languages, registry: registry.sources,
                             testDirectories: testDirectories)
        return finish(bundle)
    }

    mutating func finish(_ bundle: PolicyBundle?) -> BundleLoader.Report {
        let sorted = diagnostics.sortedByLocation()
        return BundleLoader.Report(bundle: sorted.hasErrors ? nil : bundle, diagnostics: sorted, sourceFiles: sourceFiles)
    }

    mutating func compile(
        syntax: [PolicyFileSyntax], manifest: BundleManifestSyntax?, languages: [String], registry: [String: LegalSource],
        testDirectories: [String]
    ) -> PolicyBundle? {
        var factsSyntax: [FactSyntax]?
        var factsLocation: SourceLocation?
        var types: [FactSyntax] = []
        var catalogs: [CatalogSyntax] = []
        var definitions: [DefinitionSyntax] = []
        var checks: [CheckSyntax] = []
        for file in syntax {
            if let facts = file.facts {
                if let first = factsLocation {
                    diagnostics.append(.error(
                        .bundleDuplicateSection, "the fact schema (`facts:`) is declared in two files", at: file.factsLocation,
                        related: [.init(location: first, message: "first declared here")]))
                } else {
                    factsSyntax = facts
                    factsLocation = file.factsLocation
                }
            }
            types += file.types
            catalogs += file.catalogs
            definitions += file.definitions
            checks += file.checks
        }
        guard let manifest else { return nil }
        if factsSyntax == nil, !someFileUnparsed {
            diagnostics.append(.error(.bundleManifest, "the bundle declares no fact schema", at: manifest.location,
                                      help: "add a file (e.g. `schema.yaml`) with a `facts:` section"))
        }
        if checks.isEmpty, !someFileUnparsed {
            diagnostics.append(.error(.bundleNoChecks, "the bundle has no checks: every request would be allowed", at: manifest.location,
                                      help: "add a file with a `checks:` section, and check that `tests:` does not name the directory holding them"))
        }

        var schemaBuilder = SchemaBuilder()
        schemaBuilder.build(types: types, facts: factsSyntax ?? [])
        diagnostics += schemaBuilder.diagnostics
        let schema = schemaBuilder.schema

        var catalogBuilder = CatalogBuilder(namedTypes: schemaBuilder.namedTypes, brokenTypes: schemaBuilder.brokenTypes)
        let compiledCatalogs = catalogBuilder.build(catalogs, schema: schema)
        diagnostics += catalogBuilder.diagnostics

        var checker = TypeChecker(schema: schema, catalogs: compiledCatalogs, definitions: definitions)
        checker.checkAllDefinitions()
        let compiler = ExpressionCompiler(catalogs: compiledCatalogs, definitions: checker.definitions.map(\.typed))
        var checkCompiler = CheckCompiler(checker: checker, languages: languages, sources: registry, schema: schema)
        let compiledChecks = checkCompiler.compile(checks, compiler: compiler)
        diagnostics += checkCompiler.checker.diagnostics
        diagnostics += checkCompiler.diagnostics

        let digest = Self.digest(digestInputs)
        return PolicyBundle(
            name: manifest.name.value, version: manifest.version.value, digest: digest, description: manifest.description,
            directory: directory, languages: languages, checks: compiledChecks, sources: registry, sourceFiles: sourceFiles,
            warnings: diagnostics.filter { !$0.isError }, testDirectories: testDirectories, schema: schema,
            catalogs: compiledCatalogs, definitions: definitions, files: digestInputs.map(\.0),
            lint: BundleLintInput(checks: checkCompiler.lintChecks, definitions: checker.definitions.map(\.typed)))
    }

    /// SHA-256 over `path \n length \n contents \n` for every file in path order, with line endings
    /// normalised to LF so a checkout on any platform gives the same digest.
    static func digest(_ inputs: [(String, String)]) -> String {
        var hasher = SHA256()
        for (path, text) in inputs.sorted(by: { $0.0 < $1.0 }) {
            let normalized = Array(text.replacing("\r\n", with: "\n").utf8)
            hasher.update(data: Array("\(path)\n\(normalized.count)\n".utf8))
            hasher.update(data: normalized)
            hasher.update(data: [0x0A])
        }
        return "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
