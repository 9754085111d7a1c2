import Catalogue
import Foundation
import Hummingbird
import Storage

/// /api/v1/providers/{provider}/…: providers' quality-assurance records and the assurance question.
/// `{provider}` is the organisation's id or slug. Reading is public (QA is public information);
/// writing follows `AccessPolicy.manageQARecord`: platform administrators enter any record for the
/// QA body that issued it; an organisation administrator only its own organisation's self-assessments.
struct QualityAPI {
    let services: AppServices

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("providers/{provider}", use: provider)
        api.get("providers/{provider}/qa-records", use: list)
        api.post("providers/{provider}/qa-records", use: create)
        api.get("providers/{provider}/qa-records/{record}", use: record)
        api.put("providers/{provider}/qa-records/{record}", use: update)
        api.post("providers/{provider}/qa-records/{record}/withdraw", use: withdraw)
        api.get("providers/{provider}/assurance", use: assurance)
    }

    /// The organisation and whether it is quality-assured today at organisation level.
    @Sendable func provider(_ request: Request, context: AppRequestContext) async throws -> Response {
        let organisation = try await Self.provider(context, services: services)
        struct View: Encodable { let provider: ProviderView; let qaRecords: Int }
        let count = try await services.qaRecords.qaRecords(provider: organisation.id).count
        return try APIJSON.response(View(provider: ProviderView(organisation), qaRecords: count))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let organisation = try await Self.provider(context, services: services)
        let rows = try await services.qaRecords.qaRecords(provider: organisation.id)
        return try APIJSON.response(ListView(items: try rows.map(QARecordView.init)))
    }

    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let organisation = try await Self.provider(context, services: services)
        return try APIJSON.response(try QARecordView(try await existing(context, provider: organisation)))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let input = try await request.decodeJSON(QARecordInput.self, context: context)
        let organisation = try await Self.provider(context, services: services)
        // Who may enter anything at all for this provider, before saying what is wrong with the input.
        try context.authorize(.manageQARecord(provider: organisation, selfAssessment: true))
        try Self.requireProviderKind(organisation)
        let id: QARecordID = services.newID()
        let record = try await validated(input, id: id, provider: organisation)
        try context.authorize(.manageQARecord(provider: organisation, selfAssessment: record.isSelfDeclared))
        let now = services.clock.now()
        let row = QARecordMapping.row(record, id: id, provider: organisation.id, enteredBy: principal.user.id, createdAt: now, updatedAt: now)
        try await services.qaRecords.insert(row)
        try await services.audit.record(.qaRecordCreated, actor: principal.user.id, target: "qaRecord:\(id)", context: context,
                                        details: ["provider": organisation.slug, "mechanism": row.mechanism, "body": row.bodyName])
        return try APIJSON.response(try QARecordView(row), status: .created)
    }

    /// Corrects a record (a new certificate is a new record; this fixes mistakes). Withdrawn records answer 409.
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let input = try await request.decodeJSON(QARecordInput.self, context: context)
        let organisation = try await Self.provider(context, services: services)
        let stored = try await existing(context, provider: organisation)
        let before = try QARecordMapping.record(stored)
        try context.authorize(.manageQARecord(provider: organisation, selfAssessment: before.isSelfDeclared))
        let record = try await validated(input, id: stored.id, provider: organisation)
        try context.authorize(.manageQARecord(provider: organisation, selfAssessment: before.isSelfDeclared && record.isSelfDeclared))
        var row = QARecordMapping.row(record, id: stored.id, provider: organisation.id, enteredBy: stored.enteredBy,
                                      createdAt: stored.createdAt, updatedAt: services.clock.now())
        row.withdrawnAt = stored.withdrawnAt
        row.withdrawalReason = stored.withdrawalReason
        try await services.qaRecords.replace(row)
        try await services.audit.record(.qaRecordUpdated, actor: principal.user.id, target: "qaRecord:\(stored.id)", context: context,
                                        details: ["provider": organisation.slug, "mechanism": row.mechanism])
        return try APIJSON.response(try QARecordView(row))
    }

    struct Withdrawal: Decodable {
        let reason: String?
        /// From when the record no longer applies (ISO 8601); default: now.
        let at: String?
    }

    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let input = try await request.decodeJSON(Withdrawal.self, context: context)
        let organisation = try await Self.provider(context, services: services)
        let stored = try await existing(context, provider: organisation)
        try context.authorize(.manageQARecord(provider: organisation, selfAssessment: try QARecordMapping.record(stored).isSelfDeclared))
        var issues: [ValidationIssue] = []
        let reason = input.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if reason.isEmpty { issues.append(ValidationIssue("reason", input.reason == nil ? .missing : .empty, "say why the record is withdrawn")) }
        if reason.count > QARecordValidator.maxText { issues.append(ValidationIssue("reason", .outOfRange, "is longer than \(QARecordValidator.maxText) characters")) }
        let at = input.at.map { QARecordValidator.instant($0, "at", required: false, issues: &issues) } ?? services.clock.now()
        guard issues.isEmpty, let at else { throw QARecordInvalid(issues: issues) }
        let withdrawn = try await services.qaRecords.withdraw(id: stored.id, at: at, reason: reason)
        try await services.audit.record(.qaRecordWithdrawn, actor: principal.user.id, target: "qaRecord:\(stored.id)", context: context,
                                        details: ["provider": organisation.slug, "reason": reason, "at": Timestamp.format(at)])
        return try APIJSON.response(try QARecordView(withdrawn))
    }

    /// Public: `?specification=<id>[&version=<n>][&date=YYYY-MM-DD|<ISO 8601 instant>]` (date default: now).
    @Sendable func assurance(_ request: Request, context: AppRequestContext) async throws -> Response {
        let organisation = try await Self.provider(context, services: services)
        let query = request.uri.queryParameters
        guard let specification = query.get("specification"), !specification.isEmpty else {
            throw AppError.invalidInput("specification is required (?specification=<id>)")
        }
        guard SpecID(specification).isValid else { throw AppError.invalidInput("specification '\(specification)' is not a specification id") }
        var version: Int?
        if let text = query.get("version"), !text.isEmpty {
            guard let number = Int(text), number > 0 else { throw AppError.invalidInput("version is a whole number from 1") }
            version = number
        }
        var date = services.clock.now()
        if let text = query.get("date"), !text.isEmpty {
            guard let parsed = QADate.queryDate(text) else {
                throw AppError.invalidInput("date '\(text)' is neither a calendar day (YYYY-MM-DD) nor an ISO 8601 instant")
            }
            date = parsed
        }
        let answer = try await services.qualityAssurance.assurance(
            provider: organisation.id, specification: SpecReference(id: SpecID(specification), version: version), on: date)
        return try APIJSON.response(AssuranceView(answer))
    }

    // MARK: Helpers

    /// The provider named in the path by id or slug.
    static func provider(_ context: AppRequestContext, services: AppServices) async throws -> Organisation {
        guard let key = context.parameters.get("provider") else { throw AppError.notFound("this provider") }
        let found = if let id = OrganisationID(key) { try await services.organisations.organisation(id: id) }
                    else { try await services.organisations.organisation(slug: key) }
        guard let found else { throw AppError.notFound("provider \(key)") }
        return found
    }

    /// Providers are the organisations that offer learning or award credentials.
    static let providerKinds: Set<OrganisationKind> = [.issuer, .testCentre, .youthOrganisation]

    static func requireProviderKind(_ organisation: Organisation) throws {
        guard providerKinds.contains(organisation.kind) else {
            throw AppError.invalidInput("\(organisation.slug) is a \(organisation.kind.rawValue); quality-assurance records are kept for issuers, test centres and youth organisations")
        }
    }

    private func existing(_ context: AppRequestContext, provider: Organisation) async throws -> ProviderQARecord {
        guard let text = context.parameters.get("record"), let id = QARecordID(text),
              let row = try await services.qaRecords.qaRecord(id: id), row.providerID == provider.id
        else { throw AppError.notFound("this quality-assurance record") }
        return row
    }

    /// The library's record, or 422 with every problem: the input's own and specifications that do not exist.
    private func validated(_ input: QARecordInput, id: QARecordID, provider: Organisation) async throws -> QARecord {
        var unknown: [ValidationIssue] = []
        for (index, reference) in (input.scope?.specifications ?? []).enumerated() {
            guard let specID = reference.id, SpecID(specID).isValid else { continue }
            let versions = try await services.specs.specVersions(id: specID)
            if versions.isEmpty {
                unknown.append(ValidationIssue("scope.specifications[\(index)].id", .missing, "no specification '\(specID)' in the catalogue"))
            } else if let version = reference.version, version > 0, !versions.contains(where: { $0.version == version }) {
                unknown.append(ValidationIssue("scope.specifications[\(index)].version", .missing, "\(specID) has no version \(version)"))
            }
        }
        switch QARecordValidator().validate(input, id: id.description, provider: QARecordMapping.providerID(provider.id)) {
        case .failure(let invalid): throw QARecordInvalid(issues: invalid.issues + unknown)
        case .success(let record):
            guard unknown.isEmpty else { throw QARecordInvalid(issues: unknown) }
            return record
        }
    }
}
