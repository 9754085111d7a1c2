import Foundation

/// Reads the files bundled in Sources/Catalogue/Resources (declared `.copy("Resources")`, so they
/// sit under `Resources/` inside the module bundle). The only I/O the Catalogue library does.
public enum BundledResource {
    public static func data(named name: String, extension ext: String, subdirectory: String? = nil) throws -> Data {
        let dir = ["Resources", subdirectory].compactMap { $0 }.joined(separator: "/")
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: dir) else {
            throw CatalogueResourceError.missing("\(dir)/\(name).\(ext)")
        }
        return try Data(contentsOf: url)
    }

    static func decode<T: Decodable>(_ type: T.Type, named name: String, extension ext: String) throws -> T {
        let raw = try data(named: name, extension: ext)
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(type, from: raw)
        } catch {
            throw CatalogueResourceError.malformed("\(name).\(ext)", String(describing: error))
        }
    }
}

public enum CatalogueResourceError: Error, CustomStringConvertible {
    case missing(String)
    case malformed(String, String)
    public var description: String {
        switch self {
        case .missing(let path): "bundled resource \(path) is missing"
        case .malformed(let path, let why): "bundled resource \(path) cannot be decoded: \(why)"
        }
    }
}
