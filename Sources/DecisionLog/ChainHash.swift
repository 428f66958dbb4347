import Crypto
import Foundation

/// The hash chain: how one record's hash is computed from its stored bytes and the previous hash.
///
/// This is the on-disk contract that `verify` and any external verifier (for example a script run
/// against a backup) must reproduce byte for byte; it is frozen as version 1 and documented in
/// `docs/decision-log.md`. It hashes the *stored* bytes of every column, so verification never has
/// to parse JSON or dates and any change to any stored byte changes the hash.
///
/// ```
/// hash   = lowercase_hex(SHA-256(previous_hash_bytes || record))
/// previous_hash_bytes = the 32 bytes that previous_hash's 64 hex digits spell
///                       (all zero for record 1: previous_hash is 64 "0" characters)
/// record = field("rightsgate.decision-log.v1")        format tag, ASCII
///       || field(sequence)                           decimal ASCII, no sign or leading zeros
///       || field(decision_id)                        UTF-8
///       || field(request_id) or ABSENT               UTF-8; ABSENT when request_id is NULL
///       || field(outcome)                            UTF-8
///       || field(failed_checks)                      the stored JSON array text, UTF-8
///       || field(bundle_digest)                      UTF-8
///       || field(evaluated_at)                       the stored text, e.g. 2026-03-01T12:00:00.123Z
///       || field(decision_json)                      the stored bytes
///       || field(request_json)                       the stored bytes
/// field(b) = UInt64 big-endian byte count of b || b
/// ABSENT   = the 8 bytes FF FF FF FF FF FF FF FF (a length no field can have)
/// ```
enum ChainHash {
    /// Format tag hashed first, so that a future layout can never collide with this one.
    static let formatTag = "rightsgate.decision-log.v1"

    /// The bytes of one record exactly as stored, in canonical order.
    struct StoredFields {
        var sequence: Int64
        var decisionID: Data
        var requestID: Data?
        var outcome: Data
        var failedChecks: Data
        var bundleDigest: Data
        var evaluatedAt: Data
        var decisionJSON: Data
        var requestJSON: Data
    }

    /// Computes a record's hash (stored as its 64 lowercase hex digits, ``HexDigest/text``).
    static func hash(previous: HexDigest, fields: StoredFields) -> HexDigest {
        var hasher = SHA256()
        hasher.update(data: previous.bytes)
        func field(_ bytes: Data) {
            withUnsafeBytes(of: UInt64(bytes.count).bigEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: bytes)
        }
        field(Data(formatTag.utf8))
        field(Data(String(fields.sequence).utf8))
        field(fields.decisionID)
        if let requestID = fields.requestID {
            field(requestID)
        } else {
            withUnsafeBytes(of: UInt64.max) { hasher.update(bufferPointer: $0) }
        }
        field(fields.outcome)
        field(fields.failedChecks)
        field(fields.bundleDigest)
        field(fields.evaluatedAt)
        field(fields.decisionJSON)
        field(fields.requestJSON)
        return HexDigest(bytes: hasher.finalize())
    }
}
