import HTTPTypes
import Foundation
import Hummingbird

/// CSRF protection for every state-changing request, in one place.
///
/// A POST/PUT/PATCH/DELETE must carry a token (header `X-CSRF-Token` or form field `csrf_token`)
/// equal to the session's synchroniser token — or, before login, to the `empass_csrf` cookie
/// (double submit). Exempt: bearer-token requests, and JSON requests that carry no session
/// cookie (nothing ambient for a forger to ride on; e.g. the public verify API), and the POSTs in
/// `statelessPaths`, which change nothing and read nothing of the session.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// The public verification form: anyone may submit it from anywhere (it only answers a verdict).
    static let statelessPaths: Set<String> = ["/verify"]
    static let header = HTTPField.Name("X-CSRF-Token")!
    static let formField = "csrf_token"

    func handle(_ request: Request, context: AppRequestContext,
                next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method) else { return try await next(request, context) }
        if case .apiToken = context.principal?.credential { return try await next(request, context) }
        if request.method == .post, Self.statelessPaths.contains(request.uri.path) { return try await next(request, context) }
        let hasSessionCookie = request.cookies[SessionCookies.session] != nil
        let isJSON = request.headers[.contentType]?.lowercased().hasPrefix("application/json") ?? false
        if !hasSessionCookie && isJSON && request.headers[.cookie] == nil { return try await next(request, context) }

        var request = request
        var submitted = request.headers[Self.header]
        if submitted == nil, request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            submitted = FormFields(String(buffer: body))[Self.formField]
        }
        // File uploads (bulk issuance) carry the token as a part of the multipart form.
        if submitted == nil, let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
           let boundary = MultipartFormData.boundary(contentType: type) {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            if let part = (try? MultipartFormData(body: Array(buffer: body), boundary: boundary))?.part(Self.formField) {
                submitted = String(decoding: part.body, as: UTF8.self)
            }
        }
        let expected = context.principal?.csrfToken ?? request.cookies[SessionCookies.anonymousCSRF]?.value
        guard let expected, !expected.isEmpty, let submitted, SecretHash.constantTimeEquals(submitted, expected) else {
            throw AppError.csrfRejected
        }
        return try await next(request, context)
    }
}

/// Fields of an `application/x-www-form-urlencoded` body (first value wins).
struct FormFields {
    let values: [String: String]

    init(_ body: String) {
        var values: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            if values[name] == nil { values[name] = parts.count > 1 ? Self.decode(parts[1]) : "" }
        }
        self.values = values
    }

    subscript(_ name: String) -> String? { values[name] }

    private static func decode(_ text: Substring) -> String {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
    }
}
