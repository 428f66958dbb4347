import GRDB

extension DecisionLogError.SQLiteFailure {
    /// Keeps the codes and GRDB's description, which shows the statement but never its arguments.
    init?(_ error: any Error) {
        guard let error = error as? DatabaseError else { return nil }
        self.init(
            resultCode: error.resultCode.rawValue,
            extendedResultCode: error.extendedResultCode.rawValue,
            detail: error.description
        )
    }
}

extension DecisionLogError {
    /// Passes a `DecisionLogError` through and wraps anything else with `make`.
    static func wrapping(_ error: any Error, _ make: (SQLiteFailure?) -> Self) -> Self {
        (error as? DecisionLogError) ?? make(SQLiteFailure(error))
    }
}
