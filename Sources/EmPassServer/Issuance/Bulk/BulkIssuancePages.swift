import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// `/issuer/bulk`: upload a results file (a file or pasted text), download a sample, see the
/// organisation's batches; `/issuer/bulk/{batch}`: progress and the per-row report, reloading
/// itself (meta refresh, no JavaScript) while rows are pending.
struct BulkIssuancePages {
    let services: AppServices
    /// Seconds between reloads of a running batch's page.
    static let refreshSeconds = 3

    func register(on router: Router<AppRequestContext>) {
        router.get("issuer/bulk", use: home)
        router.post("issuer/bulk", use: upload)
        router.get("issuer/bulk/sample.csv", use: sample)
        router.get("issuer/bulk/{batch}", use: batch)
        router.post("issuer/bulk/{batch}/retry", use: retry)
        router.get("issuer/bulk/{batch}/rows/{row}/credential", use: credential)
    }

    private func t(_ context: AppRequestContext) -> (String, [String: String]) -> String {
        let catalogue = services.pages.catalogue
        let language = context.language
        return { key, arguments in catalogue.text(key, language, arguments) }
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, organisation) = try await BulkIssuanceUpload.organisation(context, services: services)
        return try await renderHome(organisation: organisation, context: context, error: nil, status: .ok)
    }

    private func renderHome(organisation: Organisation, context: AppRequestContext, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let t = t(context)
        var rows: [BulkHomePage.Batch] = []
        for batch in try await services.issuanceBatches.batches(organisationID: organisation.id, limit: 50) {
            let counts = try await services.issuanceBatches.counts(batchID: batch.id)
            rows.append(.init(href: "/issuer/bulk/\(batch.id)", name: batch.fileName ?? t("bulk_unnamed", [:]),
                              createdAt: Timestamp.format(batch.createdAt), state: batch.state.rawValue,
                              stateLabel: t("bulk_batch_\(batch.state.rawValue)", [:]),
                              summary: t("bulk_summary", ["issued": String(counts.issued), "failed": String(counts.failed),
                                                          "total": String(counts.total)])))
        }
        let page = BulkHomePage(organisationName: organisation.name, error: error, batches: rows, hasBatches: !rows.isEmpty,
                                limits: t("bulk_limits", ["rows": String(BulkIssuanceFile.maximumRows),
                                                          "kib": String(BulkIssuanceFile.maximumBytes / 1024)]))
        return try services.pages.render("bulk", page: page, title: t("bulk_title", [:]), status: status, context: context, path: "/issuer/bulk")
    }

    /// multipart/form-data (`file`, or the `csv` text box) or urlencoded (`csv`).
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, organisation) = try await BulkIssuanceUpload.organisation(context, services: services)
        var request = request
        let contentType = request.headers[.contentType] ?? ""
        let body = Array(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        var bytes: [UInt8] = []
        var fileName: String?
        if contentType.lowercased().hasPrefix("multipart/form-data"), let boundary = MultipartFormData.boundary(contentType: contentType) {
            let form: MultipartFormData
            do { form = try MultipartFormData(body: body, boundary: boundary) } catch { throw AppError.malformedForm(error.description) }
            if let file = form.part("file"), !file.body.isEmpty {
                bytes = file.body
                fileName = file.filename
            } else {
                bytes = form.part("csv")?.body ?? []
            }
        } else {
            bytes = Array((FormFields(String(decoding: body, as: UTF8.self))["csv"] ?? "").utf8)
        }
        do {
            let accepted = try await BulkIssuanceUpload(services: services).accept(bytes, fileName: fileName, organisation: organisation,
                                                                                    uploader: user, context: context)
            return Response.redirect(to: "/issuer/bulk/\(accepted.batch.id)\(accepted.alreadyUploaded ? "?again=1" : "")", type: .normal)
        } catch let error as BulkIssuanceError {
            let problem = ErrorMapping.problem(for: error)
            return try await renderHome(organisation: organisation, context: context,
                                        error: t(context)("bulk_refused", ["reason": error.description]), status: problem.status)
        }
    }

    /// The form's "retry" button: back to the batch page, which shows the rows running again.
    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, batch) = try await BulkIssuanceUpload.batch(context.parameters.get("batch"), context: context, services: services)
        let count = try await BulkIssuanceProcessor(services: services).retryTransientFailures(batch.id)
        return Response.redirect(to: "/issuer/bulk/\(batch.id)?retried=\(count)", type: .normal)
    }

    /// A row's credential (the report links here: assessors may see it, unlike /api/v1/credentials).
    @Sendable func credential(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await BulkIssuanceAPI.credentialResponse(context: context, services: services)
    }

    @Sendable func sample(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await BulkIssuanceUpload.organisation(context, services: services)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"empass-bulk-sample.csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: try await BulkIssuanceUpload(services: services).sample())))
    }

    @Sendable func batch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, batch) = try await BulkIssuanceUpload.batch(context.parameters.get("batch"), context: context, services: services)
        let t = t(context)
        let rows = try await services.issuanceBatches.rows(batchID: batch.id)
        let issued = rows.filter { $0.state == .issued }.count, failed = rows.filter { $0.state == .failed }.count
        let done = issued + failed
        let running = batch.state == .processing
        let strings = services.pages.catalogue.strings(for: context.language)
        let page = BulkBatchPage(
            name: batch.fileName ?? t("bulk_unnamed", [:]), createdAt: Timestamp.format(batch.createdAt), running: running,
            progress: t("bulk_progress", ["done": String(done), "total": String(rows.count)]), done: done, total: max(rows.count, 1),
            issued: String(issued), failed: String(failed), pending: String(rows.count - done),
            notice: request.uri.queryParameters["again"] != nil ? t("bulk_already_uploaded", [:])
                : request.uri.queryParameters["retried"].map { t("bulk_retried", ["count": String($0)]) },
            stateLabel: t("bulk_batch_\(batch.state.rawValue)", [:]),
            rows: rows.map { row in
                BulkBatchPage.Row(number: row.number, line: row.line, learner: row.learner, state: row.state.rawValue,
                                  stateLabel: t("bulk_row_\(row.state.rawValue)", [:]), reason: BulkRowReason.text(of: row, strings: strings),
                                  attempts: row.attempts > 1 ? t("bulk_attempts", ["attempts": String(row.attempts)]) : nil,
                                  credentialHref: row.credentialID.map { _ in "/issuer/bulk/\(batch.id)/rows/\(row.number)/credential" },
                                  credentialShort: row.credentialID.map { String($0.description.suffix(12)) })
            },
            retryable: !running && rows.contains { $0.state == .failed && $0.reasonCode == BulkRowReason.transient(attempts: 0).code },
            retryAction: "/issuer/bulk/\(batch.id)/retry")
        return try services.pages.render("bulk-batch", page: page, title: t("bulk_batch_title", [:]), context: context,
                                         path: "/issuer/bulk/\(batch.id)", refreshSeconds: running ? Self.refreshSeconds : nil)
    }
}

struct BulkHomePage {
    struct Batch {
        let href: String
        let name: String
        let createdAt: String
        let state: String
        let stateLabel: String
        let summary: String
    }

    let organisationName: String
    let error: String?
    let batches: [Batch]
    let hasBatches: Bool
    let limits: String
}

struct BulkBatchPage {
    struct Row {
        let number: Int
        let line: Int
        let learner: String
        let state: String
        let stateLabel: String
        let reason: String?
        /// "after N attempts" when the database failed on the way.
        let attempts: String?
        let credentialHref: String?
        let credentialShort: String?
    }

    let name: String
    let createdAt: String
    let running: Bool
    let progress: String
    let done: Int
    let total: Int
    let issued: String
    let failed: String
    let pending: String
    let notice: String?
    let stateLabel: String
    let rows: [Row]
    /// Rows failed on the database and the batch is finished: offer to retry them.
    let retryable: Bool
    let retryAction: String
}
