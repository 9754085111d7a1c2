#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// IRI helpers for JSON-LD: RFC 3986 §5.2 reference resolution (no normalisation, as the JSON-LD
/// API asks), and the syntactic tests the algorithms use (absolute IRI, blank node identifier,
/// "has the form of a keyword"). All scanning is over UTF-8 bytes, never `Character`s.
enum IRI {
    /// `scheme ":" ...` with an RFC 3986 scheme (ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )).
    static func hasScheme(_ s: String) -> Bool {
        var iterator = s.utf8.makeIterator()
        guard let first = iterator.next(), isAlpha(first) else { return false }
        while let byte = iterator.next() {
            if byte == UInt8(ascii: ":") { return true }
            guard isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") else { return false }
        }
        return false
    }

    /// An absolute IRI as JSON-LD's toRdf accepts it ("well-formed", RFC 3987 shape): a scheme, no
    /// characters that IRIs never contain (space, controls, `<>"{}|\^` and the backtick), at most
    /// one `#`, and `%` only as a percent-encoding.
    static func isWellFormedAbsolute(_ s: String) -> Bool {
        guard hasScheme(s) else { return false }
        // Runs on every subject, predicate, object and datatype toRdf emits: scan the contiguous
        // UTF-8 with a class table (the UTF8View iterator cost ~15 instructions a byte).
        if let result = s.utf8.withContiguousStorageIfAvailable(isWellFormedAbsoluteTail) { return result }
        return Array(s.utf8).withUnsafeBufferPointer(isWellFormedAbsoluteTail)
    }

    private static func isWellFormedAbsoluteTail(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var seenHash = false
        var k = 0
        let n = bytes.count
        while k < n {
            switch iriByteClass(bytes[k]) {
            case .plain:
                k += 1
            case .forbidden:
                return false
            case .hash:
                if seenHash { return false }
                seenHash = true
                k += 1
            case .percent:
                guard k + 2 < n, isHexDigit(bytes[k + 1]), isHexDigit(bytes[k + 2]) else { return false }
                k += 3
            }
        }
        return true
    }

    private enum IRIByteClass { case plain, forbidden, hash, percent }

