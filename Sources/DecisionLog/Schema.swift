import GRDB

/// The database schema, as migrations that are frozen once shipped.
///
/// Each migration is a literal SQL string, never derived from Swift types, so that renaming a type
/// can never change what an old database is migrated to. Add new migrations; never edit one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-decisions", migrate: { db in try db.execute(sql: v1) })
        return migrator
    }

    /// v1: the chained `decisions` table, the `decision_checks` index table, and the triggers that
    /// make both append-only. STRICT tables keep every column the type the hash was computed over.
    static let v1 = """
        CREATE TABLE decisions (
            sequence      INTEGER PRIMARY KEY,
            decision_id   TEXT NOT NULL UNIQUE,
            request_id    TEXT,
            outcome       TEXT NOT NULL,
            failed_checks TEXT NOT NULL,
            bundle_digest TEXT NOT NULL,
            evaluated_at  TEXT NOT NULL,
            decision_json BLOB NOT NULL,
            request_json  BLOB NOT NULL,
            previous_hash TEXT NOT NULL,
            hash          TEXT NOT NULL
        ) STRICT;
        CREATE INDEX decisions_evaluated_at ON decisions(evaluated_at);
        CREATE INDEX decisions_outcome ON decisions(outcome);

        CREATE TABLE decision_checks (
            check_id TEXT NOT NULL,
            sequence INTEGER NOT NULL REFERENCES decisions(sequence),
            PRIMARY KEY (check_id, sequence)
        ) WITHOUT ROWID, STRICT;

        CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions is append-only'); END;
        CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions is append-only'); END;
        CREATE TRIGGER decision_checks_no_update BEFORE UPDATE ON decision_checks
        BEGIN SELECT RAISE(ABORT, 'decision_checks is append-only'); END;
        CREATE TRIGGER decision_checks_no_delete BEFORE DELETE ON decision_checks
        BEGIN SELECT RAISE(ABORT, 'decision_checks is append-only'); END;
        """
}
