import Foundation
import RightsGate

// rightsgate-bench: measures the engine on the peer-benchmark workload and the Swedish pack.
// Not part of `swift test`; run it with scripts/bench.sh (release build). Each figure is the median of
// several rounds; the command line, machine and date go into docs/performance.md.

struct Options {
    var corpus = ".build/bench-data/requests-100000.jsonl"
    var policies = "Benchmarks/proportionality-12"
    var pack = "policies"
    var fixtures = "fixtures/actions"
    var rounds = 7
    var suites: [String] = []
    var allocProbe: Int?
}

func parseOptions() -> Options {
    var options = Options()
    var args = CommandLine.arguments.dropFirst()
    while let arg = args.popFirst() {
        switch arg {
        case "--corpus": options.corpus = args.popFirst() ?? options.corpus
        case "--policies": options.policies = args.popFirst() ?? options.policies
        case "--pack": options.pack = args.popFirst() ?? options.pack
        case "--fixtures": options.fixtures = args.popFirst() ?? options.fixtures
        case "--rounds": options.rounds = Int(args.popFirst() ?? "") ?? options.rounds
        case "--alloc-probe": options.allocProbe = Int(args.popFirst() ?? "")
        case "--help", "-h":
            print("""
                usage: rightsgate-bench [--corpus FILE] [--policies DIR] [--pack DIR] [--fixtures DIR] [--rounds N] [SUITE...]
                suites: engine outcome decode encode summary stream pack load (default: all)
                --alloc-probe N: evaluate N decisions and exit (for valgrind's DHAT allocation counts)
                """)
            exit(0)
        default: options.suites.append(arg)
        }
    }
    return options
}

/// Stops the run: a figure measured over requests that failed, or a stream that did not run, would be
/// printed as if it were real.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("rightsgate-bench: \(message)\n".utf8))
    exit(1)
}

func load(_ directory: String) -> PolicyBundle {
    do { return try BundleLoader.load(directory: directory) } catch {
        fail("cannot load \(directory): \(error)")
    }
}

func lines(_ path: String) -> [[UInt8]] {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("""
            cannot read \(path); generate the corpus first:
              RIGHTSGATE_BENCH_DATA=.build/bench-data python3 Benchmarks/workload/gen.py 10000 100000

            """.utf8))
        exit(1)
    }
    return data.split(separator: 0x0A).map { Array($0) }
}

/// Runs `body` (which performs `count` operations) `rounds` times; returns the median nanoseconds per operation.
func measure(rounds: Int, count: Int, _ body: () -> Void) -> Double {
    var samples: [Double] = []
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(count))
    }
    return samples.sorted()[samples.count / 2]
}

func row(_ name: String, _ ns: Double, _ note: String = "") {
    let us = ns / 1000
    let perSecond = ns > 0 ? 1e9 / ns : 0
    print(String(format: "| %@ | %.3f | %@ | %@ |", name, us, formatRate(perSecond), note))
}

func formatRate(_ value: Double) -> String {
    let digits = String(Int(value.rounded()))
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out += "," }
        out.append(c)
    }
    return out
}

/// Keeps results alive so the optimiser cannot drop the work.
nonisolated(unsafe) var sink = 0

let options = parseOptions()
let wanted = Set(options.suites)
func enabled(_ suite: String) -> Bool { wanted.isEmpty || wanted.contains(suite) }
let asOf = CalendarDay("2026-11-30")!

let bundle = load(options.policies)
let corpus = lines(options.corpus)
var tables: [FactTable] = []
tables.reserveCapacity(corpus.count)
for (index, line) in corpus.enumerated() {
    var table = bundle.makeFactTable()
    do { _ = try bundle.decode(line, into: &table) } catch {
        fail("\(options.corpus):\(index + 1): the request does not decode under \(options.policies) (corpus and schema drifted?): \(error)")
    }
    tables.append(table)
}

if let probe = options.allocProbe {
    for i in 0..<probe { sink &+= bundle.evaluate(tables[i % tables.count], asOf: asOf).results.count }
    print("evaluated \(probe) decisions (sink \(sink))")
    exit(0)
}

print("corpus: \(options.corpus) (\(corpus.count) requests), bundle \(bundle.name) (\(bundle.checks.count) checks)")
print("")
print("| measurement | µs per op | ops per second | note |")
print("|---|--:|--:|---|")

