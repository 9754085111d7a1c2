import HTTPTypes
import Foundation
import Hummingbird
import Logging

/// Outermost: gives every request an id (a well-formed incoming `X-Request-Id`, else a new UUID),
/// puts it in the logger metadata and the response, and writes one access-log line.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: AppRequestContext,
                next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        let incoming = request.headers[Self.header]
        let id = incoming.flatMap { Self.isWellFormed($0) ? $0 : nil } ?? UUID().uuidString.lowercased()
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        let started = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[Self.header] = id
        let elapsed = ContinuousClock.now - started
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string(String(format: "%.2f", Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)),
            "client": .string(context.clientAddress ?? "-"),
        ])
        return response
    }

    /// Printable token characters only, bounded length: never echo arbitrary header text.
    static func isWellFormed(_ value: String) -> Bool {
        !value.isEmpty && value.count <= 128
            && value.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.:".unicodeScalars.contains($0) }
    }
}
