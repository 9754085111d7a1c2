/// A PNG file as its signature plus a list of chunks (PNG spec §5). Reading checks every chunk's
/// length, type and CRC, so a damaged file is refused rather than half-read.
struct PNGChunk: Sendable, Hashable {
    var type: [UInt8]   // four ASCII letters
    var data: [UInt8]

    var typeName: String { String(decoding: type, as: UTF8.self) }
}

enum PNGFile {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// PNG caps a chunk's length at 2^31 − 1.
    static let maxChunkLength = Int(Int32.max)

    static func hasSignature(_ bytes: [UInt8]) -> Bool {
        bytes.count >= signature.count && Array(bytes[0..<signature.count]) == signature
    }

    static func read(_ bytes: [UInt8]) throws(BakingError) -> [PNGChunk] {
        guard hasSignature(bytes) else { throw .unrecognisedImage }
        var chunks: [PNGChunk] = []
        var offset = signature.count
        while offset < bytes.count {
            guard bytes.count - offset >= 12 else { throw .pngTruncated(offset: offset) }
            let length = Int(readUInt32(bytes, at: offset))
            guard length <= maxChunkLength else { throw .pngBadChunkLength(offset: offset) }
            guard bytes.count - offset - 12 >= length else { throw .pngTruncated(offset: offset) }
            let type = Array(bytes[(offset + 4)..<(offset + 8)])
            guard type.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw .pngBadChunkType(offset: offset)
            }
            let data = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            let stored = readUInt32(bytes, at: offset + 8 + length)
            guard CRC32.checksum(type + data) == stored else {
                throw .pngCRCMismatch(chunk: String(decoding: type, as: UTF8.self), offset: offset)
            }
            let chunk = PNGChunk(type: type, data: data)
            if chunks.isEmpty, chunk.typeName != "IHDR" { throw .pngMissingHeader }
            chunks.append(chunk)
            offset += 12 + length
            if chunk.typeName == "IEND" {
                guard offset == bytes.count else { throw .pngDataAfterEnd }
                return chunks
            }
        }
        throw chunks.isEmpty ? .pngMissingHeader : .pngMissingEnd
    }

    static func write(_ chunks: [PNGChunk]) -> [UInt8] {
        var out = signature
        out.reserveCapacity(signature.count + chunks.reduce(0) { $0 + $1.data.count + 12 })
        for chunk in chunks {
            appendUInt32(UInt32(chunk.data.count), to: &out)
            out += chunk.type
            out += chunk.data
            appendUInt32(CRC32.checksum(chunk.type + chunk.data), to: &out)
        }
        return out
    }

    private static func readUInt32(_ bytes: [UInt8], at i: Int) -> UInt32 {
        UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
    }

    private static func appendUInt32(_ value: UInt32, to out: inout [UInt8]) {
        out += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
