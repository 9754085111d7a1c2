import Foundation
import Hummingbird

/// GET /openapi.json: the OpenAPI 3.1 description of /api/v1 and the VC-API (the bundled
/// `Public/openapi.json`, served as written; OpenAPIDocumentTests checks it against the router).
struct OpenAPIRoutes {
    let bytes: [UInt8]

    static func bundled() throws -> OpenAPIRoutes {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Public") else {
            throw ResourceError.missing("Public/openapi.json")
        }
        return OpenAPIRoutes(bytes: [UInt8](try Data(contentsOf: url)))
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[.cacheControl] = "public, max-age=300"
            headers[.accessControlAllowOrigin] = "*"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
