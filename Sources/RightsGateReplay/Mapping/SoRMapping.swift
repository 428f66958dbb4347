public import RightsGate

/// The declarative mapping from statement-of-reasons CSV columns to proposed-action facts
/// (`policies/replay/dsa-sor.yaml`, format in docs/replay.md).
///
/// It lives in a file a legal reviewer can read and change, not in code, because which column may stand for
/// which fact is a legal judgement: a statement of reasons says what a platform did, not what a police
/// request would say, and every fact it is made to fill is a claim about the record. Facts the mapping does
/// not name stay missing, so the checks that need them come out unknown and the report counts the record as
/// decided on too little information instead of guessing.
public struct SoRMapping: Sendable {
    /// How one fact is filled.
    public struct Rule: Sendable {
        public enum Source: Sendable, Hashable {
            /// The value of a CSV column, by header name.
            case column(String)
            /// The same value for every record.
            case constant(MappedValue)
        }

        /// What a cell is turned into before it is written as the fact's JSON value.
        public enum Conversion: String, Sendable, CaseIterable {
            /// The text as it is (enum keys, free text).
            case string
            /// `Yes`/`No`, `true`/`false`.
            case bool
            case integer
            /// `YYYY-MM-DD`, taken from the first ten characters (`2024-03-13 00:00:00` gives `2024-03-13`).
            case date
            /// `YYYY-MM-DD HH:MM:SS` (the dumps' form) or RFC 3339, written as RFC 3339 UTC.
            case datetime
        }

        /// What happens to a value the value map does not list.
        public enum Others: String, Sendable, CaseIterable {
            /// Passed through unchanged (the schema then accepts or rejects it).
            case keep
            /// Dropped: the fact (or list element) stays missing.
            case missing
        }

        /// Dotted fact path, e.g. `content.tdb_keywords`.
        public let fact: String
        public let source: Source
        /// The column holds a JSON array (the dumps' multi-valued fields, e.g. `["CONTENT_TYPE_IMAGE"]`).
        public let jsonList: Bool
        /// Fill a single-valued fact from a list column with its first element that maps.
        public let pickFirst: Bool
        /// Value map applied to the cell (or each list element) before conversion.
        public let values: [String: String]
        public let others: Others
        public let conversion: Conversion
    }

    /// A column the mapping reads, where the file names it: every one must be in each input's header
    /// (unless it is optional), and a diagnostic about it points here.
    public struct ColumnReference: Sendable {
        public let column: String
        public let location: SourceLocation
    }

    /// The mapping file as given.
    public let file: String
    /// `sha256:` of the file's bytes, recorded in reports so a result can be traced to the mapping used.
    public let digest: String
    /// Column holding the record's date (for `--as-of record`, months and `--period`).
    public let dateColumn: String?
    /// Column holding the record's own id (for listings when the `id` fact is not mapped).
    public let idColumn: String?
    /// What the source did with every record: a statement of reasons is written because the platform acted.
    public let historicalOutcome: HistoricalOutcome
    /// Columns a file must have to be read as statements of reasons at all.
    public let requiredColumns: [String]
    /// Columns some dumps lack (such as `content_id_ean`, added in July 2025): a rule reading one leaves its
    /// fact missing in files without it. Every other column the mapping reads must be in each header.
    public let optionalColumns: Set<String>
    /// One rule per fact, in file order.
    public let rules: [Rule]
    /// Every column the rules and `record` read, in file order.
    public let columnReferences: [ColumnReference]
    /// The mapping file's text, so that diagnostics about it show the line.
    let sourceFiles: SourceFiles

    /// Facts the mapping fills, with where from (`column <name>` or `constant`), for the report header.
    public var targets: [String: String] {
        var out: [String: String] = [:]
        for rule in rules {
            switch rule.source {
            case let .column(name): out[rule.fact] = "column \(name)"
            case .constant: out[rule.fact] = "constant"
            }
        }
        return out
    }
}

/// A value the mapping writes into a fact.
public enum MappedValue: Sendable, Hashable {
    case string(String)
    case bool(Bool)
    case integer(Int64)
    case list([String])
}
