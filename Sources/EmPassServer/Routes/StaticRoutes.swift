import Foundation
import Hummingbird

/// Serves the bundled `Public/` files at /static/{name}, loaded into memory at start (a few small files).
struct StaticRoutes {
    let files: [String: (contentType: String, bytes: [UInt8])]

    static func bundled() throws -> StaticRoutes {
        guard let directory = Bundle.module.url(forResource: "Public", withExtension: nil) else { throw ResourceError.missing("Public") }
        var files: [String: (String, [UInt8])] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where !name.hasPrefix(".") {
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
            files[name] = (contentType(for: name), bytes)
        }
        return StaticRoutes(files: files)
    }

    static func contentType(for name: String) -> String {
        switch (name as NSString).pathExtension {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        default: "application/octet-stream"
        }
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("static/{name}") { _, context in
            guard let name = context.parameters.get("name"), let file = files[name] else { throw AppError.notFound("this file") }
            var headers = HTTPFields()
            headers[.contentType] = file.contentType
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
        }
    }
}
