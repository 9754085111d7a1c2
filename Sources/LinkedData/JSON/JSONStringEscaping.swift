/// JSON string escaping shared by `JSONSerializer` and `JCS`. It is exactly what RFC 8785 §3.2.2.2
/// (ECMAScript `JSON.stringify`) prescribes: `"` and `\` escaped, U+0008/09/0A/0C/0D as `\b \t \n
/// \f \r`, other controls below U+0020 as `\u00xx` with lowercase hex, everything else verbatim.
enum JSONStringEscaping {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendQuoted(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { appendEscaped($0, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// Copies runs that need no escaping in one go; only the rare special bytes are handled singly.
    static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        var k = 0
        let n = utf8.count
        while k < n {
            let b = utf8[k]
            if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") {
                k += 1
                continue
            }
            if runStart < k { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<k])) }
            out.append(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            default:
                out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]])
            }
            k += 1
            runStart = k
        }
        if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
    }
}
