import GRDB

/// The SQL for one page of ``LogQuery``.
///
/// A check filter joins the `decision_checks` index (primary key `(check_id, sequence)`), so
/// `?check=` is an index range scan; paging is `sequence > cursor`, an index seek on the rowid.
/// One row more than the limit is fetched to learn whether another page follows.
enum RecordQuery {
    static func sql(for query: LogQuery) throws(DecisionLogError) -> (String, StatementArguments) {
        var sql = "SELECT \(StoredRow.selectList(alias: "d")) FROM decisions d"
        var arguments = StatementArguments()
        if let check = query.filter.check {
            sql += " JOIN decision_checks c ON c.sequence = d.sequence AND c.check_id = ?"
            arguments += [check]
        }
        sql += " WHERE d.sequence > ?"
        arguments += [query.cursor ?? 0]
        if let since = query.filter.since {
            guard let milliseconds = Timestamp.milliseconds(of: since) else {
                throw .invalidQuery("`since` is outside years 1–9999")
            }
            sql += " AND d.evaluated_at >= ?"
            arguments += [Timestamp.text(milliseconds: milliseconds)]
        }
        if let outcome = query.filter.outcome {
            sql += " AND d.outcome = ?"
            arguments += [outcome]
        }
        sql += " ORDER BY d.sequence LIMIT ?"
        arguments += [query.limit + 1]
        return (sql, arguments)
    }
}
