import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import LinkedData
import Storage

extension Request {
    /// The body as an order- and number-preserving JSON value (what signatures are made over).
    func jsonValue(context: AppRequestContext) async throws -> JSONValue {
        var request = self
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw AppError.malformedJSON("the request body is empty; expected a JSON object") }
        // Parsed in place (the view is contiguous): no copy of the body into an array.
        do { return try JSONParser().parse(buffer.readableBytesView) } catch {
            throw AppError.malformedJSON("not valid JSON (\(error))")
        }
    }
}

enum IssuanceJSON {
    static func response(_ value: JSONValue, status: HTTPResponse.Status = .ok, contentType: String = "application/json",
                         headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: JSONSerializer.serializeBytes(value))))
    }

    static func credentialID(_ text: String) throws -> IssuedCredentialID {
        let bare = text.hasPrefix("urn:uuid:") ? String(text.dropFirst("urn:uuid:".count)) : text
        guard let id = IssuedCredentialID(bare) else { throw AppError.invalidInput("\(text) is not a credential id (urn:uuid:…)") }
        return id
    }
}

/// GET /status/{list}: the signed BitstringStatusListCredential, with ETag and Cache-Control so
/// verifiers and caches can poll it cheaply (304 when unchanged).
struct StatusRoutes {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        router.get("status/{list}", use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let text = context.parameters.get("list"), let id = StatusListID(text) else { throw AppError.notFound("this status list") }
        let publisher = StatusListPublisher(services: services)
        let list = try await publisher.list(id)
        let etag = StatusListPublisher.etag(list)
        var headers = HTTPFields()
        headers[.cacheControl] = "public, max-age=\(StatusListPublisher.maxAgeSeconds)"
        headers[.eTag] = etag
        headers[.accessControlAllowOrigin] = "*"
        // Weak comparison (RFC 9110 §13.1.2): the version alone decides, before anything is built.
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: {
            let tag = $0.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || "W/" + tag == etag
        }) {
            return Response(status: .notModified, headers: headers)
        }
        let published = try await publisher.publish(list)
        headers[.contentType] = "application/vc+ld+json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: published.body)))
    }
}

