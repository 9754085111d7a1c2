import HTTPTypes
import Foundation
import Hummingbird
import Logging

/// Turns every thrown error into a response: `application/problem+json` (RFC 9457) under the
/// machine prefixes, an HTML error page with the real status code elsewhere. Statuses come from
/// `ErrorMapping` alone.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// Paths answered with problem+json. Add a prefix when a new machine API appears.
    static let machinePrefixes = ["/api/", "/credentials/"]
    let pages: PageRenderer

    func handle(_ request: Request, context: AppRequestContext,
                next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = ErrorMapping.problem(for: error)
            if problem.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": .string(String(reflecting: error))])
            } else {
                context.logger.debug("request rejected", metadata: ["error": .string(String(describing: error))])
            }
            let path = request.uri.path
            if Self.machinePrefixes.contains(where: { path.hasPrefix($0) }) || path == "/api" {
                return Self.problemResponse(problem, path: path, requestID: context.requestID)
            }
            if (error as? AppError) == .unauthenticated, request.method == .get {
                return Response.redirect(to: "/login?next=\(Self.percentEncode(path))", type: .normal)
            }
            return try errorPage(problem, request: request, context: context)
        }
    }

    static func problemResponse(_ problem: Problem, path: String, requestID: String) -> Response {
        var body: [String: ProblemField] = [
            "type": .text(problem.type), "title": .text(problem.title), "status": .number(Int(problem.status.code)),
            "detail": .text(problem.detail), "instance": .text(path),
        ]
        if !requestID.isEmpty { body["requestId"] = .text(requestID) }
        if !problem.issues.isEmpty { body["issues"] = .issues(problem.issues) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        for (name, value) in problem.headers { if let field = HTTPField.Name(name) { headers[field] = value } }
        return Response(status: problem.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func errorPage(_ problem: Problem, request: Request, context: AppRequestContext) throws -> Response {
        let model = ErrorPage(status: Int(problem.status.code), title: problem.title, detail: problem.detail, requestID: context.requestID)
        var response = try pages.render("error", page: model, title: problem.title, status: problem.status,
                                        context: context, path: request.uri.path)
        for (name, value) in problem.headers { if let field = HTTPField.Name(name) { response.headers[field] = value } }
        return response
    }

    static func percentEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?&="))) ?? "/"
    }
}

/// A JSON value of a problem document (text or integer).
enum ProblemField: Encodable {
    case text(String)
    case number(Int)
    case issues([ProblemIssue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .issues(let issues): try container.encode(issues)
        }
    }
}
