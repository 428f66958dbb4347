import HTTPTypes

/// Response headers that carry a decision's essentials, so that a shell step can act on status and
/// header alone (`curl -w '%{http_code} %header{rightsgate-outcome}'`) without parsing JSON.
extension HTTPField.Name {
    /// The decision id (also the body's `decision_id`).
    static let rightsGateDecisionID = Self("RightsGate-Decision-Id")!
    /// The outcome (also the body's `outcome`). Only `allow` permits the action.
    static let rightsGateOutcome = Self("RightsGate-Outcome")!
    /// The decision's sequence number in the log: present only on logged decisions.
    static let rightsGateLogSequence = Self("RightsGate-Log-Sequence")!
    /// The logged record's chain hash.
    static let rightsGateLogHash = Self("RightsGate-Log-Hash")!
    /// `true` on `POST /v1/evaluate`: a dry run, not logged, not a permission to act.
    static let rightsGateDryRun = Self("RightsGate-Dry-Run")!
    /// How many warnings (e.g. unknown fields) the request decoder reported.
    static let rightsGateWarnings = Self("RightsGate-Warnings")!
}
