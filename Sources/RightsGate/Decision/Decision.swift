public import Foundation

/// An evaluation with its identity: the decision id and the time it was made.
public struct Decision: Sendable {
    /// The wire format version of the decision JSON.
    public static let format = "rightsgate.decision/v1"

    public let id: String
    public let evaluatedAt: Date
    public let evaluation: Evaluation

    public init(evaluation: Evaluation, id: String? = nil, evaluatedAt: Date = Date()) {
        self.evaluation = evaluation
        self.evaluatedAt = evaluatedAt
        self.id = id ?? DecisionID.make(milliseconds: UInt64(max(0, evaluatedAt.timeIntervalSince1970 * 1000)))
    }

    public var outcome: Outcome { evaluation.outcome }
    public var requestID: String? { evaluation.requestID }

    /// SHA-256 of the canonical request (the facts the schema knows, keys sorted, no whitespace).
    public var requestDigest: String {
        let bundle = evaluation.bundle
        return FactJSON.sha256Hex(bundle.canonicalPlan.write(evaluation.facts, masking: .none))
    }

    /// The canonical request with sensitive facts masked: what the decision log stores.
    public func maskedRequest(_ masking: Masking) -> String {
        let bundle = evaluation.bundle
        return String(decoding: bundle.canonicalPlan.write(evaluation.facts, masking: masking), as: UTF8.self)
    }

    /// `2026-11-30T10:15:02.123Z`.
    public var evaluatedAtText: String {
        let ms = Int64((evaluatedAt.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let millis = Int(ms - seconds * 1000)
        let base = CivilDate.formatDateTime(seconds).dropLast()
        let m = String(millis)
        return "\(base).\(String(repeating: "0", count: 3 - m.count))\(m)Z"
    }
}