/// The W3C CCG VC-API: issue (token's organisation is the issuer), verify (public), status.
struct VCAPIRoutes {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        let group = router.group("credentials")
        group.post("issue", use: issue)
        group.post("verify", use: verify)
        group.post("status", use: status)
    }

    /// The caller's organisation, which they must be allowed to issue for.
    private func issuingOrganisation(_ context: AppRequestContext, action: (OrganisationID) -> Action) async throws -> (Principal, Organisation) {
        let principal = try context.requirePrincipal()
        guard let organisationID = principal.user.organisationID,
              let organisation = try await services.organisations.organisation(id: organisationID) else {
            throw AppError.forbidden("the calling account belongs to no organisation, so there is no issuer")
        }
        try context.authorize(action(organisationID))
        return (principal, organisation)
    }

    /// {credential, options} → 201 {verifiableCredential}; with an Idempotency-Key header a retry
    /// returns the same credential (200).
    @Sendable func issue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, organisation) = try await issuingOrganisation(context) { .issueCredential(organisation: $0) }
        let body = try await request.jsonValue(context: context)
        guard case .object(let object) = body, let credential = object["credential"] else {
            throw AppError.invalidInput("the body must be {\"credential\": {…}, \"options\": {…}}")
        }
        var options = try Self.options(object["options"])
        if let key = request.headers[HTTPField.Name("Idempotency-Key")!] {
            guard !key.isEmpty, key.count <= 200, key.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw AppError.invalidInput("Idempotency-Key must be 1–200 visible ASCII characters")
            }
            options.idempotencyKey = key
        }
        let issued = try await services.issuance.issue(document: credential, organisation: organisation, options: options)
        if !issued.replayed {
            try await services.audit.record(.credentialIssued, actor: principal.user.id, target: "credential:\(issued.record.id)",
                                            context: context, details: ["via": "vc-api", "organisation": organisation.slug])
        }
        // The stored text is the signed credential serialised once; the response wraps it as is
        // instead of serialising the document a second time.
        let stored = issued.record.credentialJSON
        var wrapped = ByteBuffer()
        wrapped.reserveCapacity(stored.utf8.count + 26)
        wrapped.writeStaticString(#"{"verifiableCredential":"#)
        wrapped.writeString(stored)
        wrapped.writeStaticString("}")
        return Response(status: issued.replayed ? .ok : .created, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: wrapped))
    }

    static func options(_ value: JSONValue?) throws -> IssuanceOptions {
        var options = IssuanceOptions()
        guard let value else { return options }
        guard case .object(let o) = value else { throw AppError.invalidInput("options must be an object") }
        if let suite = o["cryptosuite"] {
            guard let text = suite.stringValue, let choice = IssuanceOptions.ProofSuiteChoice(rawValue: text) else {
                throw AppError.invalidInput("options.cryptosuite must be eddsa-rdfc-2022 or eddsa-jcs-2022")
            }
            options.suite = choice
        }
        if let identity = o["issuerIdentity"] {
            guard let text = identity.stringValue, let kind = IssuerIdentityKind(rawValue: text) else {
                throw AppError.invalidInput("options.issuerIdentity must be didWeb or didKey")
            }
            options.issuerIdentity = kind
        }
        if let format = o["format"] {
            guard let text = format.stringValue, let value = SecuringFormat(option: text) else {
                throw AppError.invalidInput("options.format must be application/vc (Data Integrity, the default) or application/vc+jwt")
            }
            if value == .vcJWT, o["cryptosuite"] != nil {
                throw AppError.invalidInput("options.cryptosuite applies to Data Integrity; a VC-JWT is signed with EdDSA")
            }
            options.format = value
        }
        if let layout = o["statusLayout"] {
            guard let text = layout.stringValue, let value = IssuanceOptions.StatusLayout(rawValue: text) else {
                throw AppError.invalidInput("options.statusLayout must be revocationAndSuspension or revocationOnly")
            }
            options.statusLayout = value
        }
        return options
    }

    /// {verifiableCredential} → {verified, checks, warnings, errors}; no authentication. Status is
    /// checked for lists this platform publishes; a list it cannot check is a warning, never "ok".
    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.jsonValue(context: context)
        guard case .object(let object) = body, let submitted = object["verifiableCredential"] else {
            throw AppError.invalidInput("the body must be {\"verifiableCredential\": {…}}")
        }
        // A VC-JWT comes as the compact JWS string or as an EnvelopedVerifiableCredential.
        let token = submitted.stringValue.flatMap { CompactJWS.looksLikeCompact($0) ? $0 : nil } ?? EnvelopedCredential.compactJWS(in: submitted)
        let credentialObject: JSONObject?
        let report: VerificationReport
        if let token {
            report = await services.vcJWTVerifier.verify(token)
            credentialObject = VCJWT.unverifiedCredential(in: token)
        } else {
            guard case .object(let object) = submitted else {
                throw AppError.invalidInput("verifiableCredential must be a JSON object, a VC-JWT, or an EnvelopedVerifiableCredential")
            }
            credentialObject = object
            report = await services.credentialVerifier.verify(submitted)
        }
        let statuses = report.isValid && credentialObject != nil
            ? Self.statusOutcomes(await HostedStatusCheck(services: services).check(credentialObject!, issuer: report.issuer)) : []
        func check(_ c: VerificationCheck) -> JSONValue {
            .object(JSONObject([("check", .string(c.kind.rawValue)), ("reason", .string(c.reason.rawValue)), ("message", .string(c.message))]))
        }
        var checks = Set(VerificationCheck.Kind.allCases.filter { kind in
            let of = report.checks(kind)
            return !of.isEmpty && of.allSatisfy { $0.status == .pass }
        }.map(\.rawValue))
        var errors = report.failures.map(check)
        var warnings = report.warnings.map(check)
        for outcome in statuses {
            let entry = JSONValue.object(JSONObject([("check", .string("status")), ("reason", .string(outcome.status)),
                                                      ("message", .string(outcome.message))]))
            switch outcome.status {
            case "revoked", "suspended": errors.append(entry)
            case "unknown": warnings.append(entry)
            default: break
            }
        }
        if !statuses.isEmpty, statuses.allSatisfy({ $0.status == "active" }) { checks.insert("status") }
        let verified = report.isValid && !statuses.contains { $0.status == "revoked" || $0.status == "suspended" }
        return IssuanceJSON.response(.object(JSONObject([
            ("verified", .bool(verified)),
            ("checks", .array(checks.sorted().map(JSONValue.string))),
            ("warnings", .array(warnings)),
            ("errors", .array(errors)),
        ])))
    }

    /// One status entry as the VC-API reports it.
    struct StatusOutcome: Sendable {
        let purpose: String
        let status: String   // active | revoked | suspended | unknown
        let message: String
    }

    static func statusOutcomes(_ report: CredentialStatusReport) -> [StatusOutcome] {
        report.entries.map { entry in
            let revocation = entry.purpose == StatusPurpose.revocation.rawValue
            switch entry.outcome {
            case .clear: return StatusOutcome(purpose: entry.purpose, status: "active", message: "not \(revocation ? "revoked" : "suspended")")
            case .set:
                let status = revocation ? "revoked" : "suspended"
                return StatusOutcome(purpose: entry.purpose, status: status, message: "the issuer has \(status) this credential")
            case .notChecked:
                return StatusOutcome(purpose: entry.purpose, status: "unknown",
                                     message: entry.problem ?? "status list \(entry.listCredential ?? "-") could not be checked here")
            }
        }
    }

    /// {credentialId, credentialStatus: [{type, status}], reason} → the credential's new state.
    /// `status` is revoked, suspended, or active/unsuspended.
    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, organisation) = try await issuingOrganisation(context) { .manageCredentialStatus(organisation: $0) }
        let body = try await request.jsonValue(context: context)
        guard case .object(let object) = body, let idText = object["credentialId"]?.stringValue,
              let updates = object["credentialStatus"]?.arrayValue, !updates.isEmpty else {
            throw AppError.invalidInput("the body must be {\"credentialId\": \"urn:uuid:…\", \"credentialStatus\": [{\"type\": …, \"status\": …}]}")
        }
        let service = CredentialStatusService(services: services)
        let record = try await service.credential(try IssuanceJSON.credentialID(idText), issuedBy: organisation.id)
        let reason = object["reason"]?.stringValue
        var state = try await services.statusLists.credentialState(id: record.id)
        for update in updates {
            guard let type = update["type"]?.stringValue, type == "BitstringStatusListEntry" || type == "BitstringStatusListCredential" else {
                throw AppError.invalidInput("credentialStatus[].type must be BitstringStatusListEntry")
            }
            let change: CredentialStatusService.Change
            switch update["status"]?.stringValue {
            case "revoked": change = .revoke
            case "suspended": change = .suspend
            case "active", "unsuspended":
                // Revocation is permanent; "active" cannot undo it (only a suspension is lifted).
                if state == .revoked { throw AppError.conflict("this credential is revoked; revocation is permanent") }
                change = .unsuspend
            default: throw AppError.invalidInput("credentialStatus[].status must be revoked, suspended or active")
            }
            state = try await service.apply(change, to: record, reason: reason, actor: principal.user.id, context: context)
        }
        return IssuanceJSON.response(.object(JSONObject([
            ("credentialId", .string(OpenBadgeCredentialBuilder.credentialURI(record.id))), ("status", .string(state.rawValue)),
        ])))
    }
}

