import DecisionLog
import Foundation
import Hummingbird
import RightsGate

/// Query parameters, validated; a bad one is a 400 `request.invalid-query` naming it.
enum RequestOptions {
    /// `?lang=`: the language of explanations, one of the bundle's languages; default the bundle's default
    /// (`en` when it declares it), never a language whose texts the bundle does not have.
    static func language(_ request: Request, bundle: PolicyBundle) throws -> String {
        guard let value = request.uri.queryParameters.get("lang") else { return bundle.defaultLanguage }
        guard bundle.languages.contains(value) else {
            throw GateError.invalidQuery("`lang` must be one of \(bundle.languages.joined(separator: ", ")), not `\(value)`")
        }
        return value
    }

    /// `GET /v1/decisions?since=&outcome=&check=&limit=&cursor=` as a log query.
    static func logQuery(_ request: Request) throws -> LogQuery {
        let parameters = request.uri.queryParameters
        var query = LogQuery()
        if let since = parameters.get("since") {
            guard let date = LogTime.parse(since) else {
                throw GateError.invalidQuery("`since` must be a date (2026-05-28) or an RFC 3339 time (2026-05-28T20:26:40Z)")
            }
            query.filter.since = date
        }
        if let outcome = parameters.get("outcome") {
            guard Outcome(rawValue: outcome) != nil else {
                let known = Outcome.allCases.map(\.rawValue).joined(separator: ", ")
                throw GateError.invalidQuery("`outcome` must be one of \(known)")
            }
            query.filter.outcome = outcome
        }
        if let check = parameters.get("check") {
            guard !check.isEmpty else { throw GateError.invalidQuery("`check` must not be empty") }
            query.filter.check = check
        }
        if let limit = parameters.get("limit") {
            guard let value = Int(limit), (1...LogQuery.maximumLimit).contains(value) else {
                throw GateError.invalidQuery("`limit` must be a whole number from 1 to \(LogQuery.maximumLimit)")
            }
            query.limit = value
        }
        if let cursor = parameters.get("cursor") {
            guard let value = Int64(cursor), value >= 0 else {
                throw GateError.invalidQuery("`cursor` must be the `next_cursor` of the previous page")
            }
            query.cursor = value
        }
        return query
    }
}
