import RightsGate

/// `GET /v1/policy`: which bundle is deciding right now.
struct PolicyV1 {
    let name: String
    let version: String
    let digest: String
    let loadedAt: String
    let checkCount: Int
    let languages: [String]

    init(_ bundle: PolicyBundle) {
        name = bundle.name
        version = bundle.version
        digest = bundle.digest
        loadedAt = LogTime.format(bundle.loadedAt)
        checkCount = bundle.checks.count
        languages = bundle.languages
    }

    func write(to json: inout JSONBuffer) {
        json.beginObject()
        json.key("name"); json.string(name)
        json.key("version"); json.string(version)
        json.key("digest"); json.string(digest)
        json.key("loaded_at"); json.string(loadedAt)
        json.key("check_count"); json.number(checkCount)
        json.key("languages"); json.strings(languages)
        json.endObject()
    }
}

/// `POST /v1/policy/reload` when the new bundle was accepted.
struct ReloadV1 {
    let policy: PolicyV1
    let previousDigest: String
    let warnings: [DiagnosticV1]

    func write(to json: inout JSONBuffer) {
        json.beginObject()
        json.key("policy"); policy.write(to: &json)
        json.key("previous_digest"); json.string(previousDigest)
        json.key("changed"); json.bool(previousDigest != policy.digest)
        json.key("warnings")
        json.beginArray()
        for warning in warnings { warning.write(to: &json) }
        json.endArray()
        json.endObject()
    }
}
