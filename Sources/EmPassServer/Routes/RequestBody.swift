import Foundation
import Storage
import Hummingbird

extension Request {
    /// Decodes a JSON body (within the size limit) or throws `malformedJSON` with the reason.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: AppRequestContext) async throws -> T {
        guard let value = try await decodeOptionalJSON(type, context: context) else {
            throw AppError.malformedJSON("the request body is empty; expected a JSON object")
        }
        return value
    }

    /// Like `decodeJSON`, but an empty body is nil (for requests whose body is optional).
    func decodeOptionalJSON<T: Decodable>(_ type: T.Type, context: AppRequestContext) async throws -> T? {
        var request = self
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw AppError.malformedJSON(Self.reason(error))
        }
    }

    /// Fields of a URL-encoded form body (within the size limit).
    func formFields(context: AppRequestContext) async throws -> FormFields {
        var request = self
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return FormFields(String(buffer: buffer))
    }

    static func reason(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.isEmpty ? "the document" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context):
            if let underlying = context.underlyingError { return "not valid JSON (\(underlying.localizedDescription))" }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "missing field \(path(context.codingPath + [key]))"
        case .valueNotFound(_, let context):
            return "missing value at \(path(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) should be \(type)"
        @unknown default:
            return "cannot be decoded"
        }
    }
}

/// JSON responses with `Timestamp` dates (UTC, milliseconds, Z).
enum APIJSON {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