if enabled("engine") {
    let ns = measure(rounds: options.rounds, count: tables.count) {
        for table in tables {
            let evaluation = bundle.evaluate(table, asOf: asOf)
            sink &+= evaluation.results.count &+ Int(evaluation.outcome.exitCode)
        }
    }
    row("engine only, full explanation data", ns, "per-check status, outcome and deciding rule for every check; facts already decoded")
}
if enabled("outcome") {
    let ns = measure(rounds: options.rounds, count: tables.count) {
        for table in tables { sink &+= Int(bundle.outcome(table, asOf: asOf).exitCode) }
    }
    row("engine only, outcome only", ns)
}
if enabled("decode") {
    var table = bundle.makeFactTable()
    let ns = measure(rounds: options.rounds, count: corpus.count) {
        for line in corpus {
            do { sink &+= try bundle.decode(line, into: &table).count } catch { fail("decode failed while measuring: \(error)") }
        }
    }
    let bytes = corpus.reduce(0) { $0 + $1.count } / max(corpus.count, 1)
    row("JSON decode of a request", ns, "\(bytes) bytes per request on average")
}
if enabled("summary") {
    let evaluations = tables.prefix(20_000).map { bundle.evaluate($0, asOf: asOf) }
    let ns = measure(rounds: options.rounds, count: evaluations.count) {
        for evaluation in evaluations { sink &+= DecisionSummary.render(evaluation).utf8.count }
    }
    row("summary line encode", ns)
}
if enabled("encode") {
    let evaluations = tables.prefix(20_000).map { bundle.evaluate($0, asOf: asOf) }
    let ns = measure(rounds: options.rounds, count: evaluations.count) {
        for evaluation in evaluations { sink &+= DecisionJSON.render(Decision(evaluation: evaluation)).utf8.count }
    }
    row("decision JSON encode (explanations rendered)", ns, "includes decision id and request digest")
}
if enabled("stream") {
    for (format, parallelism) in [(StreamEvaluator.Format.summary, 1), (.summary, ProcessInfo.processInfo.activeProcessorCount), (.json, ProcessInfo.processInfo.activeProcessorCount)] {
        var streamOptions = StreamEvaluator.Options()
        streamOptions.format = format
        streamOptions.asOf = asOf
        streamOptions.parallelism = parallelism
        let evaluator = StreamEvaluator(bundle: bundle, options: streamOptions)
        let ns = measure(rounds: max(3, options.rounds / 2), count: corpus.count) {
            let devNull = open("/dev/null", O_WRONLY)
            let file = open(options.corpus, O_RDONLY)
            guard devNull >= 0, file >= 0 else { fail("cannot open \(options.corpus) or /dev/null: \(String(cString: strerror(errno)))") }
            defer { close(file); close(devNull) }
            var reader = LineReader(descriptor: file)
            var writer = OutputWriter(descriptor: devNull)
            let summary: StreamEvaluator.Summary
            do { summary = try evaluator.run(reader: &reader, writer: &writer) { _, _ in } } catch { fail("the stream failed: \(error)") }
            guard summary.decisions == corpus.count, summary.invalid == 0 else {
                fail("the stream decided \(summary.decisions) of \(corpus.count) requests (\(summary.invalid) invalid)")
            }
            sink &+= summary.decisions
        }
        row("JSON Lines in → \(format.rawValue) out, \(parallelism) thread\(parallelism == 1 ? "" : "s")", ns, "file read, decode, evaluate, render, write")
    }
}
if enabled("pack"), FileManager.default.fileExists(atPath: "\(options.pack)/bundle.yaml") {
    let pack = load(options.pack)
    guard let listed = try? FileManager.default.contentsOfDirectory(atPath: options.fixtures) else { fail("cannot list \(options.fixtures)") }
    let files = listed.filter { $0.hasSuffix(".json") }.sorted()
    let packTables: [FactTable] = files.map { name in
        guard let data = FileManager.default.contents(atPath: "\(options.fixtures)/\(name)") else { fail("cannot read \(options.fixtures)/\(name)") }
        var table = pack.makeFactTable()
        do { _ = try pack.decode(Array(data), into: &table) } catch { fail("\(options.fixtures)/\(name) does not decode under \(options.pack): \(error)") }
        return table
    }
    if !packTables.isEmpty {
        let repeats = max(1, 20_000 / packTables.count)
        let ns = measure(rounds: options.rounds, count: packTables.count * repeats) {
            for _ in 0..<repeats { for table in packTables { sink &+= pack.evaluate(table, asOf: asOf).results.count } }
        }
        row("Swedish pack on its fixtures, engine only", ns, "\(pack.checks.count) checks, \(packTables.count) fixtures")
        let encodeNs = measure(rounds: options.rounds, count: packTables.count * 20) {
            for _ in 0..<20 { for table in packTables { sink &+= DecisionJSON.render(Decision(evaluation: pack.evaluate(table, asOf: asOf)), language: "sv").utf8.count } }
        }
        row("Swedish pack, evaluate + JSON decision in Swedish", encodeNs)
    }
}
if enabled("load") {
    for directory in [options.policies, options.pack] where FileManager.default.fileExists(atPath: "\(directory)/bundle.yaml") {
        let ns = measure(rounds: options.rounds, count: 1) { sink &+= load(directory).checks.count }
        print(String(format: "| policy load + compile: %@ | %.1f ms | | |", directory, ns / 1e6))
    }
}
print("")
print("(sink \(sink % 10))")
