import Foundation
import RightsGate

/// Decision JSON with the two fields that differ between any two evaluations blanked out.
enum DecisionBytes {
    static func normalised(_ json: String) -> String {
        json.replacingOccurrences(of: #""decision_id":"[^"]*""#, with: #""decision_id":"…""#, options: .regularExpression)
            .replacingOccurrences(of: #""evaluated_at":"[^"]*""#, with: #""evaluated_at":"…""#, options: .regularExpression)
            .trimmingCharacters(in: .newlines)
    }

    /// The decision the library makes for `request` with the `mini` bundle, as of today.
    static func library(_ request: String, language: String = "en") throws -> String {
        let bundle = try Fixtures.loadMini()
        var facts = bundle.makeFactTable()
        _ = try bundle.decode(Array(request.utf8), into: &facts)
        let decision = Decision(evaluation: bundle.evaluate(facts, asOf: .today()))
        return DecisionJSON.render(decision, language: language)
    }
}
