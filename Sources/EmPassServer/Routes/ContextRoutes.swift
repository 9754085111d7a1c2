import Catalogue
import Crypto
import Foundation
import Hummingbird

/// Serves the bundled EmPass JSON-LD context at `/contexts/empass/v1`, byte for byte as bundled
/// (documents name it; re-serialising would change what processors hash). A version's terms never
/// change meaning, so caches may keep it for a year; any origin may fetch it (JSON-LD processors
/// in browsers load contexts cross-origin).
struct ContextRoutes {
    let bytes: [UInt8]
    let etag: String

    static func bundled() throws -> ContextRoutes {
        let bytes = [UInt8](try EmPassContext.data())
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        return ContextRoutes(bytes: bytes, etag: "\"\(digest.prefix(32))\"")
    }

    func register(on router: Router<AppRequestContext>) {
        router.get(RouterPath(EmPassContext.suggestedRoute), use: context)
    }

    @Sendable func context(_ request: Request, context: AppRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = EmPassContext.mediaType
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        headers[.eTag] = etag
        headers[.accessControlAllowOrigin] = "*"
        if request.headers[.ifNoneMatch] == etag {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
