/// `GET /readyz` (200 or 503) and `GET /healthz` (always 200): whether the gate can take decisions.
struct ReadinessV1 {
    struct Check {
        let name: String
        let ok: Bool
        let detail: String
    }

    let checks: [Check]

    var isReady: Bool { checks.allSatisfy(\.ok) }

    func write(to json: inout JSONBuffer) {
        json.beginObject()
        json.key("status"); json.string(isReady ? "ready" : "not-ready")
        json.key("checks")
        json.beginArray()
        for check in checks {
            json.beginObject()
            json.key("name"); json.string(check.name)
            json.key("ok"); json.bool(check.ok)
            json.key("detail"); json.string(check.detail)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}