    /// Space, controls, DEL and `<>"{}|\^` and the backtick never appear in an IRI. A switch, not
    /// a table in a static: every static read goes through `swift_once`, once per byte.
    @inline(__always)
    private static func iriByteClass(_ b: UInt8) -> IRIByteClass {
        if b <= 0x20 || b == 0x7F { return .forbidden }
        switch b {
        case UInt8(ascii: "#"): return .hash
        case UInt8(ascii: "%"): return .percent
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "`"): return .forbidden
        default: return .plain
        }
    }

    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "F"))
    }

    static func isBlankNode(_ s: String) -> Bool {
        // Two byte reads, not the generic `starts(with:)`: this runs for every node and property.
        let bytes = s.utf8
        guard bytes.count >= 2 else { return false }
        return bytes[bytes.startIndex] == UInt8(ascii: "_") && bytes[bytes.index(after: bytes.startIndex)] == UInt8(ascii: ":")
    }

    /// "@" followed by one or more ALPHA: reserved for future keywords, ignored with a warning.
    static func hasKeywordForm(_ s: String) -> Bool {
        let bytes = s.utf8
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "@") else { return false }
        return bytes.dropFirst().allSatisfy(isAlpha)
    }

    /// Index of the first ":" in the UTF-8 view, if any.
    /// Whether `s` has a ":" anywhere (memchr over contiguous UTF-8; the UTF8View iterator costs
    /// ~15 instructions a byte, and expansion asks this of every property IRI).
    static func containsColon(_ s: String) -> Bool {
        if let found = s.utf8.withContiguousStorageIfAvailable({ p -> Bool in
            guard let base = p.baseAddress else { return false }
            return memchr(base, Int32(UInt8(ascii: ":")), p.count) != nil
        }) { return found }
        return s.utf8.contains(UInt8(ascii: ":"))
    }

    static func firstColon(_ s: String) -> String.Index? {
        s.utf8.firstIndex(of: UInt8(ascii: ":"))
    }

    /// Gen-delims of RFC 3986 that make an IRI usable as a prefix.
    static func endsWithGenDelim(_ s: String) -> Bool {
        guard let last = s.utf8.last else { return false }
        switch last {
        case UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "@"):
            return true
        default:
            return false
        }
    }

    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    // MARK: RFC 3986 §5.2 resolution

    /// The five components of RFC 3986 Appendix B's parse; nil means "undefined" (not empty).
    struct Components {
        var scheme: Substring?
        var authority: Substring?
        var path: Substring
        var query: Substring?
        var fragment: Substring?

        init(_ s: String) {
            let u = s.utf8
            var i = u.startIndex
            let end = u.endIndex
            // scheme: up to the first ":" if no "/?#" comes before it and it is non-empty.
            scheme = nil
            var j = i
            while j < end {
                let b = u[j]
                if b == UInt8(ascii: ":") {
                    if j > i { scheme = s[i..<j]; i = u.index(after: j) }
                    break
                }
                if b == UInt8(ascii: "/") || b == UInt8(ascii: "?") || b == UInt8(ascii: "#") { break }
                j = u.index(after: j)
            }
            authority = nil
            if u[i...].starts(with: "//".utf8) {
                let start = u.index(i, offsetBy: 2)
                var k = start
                while k < end, u[k] != UInt8(ascii: "/"), u[k] != UInt8(ascii: "?"), u[k] != UInt8(ascii: "#") {
                    k = u.index(after: k)
                }
                authority = s[start..<k]
                i = k
            }
            var k = i
            while k < end, u[k] != UInt8(ascii: "?"), u[k] != UInt8(ascii: "#") { k = u.index(after: k) }
            path = s[i..<k]
            query = nil
            if k < end, u[k] == UInt8(ascii: "?") {
                let start = u.index(after: k)
                var m = start
                while m < end, u[m] != UInt8(ascii: "#") { m = u.index(after: m) }
                query = s[start..<m]
                k = m
            }
            fragment = nil
            if k < end, u[k] == UInt8(ascii: "#") {
                fragment = s[u.index(after: k)..<end]
            }
        }
    }

    /// Resolves `reference` against `base` (RFC 3986 §5.2.2, strict). With no base the reference is
    /// returned as is.
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base else { return reference }
        let r = Components(reference)
        let b = Components(base)
        var scheme: Substring?
        var authority: Substring?
        var path: String
        var query: Substring?
        if let rs = r.scheme {
            scheme = rs
            authority = r.authority
            path = removeDotSegments(r.path)
            query = r.query
        } else {
            if let ra = r.authority {
                authority = ra
                path = removeDotSegments(r.path)
                query = r.query
            } else {
                if r.path.isEmpty {
                    path = String(b.path)
                    query = r.query ?? b.query
                } else {
                    if r.path.utf8.first == UInt8(ascii: "/") {
                        path = removeDotSegments(r.path)
                    } else {
                        path = removeDotSegments(Substring(merge(base: b, reference: r.path)))
                    }
                    query = r.query
                }
                authority = b.authority
            }
            scheme = b.scheme
        }
        var out = ""
        out.reserveCapacity(base.utf8.count + reference.utf8.count)
        if let scheme { out += scheme; out += ":" }
        if let authority { out += "//"; out += authority }
        out += path
        if let query { out += "?"; out += query }
        if let fragment = r.fragment { out += "#"; out += fragment }
        return out
    }

    private static func merge(base: Components, reference: Substring) -> String {
        if base.authority != nil, base.path.isEmpty { return "/" + reference }
        if let slash = base.path.utf8.lastIndex(of: UInt8(ascii: "/")) {
            return String(base.path[...slash]) + reference
        }
        return String(reference)
    }

    /// RFC 3986 §5.2.4, over path segments.
    static func removeDotSegments(_ path: Substring) -> String {
        guard path.utf8.contains(UInt8(ascii: ".")) else { return String(path) }
        var input = path
        var output: [Substring] = []   // each element is a "/segment" or a leading "segment"
        while !input.isEmpty {
            if input.hasPrefix("../") { input = input.dropFirst(3) }
            else if input.hasPrefix("./") { input = input.dropFirst(2) }
            else if input.hasPrefix("/./") { input = input.dropFirst(2) }
            else if input == "/." { input = "/" }
            else if input.hasPrefix("/../") {
                input = input.dropFirst(3)
                if !output.isEmpty { output.removeLast() }
            } else if input == "/.." {
                input = "/"
                if !output.isEmpty { output.removeLast() }
            } else if input == "." || input == ".." {
                input = ""
            } else {
                // Move the first segment (with its leading "/", if any) to the output.
                let u = input.utf8
                var i = u.startIndex
                if u[i] == UInt8(ascii: "/") { i = u.index(after: i) }
                while i < u.endIndex, u[i] != UInt8(ascii: "/") { i = u.index(after: i) }
                output.append(input[input.startIndex..<i])
                input = input[i...]
            }
        }
        return output.joined()
    }
}
