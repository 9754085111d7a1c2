/// The image kinds Open Badges 3.0 bakes into, told apart by their first bytes.
public enum BadgeImageFormat: String, Sendable, Hashable, CaseIterable {
    case png, svg

    public var mediaType: String { self == .png ? "image/png" : "image/svg+xml" }

    /// PNG by its 8-byte signature; SVG when the text (after a BOM and whitespace) starts with `<`.
    public static func detect(_ bytes: [UInt8]) -> BadgeImageFormat? {
        if PNGFile.hasSignature(bytes) { return .png }
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        return start < bytes.count && bytes[start] == UInt8(ascii: "<") ? .svg : nil
    }
}

/// One entry point for both formats, for callers that get "an image" (uploads, the CLI).
public enum CredentialBaker {
    public static func bake(_ credential: BakedCredential, into image: [UInt8]) throws(BakingError) -> [UInt8] {
        switch BadgeImageFormat.detect(image) {
        case .png: try PNGBaker.bake(credential, into: image)
        case .svg: try SVGBaker.bake(credential, into: image)
        case nil: throw .unrecognisedImage
        }
    }

    public static func unbake(_ image: [UInt8]) throws(BakingError) -> BakedCredential {
        switch BadgeImageFormat.detect(image) {
        case .png: try PNGBaker.unbake(image)
        case .svg: try SVGBaker.unbake(image)
        case nil: throw .unrecognisedImage
        }
    }
}
