/// Why an image could not be baked or unbaked. Each case names the fault in the file, so a page can
/// tell a person what is wrong with what they uploaded.
public enum BakingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Neither a PNG signature nor an SVG root element was found.
    case unrecognisedImage
    // PNG
    case pngTruncated(offset: Int)
    case pngBadChunkLength(offset: Int)
    case pngBadChunkType(offset: Int)
    case pngCRCMismatch(chunk: String, offset: Int)
    case pngMissingHeader
    case pngMissingEnd
    case pngDataAfterEnd
    case pngMalformedText(reason: String)
    case pngCompressedTextUnsupported
    // SVG
    case svgMalformed(reason: String)
    case svgRootNotSVG(found: String)
    // Both
    case notBaked
    case bakedMoreThanOnce(count: Int)
    case emptyCredential
    case credentialNotUTF8
    case keywordTooLong

    public var description: String {
        switch self {
        case .unrecognisedImage: "the file is neither a PNG nor an SVG image"
        case .pngTruncated(let offset): "the PNG ends early (at byte \(offset))"
        case .pngBadChunkLength(let offset): "a PNG chunk at byte \(offset) declares an impossible length"
        case .pngBadChunkType(let offset): "a PNG chunk at byte \(offset) has an invalid type name"
        case .pngCRCMismatch(let chunk, let offset): "the PNG \(chunk) chunk at byte \(offset) is damaged (its CRC does not match)"
        case .pngMissingHeader: "the PNG does not start with an IHDR chunk"
        case .pngMissingEnd: "the PNG has no IEND chunk"
        case .pngDataAfterEnd: "the PNG has data after its IEND chunk"
        case .pngMalformedText(let reason): "the PNG's openbadgecredential text chunk is malformed: \(reason)"
        case .pngCompressedTextUnsupported: "the PNG's openbadgecredential text chunk is compressed, which this reader does not accept"
        case .svgMalformed(let reason): "the SVG is not well-formed XML: \(reason)"
        case .svgRootNotSVG(let found): "the XML root element is <\(found)>, not <svg>"
        case .notBaked: "the image carries no Open Badges 3.0 credential"
        case .bakedMoreThanOnce(let count): "the image carries \(count) credentials; Open Badges allows exactly one"
        case .emptyCredential: "the baked credential is empty"
        case .credentialNotUTF8: "the baked credential is not UTF-8 text"
        case .keywordTooLong: "a PNG text keyword is longer than 79 bytes"
        }
    }
}
