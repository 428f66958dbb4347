import Foundation
import RightsGate

/// Progress of a run, reported after every batch (for a progress bar with rate and ETA).
public struct ReplayProgress: Sendable {
    /// Records read so far (all inputs, every shard's records included).
    public let records: Int
    /// Input bytes read so far, and in all inputs (0 when unknown, as for standard input).
    public let bytes: Int
    public let totalBytes: Int
    /// The input being read.
    public let file: String
}

/// Replays history: reads every input, evaluates every record under the bundle (and the other bundle of
/// `--compare`), and returns the report.
///
/// Inputs are read one batch at a time; each batch is split across the cores, every worker decoding into
/// its own reusable fact table and counting into its own tally. Memory is bounded by the batch size and
/// the report's fixed shape (counts per check, fact, enum value and month; the first N listed records),
/// however many records there are. Tallies are folded in a fixed order at the end and every count adds
/// up, so the report is the same whatever the number of workers.
public struct ReplayEngine: Sendable {
    public let configuration: ReplayConfiguration

    public init(configuration: ReplayConfiguration) {
        self.configuration = configuration
    }

    public func run(_ inputs: [ReplayInput], progress: (ReplayProgress) -> Void = { _ in }) throws(ReplayError) -> ReplayReport {
        let files = inputs.map(Self.display)
        try Self.refuseDuplicates(inputs, files: files)
        let layout = TallyLayout(bundle: configuration.bundle, compare: configuration.compareBundle,
                                 language: configuration.language, inputFiles: files)
        let context = WorkerContext(configuration: configuration, layout: layout,
                                    topLevelFacts: Set(configuration.bundle.factPaths.map { String($0.prefix { $0 != "." }) }))
        let pool = WorkerPool((0..<max(1, configuration.parallelism)).map { _ in ReplayWorker(context: context) })
        let totalBytes = inputs.reduce(0) { $0 + Self.size(of: $1.path) }
        var mapping: SoRMapping?
        var formats: [InputFormat] = []
        var ordinal = 0
        var bytes = 0

        for (index, input) in inputs.enumerated() {
            let file = files[index]
            var opened = try open(input, file: file)
            defer { opened.close() }
            var mapper: SoRRowMapper?
            if let csv = opened.source as? CSVRowSource {
                let loaded: SoRMapping
                if let mapping { loaded = mapping } else { loaded = try loadMapping() }
                mapping = loaded
                mapper = try SoRRowMapper(mapping: loaded, header: csv.header, file: file)
            }
            formats.append(opened.format)
            let inputContext = InputContext(index: index, file: file, format: opened.format, mapper: mapper)
            while let batch = try opened.source.nextBatch() {
                var items: [RawBatch.Item] = []
                items.reserveCapacity(batch.items.count)
                for var item in batch.items {
                    item.ordinal = ordinal
                    ordinal += 1
                    if configuration.shard?.includes(ordinal: item.ordinal) ?? true { items.append(item) }
                }
                batch.buffer.withUnsafeBufferPointer { pointer in
                    pool.process(items, buffer: SharedBuffer(pointer: pointer), input: inputContext)
                }
                if configuration.strict, let first = pool.tallies.compactMap(\.firstInvalid).min(by: { $0.ordinal < $1.ordinal }) {
                    throw .strict(file: first.file, line: first.line, code: first.code, message: first.message)
                }
                bytes += batch.byteCount
                progress(ReplayProgress(records: ordinal, bytes: bytes, totalBytes: totalBytes, file: file))
            }
        }

        var report = ReplayReport(run: runInfo(files: files, formats: formats, mapping: mapping), layout: layout)
        for tally in pool.tallies { report.absorb(tally, layout: layout) }
        report.finalize()
        return report
    }

    /// How the report's header describes this run.
    private func runInfo(files: [String], formats: [InputFormat], mapping: SoRMapping?) -> ReplayReport.Run {
        func info(_ bundle: PolicyBundle) -> ReplayReport.PolicyInfo {
            ReplayReport.PolicyInfo(name: bundle.name, version: bundle.version, digest: bundle.digest)
        }
        return ReplayReport.Run(
            policy: info(configuration.bundle),
            comparePolicy: configuration.compareBundle.map(info),
            mapping: mapping.map { ReplayReport.MappingInfo(file: $0.file, digest: $0.digest, targets: $0.targets) },
            asOf: asOfLabel,
            language: configuration.language,
            period: configuration.period.map { ReplayReport.PeriodInfo(from: $0.from.description, to: $0.to.description) },
            listLimit: configuration.listLimit,
            inputs: zip(files, formats).map { ReplayReport.InputInfo(file: $0, format: $1.rawValue) },
            shard: configuration.shard.map { ReplayReport.ShardInfo(count: $0.count, indices: [$0.index]) })
    }

    private func loadMapping() throws(ReplayError) -> SoRMapping {
        let path = configuration.mappingPath ?? SoRMapping.defaultPath(bundleDirectory: configuration.bundle.directory)
        do {
            return try SoRMapping.load(path: path, bundle: configuration.bundle)
        } catch {
            throw .mapping(error)
        }
    }

    /// How the report names the as-of day. `now` and `record` name the run day, which `now` applies to every
    /// record and `record` to the undated ones: the same inputs evaluated on different days differ, so the
    /// reports say so, and shards run on different days do not merge.
    private var asOfLabel: String {
        switch configuration.asOf {
        case .now: "now (\(configuration.today))"
        case .record: "record (undated: \(configuration.today))"
        case let .fixed(day): day.description
        }
    }

    /// The same input twice (by name, or the same file under two names) would count its records twice.
    private static func refuseDuplicates(_ inputs: [ReplayInput], files: [String]) throws(ReplayError) {
        var seen: [String: String] = [:]
        for (input, file) in zip(inputs, files) {
            let identity = InputFile.identity(of: input.path)
            if let first = seen[identity] { throw .duplicate(file: first, other: file) }
            seen[identity] = file
        }
    }

    static func display(_ input: ReplayInput) -> String { input.path == "-" ? "<stdin>" : input.path }

    private static func size(of path: String) -> Int {
        guard path != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return 0 }
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }
}
