import CompressNIO
import Foundation
import NIOCore

/// `encodedList`: the bitstring GZIP-compressed, then multibase base64url without padding (`u…`).
public enum StatusListEncoding {
    /// Decompressed lists larger than this are refused: a verifier fetches lists from anywhere and a
    /// few kilobytes of GZIP can expand to gigabytes. 16 MiB is 134 million one-bit entries.
    public static let maximumDecodedBytes = 16 * 1024 * 1024

    public static func encode(_ bitstring: StatusBitstring) -> String {
        var input = ByteBuffer(bytes: bitstring.bytes)
        // Compressing a buffer in memory fails only if zlib cannot allocate its state.
        guard let compressed = try? input.compress(with: .gzip()) else {
            preconditionFailure("zlib could not compress a status list")
        }
        return "u" + Base64URL.encode(Array(buffer: compressed))
    }

    public static func decode(_ encodedList: String, maximumBytes: Int = maximumDecodedBytes) throws(StatusListError) -> StatusBitstring {
        guard let prefix = encodedList.first else { throw .emptyEncodedList }
        guard prefix == "u" else { throw .unsupportedMultibasePrefix(prefix) }
        guard let compressed = Base64URL.decode(encodedList.dropFirst()) else { throw .invalidBase64URL }
        guard compressed.count >= 18, compressed[0] == 0x1f, compressed[1] == 0x8b else { throw .notGZIP }
        var input = ByteBuffer(bytes: compressed)
        let output: ByteBuffer
        do { output = try input.decompress(with: .gzip(), maxSize: maximumBytes) } catch let error as CompressNIOError {
            throw error == .bufferOverflow ? .decodedListTooLarge(maximumBytes: maximumBytes) : .corruptGZIP(error.description)
        } catch {
            throw .corruptGZIP(String(describing: error))
        }
        let bytes = Array(buffer: output)
        // zlib hands back whatever it inflated even when the stream stops early, so the GZIP
        // trailer (CRC-32 and length of the data, RFC 1952 §2.3) is what proves the list arrived whole.
        let trailer = compressed.suffix(8)
        let crc = trailer.prefix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let size = trailer.suffix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard size == UInt32(truncatingIfNeeded: bytes.count), crc == CRC32.checksum(bytes) else {
            throw .corruptGZIP("truncated or altered: the GZIP trailer does not match the data")
        }
        return StatusBitstring(bytes: bytes)
    }
}

/// CRC-32 as GZIP uses it (ISO-HDLC: reflected polynomial 0xEDB88320, initial and final XOR ~0).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

/// RFC 4648 §5 base64url without padding. Decoding accepts trailing padding but no other
/// character outside the alphabet (no whitespace, no `+` or `/`).
public enum Base64URL {
    public static func encode(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        while text.last == "=" { text.removeLast() }
        return String(text.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }

    public static func decode<S: StringProtocol>(_ text: S) -> [UInt8]? {
        var body = Substring(text)
        while body.last == "=" { body.removeLast() }
        guard body.count % 4 != 1 else { return nil }
        var standard = ""
        standard.reserveCapacity(body.utf8.count + 3)
        for c in body.unicodeScalars {
            switch c {
            case "A"..."Z", "a"..."z", "0"..."9": standard.unicodeScalars.append(c)
            case "-": standard.append("+")
            case "_": standard.append("/")
            default: return nil
            }
        }
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        guard let data = Data(base64Encoded: standard) else { return nil }
        return [UInt8](data)
    }
}