/// /api/v1: an organisation's issued credentials, one credential, status changes, key rotation.
struct IssuanceAPI {
    let services: AppServices

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("credentials", use: list)
        api.get("credentials/{id}", use: one)
        api.post("credentials/{id}/status", use: changeStatus)
        api.post("organisations/{slug}/keys/rotate", use: rotate)
    }

    struct CredentialView: Encodable {
        let id: String
        /// How it is secured: application/vc (Data Integrity) or application/vc+jwt.
        let format: String
        let organisationId: String
        let specId: String?
        let specVersion: Int?
        let issuedAt: Date
        let status: String
    }

    private func view(_ record: IssuedCredentialRecord) async throws -> CredentialView {
        CredentialView(id: OpenBadgeCredentialBuilder.credentialURI(record.id), format: record.format.rawValue, organisationId: record.organisationID.description,
                       specId: record.specID, specVersion: record.specVersion, issuedAt: record.issuedAt,
                       status: try await services.statusLists.credentialState(id: record.id).rawValue)
    }

    /// The caller's organisation's latest credentials (`?organisation=` for platform admins).
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let organisation: OrganisationID
        if let text = request.uri.queryParameters["organisation"] {
            guard let id = OrganisationID(String(text)) else { throw AppError.invalidInput("organisation must be a UUID") }
            organisation = id
        } else if let own = principal.user.organisationID {
            organisation = own
        } else if principal.user.role == .platformAdmin {
            throw AppError.invalidInput("name an organisation (?organisation=…)")
        } else {
            throw AppError.forbidden("your account belongs to no organisation")
        }
        try context.authorize(.manageCredentialStatus(organisation: organisation))
        var items: [CredentialView] = []
        for record in try await services.credentials.credentials(organisationID: organisation, limit: 100) { items.append(try await view(record)) }
        return try APIJSON.response(ListView(items: items))
    }

    /// The signed credential: for its learner, and for administrators of its issuer.
    @Sendable func one(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try IssuanceJSON.credentialID(context.parameters.get("id") ?? "")
        guard let record = try await services.credentials.credential(id: id) else { throw AppError.notFound("this credential") }
        let isLearner = record.learnerUserID == principal.user.id
        guard isLearner || AccessPolicy.decide(principal.user, .manageCredentialStatus(organisation: record.organisationID)) == .allow else {
            throw AppError.notFound("this credential")   // not "forbidden": do not confirm it exists
        }
        let credential = try JSONParser().parse(Array(record.credentialJSON.utf8))
        // A VC-JWT is stored enveloped (its format column says so); `Accept: application/vc+jwt` gets the bare token.
        if record.format == .vcJWT, let token = EnvelopedCredential.compactJWS(in: credential),
           request.headers[.accept]?.contains(VCJWT.mediaType) == true {
            return Response(status: .ok, headers: [.contentType: VCJWT.mediaType], body: .init(byteBuffer: ByteBuffer(string: token)))
        }
        return IssuanceJSON.response(credential, contentType: "application/vc+ld+json")
    }

    struct StatusChange: Decodable {
        let action: String
        let reason: String?
    }

    @Sendable func changeStatus(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try IssuanceJSON.credentialID(context.parameters.get("id") ?? "")
        let input = try await request.decodeJSON(StatusChange.self, context: context)
        guard let change = CredentialStatusService.Change(rawValue: input.action) else {
            throw AppError.invalidInput("action must be revoke, suspend or unsuspend")
        }
        let service = CredentialStatusService(services: services)
        let record = try await service.credential(id, issuedBy: nil)
        guard AccessPolicy.decide(principal.user, .manageCredentialStatus(organisation: record.organisationID)) == .allow else {
            throw AppError.notFound("this credential")
        }
        try await service.apply(change, to: record, reason: input.reason, actor: principal.user.id, context: context)
        return try APIJSON.response(try await view(record))
    }

    @Sendable func rotate(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let slug = context.parameters.get("slug"), let organisation = try await services.organisations.organisation(slug: slug) else {
            throw AppError.notFound("this organisation")
        }
        let principal = try context.authorize(.rotateIssuerKey(organisation: organisation.id))
        let record = try await services.issuerKeyring.rotate(for: organisation)
        try await services.audit.record(.issuerKeyRotated, actor: principal.user.id, target: "organisation:\(organisation.id)",
                                        context: context, details: ["key": record.fragment])
        struct KeyView: Encodable { let id: String; let publicKeyMultibase: String; let createdAt: Date }
        return try APIJSON.response(KeyView(id: IssuerIdentity.didWeb(publicURL: services.config.publicURL, slug: slug).did + "#" + record.fragment,
                                            publicKeyMultibase: record.publicKeyMultibase, createdAt: record.createdAt), status: .created)
    }
}
