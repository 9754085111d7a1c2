import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// A minimal browser over the test client: keeps cookies, submits forms, reads CSRF tokens.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private let lock = NSLock()
    private var cookies: [String: String] = [:]
    /// Attributes of the last Set-Cookie seen per name (to check Secure/HttpOnly/SameSite).
    private(set) var cookieAttributes: [String: String] = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    func cookie(_ name: String) -> String? { lock.withLock { cookies[name] } }
    func setCookie(_ name: String, _ value: String?) { lock.withLock { cookies[name] = value } }

    @discardableResult
    func get(_ path: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(path, method: .get, headers: headers, body: nil)
    }

    /// Posts a URL-encoded form.
    @discardableResult
    func post(_ path: String, form: [(String, String)], headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @discardableResult
    func send(_ path: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        let jar = lock.withLock { cookies }
        if !jar.isEmpty { headers[.cookie] = jar.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for header in response.headers[values: .setCookie] {
            let parts = header.split(separator: ";", maxSplits: 1)
            let pair = parts[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            lock.withLock {
                cookieAttributes[name] = parts.count > 1 ? String(parts[1]) : ""
                if header.lowercased().contains("max-age=0") || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
            }
        }
        return response
    }

    /// Logs in through the real form (GET for the CSRF cookie and token, then POST).
    @discardableResult
    func logIn(_ email: String, _ password: String) async throws -> TestResponse {
        let form = try await get("/login")
        let token = try Self.csrfToken(in: form)
        return try await post("/login", form: [("csrf_token", token), ("email", email), ("password", password)])
    }

    /// The session's CSRF token, read from a page that has a form.
    func sessionCSRFToken() async throws -> String {
        try Self.csrfToken(in: try await get("/account"))
    }

    static func csrfToken(in response: TestResponse) throws -> String {
        let html = String(buffer: response.body)
        guard let range = html.range(of: #"name="csrf_token" value="([^"]*)""#, options: .regularExpression) else {
            throw BrowserError.noCSRFToken
        }
        let match = String(html[range])
        return String(match.dropFirst(#"name="csrf_token" value=""#.count).dropLast())
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    enum BrowserError: Error { case noCSRFToken }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
    }
}

extension HTTPFields {
    static func bearer(_ token: String) -> HTTPFields {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer \(token)"
        return fields
    }

    static func json(_ extra: HTTPFields = [:]) -> HTTPFields {
        var fields = extra
        fields[.contentType] = "application/json"
        return fields
    }
}
