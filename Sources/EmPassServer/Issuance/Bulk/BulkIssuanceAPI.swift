import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// /api/v1/issuance/batches: upload a results file (text/csv) and follow its progress.
struct BulkIssuanceAPI {
    let services: AppServices

    func register(on api: RouterGroup<AppRequestContext>) {
        api.post("issuance/batches", use: create)
        api.get("issuance/batches", use: list)
        api.get("issuance/batches/{batch}", use: one)
        api.post("issuance/batches/{batch}/retry", use: retry)
        api.get("issuance/batches/{batch}/rows/{row}/credential", use: credential)
    }

    struct RowView: Encodable {
        let row: Int
        let line: Int
        /// A DID as written; an email only as its hint (`m•••@example.org`).
        let learner: String
        let state: String
        /// In the request's language (`?lang=`, cookie, Accept-Language).
        let reason: String?
        /// The reason as a stable code with its parameters, for programs.
        let reasonCode: String?
        let reasonParameters: [String: String]?
        let attempts: Int
        let credentialId: String?
        /// Where the caller (anyone who may see the batch) can read the issued credential.
        let credential: String?
    }

    struct BatchView: Encodable {
        let id: String
        let state: String
        let fileName: String?
        let rows: Int
        let done: Int
        let pending: Int
        let issued: Int
        let failed: Int
        let createdAt: Date
        let completedAt: Date?
        /// Where to follow the batch.
        let status: String
        /// Present on upload: true when the same file had been uploaded before (this is that batch).
        let alreadyUploaded: Bool?
        let items: [RowView]?
    }

    static func view(_ batch: IssuanceBatchRecord, counts: IssuanceBatchCounts, rows: [IssuanceBatchRow]?,
                     alreadyUploaded: Bool? = nil, strings: [String: String] = [:]) -> BatchView {
        BatchView(id: batch.id.description, state: batch.state.rawValue, fileName: batch.fileName, rows: batch.rowCount, done: counts.done,
                  pending: counts.pending, issued: counts.issued, failed: counts.failed, createdAt: batch.createdAt,
                  completedAt: batch.completedAt, status: "/api/v1/issuance/batches/\(batch.id)", alreadyUploaded: alreadyUploaded,
                  items: rows?.map {
                      RowView(row: $0.number, line: $0.line, learner: $0.learner, state: $0.state.rawValue,
                              reason: BulkRowReason.text(of: $0, strings: strings), reasonCode: $0.reasonCode,
                              reasonParameters: $0.reasonCode == nil ? nil : $0.reasonArguments, attempts: $0.attempts,
                              credentialId: $0.credentialID.map(OpenBadgeCredentialBuilder.credentialURI),
                              credential: $0.credentialID == nil ? nil : "/api/v1/issuance/batches/\(batch.id)/rows/\($0.number)/credential")
                  })
    }

    /// text/csv body → 202 {id, rows, status, …} (200 with `alreadyUploaded` for a file sent before).
    /// `?name=` records a file name for the report.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, organisation) = try await BulkIssuanceUpload.organisation(context, services: services)
        let contentType = (request.headers[.contentType] ?? "").lowercased()
        guard ["text/csv", "application/csv", "text/plain"].contains(where: { contentType.hasPrefix($0) }) else {
            throw BulkIssuanceError.unsupportedMediaType(contentType.isEmpty ? "a body without a content type" : contentType)
        }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let accepted = try await BulkIssuanceUpload(services: services).accept(
            Array(buffer: body), fileName: request.uri.queryParameters["name"].map(String.init), organisation: organisation,
            uploader: user, context: context)
        let counts = try await services.issuanceBatches.counts(batchID: accepted.batch.id)
        var response = try APIJSON.response(Self.view(accepted.batch, counts: counts, rows: nil, alreadyUploaded: accepted.alreadyUploaded),
                                            status: accepted.alreadyUploaded ? .ok : .accepted)
        response.headers[.location] = "/api/v1/issuance/batches/\(accepted.batch.id)"
        return response
    }

    /// The organisation's latest batches (no rows).
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, organisation) = try await BulkIssuanceUpload.organisation(context, services: services)
        var items: [BatchView] = []
        for batch in try await services.issuanceBatches.batches(organisationID: organisation.id, limit: 100) {
            items.append(Self.view(batch, counts: try await services.issuanceBatches.counts(batchID: batch.id), rows: nil))
        }
        return try APIJSON.response(ListView(items: items))
    }

    /// Progress and the per-row report.
    @Sendable func one(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, batch) = try await BulkIssuanceUpload.batch(context.parameters.get("batch"), context: context, services: services)
        let rows = try await services.issuanceBatches.rows(batchID: batch.id)
        let counts = IssuanceBatchCounts(pending: rows.filter { $0.state == .pending }.count, issued: rows.filter { $0.state == .issued }.count,
                                         failed: rows.filter { $0.state == .failed }.count)
        return try APIJSON.response(Self.view(batch, counts: counts, rows: rows,
                                              strings: services.pages.catalogue.strings(for: context.language)))
    }

    /// Rows the database failed on go back to pending and the batch runs again → {retried}.
    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, batch) = try await BulkIssuanceUpload.batch(context.parameters.get("batch"), context: context, services: services)
        let count = try await BulkIssuanceProcessor(services: services).retryTransientFailures(batch.id)
        struct Retried: Encodable { let retried: Int; let status: String }
        return try APIJSON.response(Retried(retried: count, status: "/api/v1/issuance/batches/\(batch.id)"), status: .accepted)
    }

    /// The credential a row issued, for anyone who may see the batch (its organisation's
    /// issuers, assessors included): the stored document as issued.
    @Sendable func credential(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await BulkIssuanceAPI.credentialResponse(context: context, services: services)
    }

    static func credentialResponse(context: AppRequestContext, services: AppServices) async throws -> Response {
        let (_, batch) = try await BulkIssuanceUpload.batch(context.parameters.get("batch"), context: context, services: services)
        guard let number = context.parameters.get("row").flatMap(Int.init),
              let row = try await services.issuanceBatches.rows(batchID: batch.id).first(where: { $0.number == number }),
              let id = row.credentialID, let record = try await services.credentials.credential(id: id),
              record.organisationID == batch.organisationID else {
            throw AppError.notFound("this row's credential")
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/vc+ld+json"
        headers[.contentDisposition] = "inline; filename=\"credential-\(number).json\""
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: record.credentialJSON)))
    }
}
