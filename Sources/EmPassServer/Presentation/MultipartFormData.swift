import Foundation

/// A `multipart/form-data` body (RFC 7578) split into named parts. Enough for the verification
/// upload: part headers are read for `name` and `filename`; bodies are kept as bytes.
struct MultipartFormData {
    struct Part {
        var name: String
        var filename: String?
        var body: [UInt8]
    }

    var parts: [Part]

    func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// The boundary from a `Content-Type: multipart/form-data; boundary=…` header.
    static func boundary(contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
                return (1...70).contains(value.utf8.count) ? value : nil
            }
        }
        return nil
    }

    init(body: [UInt8], boundary: String) throws(VerificationInputError) {
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var i = 0
        while let found = Self.find(delimiter, in: body, from: i) {
            positions.append(found)
            i = found + delimiter.count
        }
        guard positions.count >= 2 else { throw .malformedUpload("no multipart boundary in the body") }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var partStart = start + delimiter.count
            // After the delimiter comes CRLF (or `--` on the closing one, which has no part after it).
            guard body.count >= partStart + 2, body[partStart] == 0x0D, body[partStart + 1] == 0x0A else {
                throw .malformedUpload("a boundary is not followed by a line break")
            }
            partStart += 2
            // The part ends with CRLF before the next delimiter.
            let partEnd = end - 2
            guard partEnd >= partStart, body[partEnd] == 0x0D, body[partEnd + 1] == 0x0A else {
                throw .malformedUpload("a part does not end with a line break")
            }
            guard let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: partStart), headerEnd <= partEnd else {
                throw .malformedUpload("a part has no header block")
            }
            let headers = String(decoding: body[partStart..<headerEnd], as: UTF8.self)
            var name: String?, filename: String?
            for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = Self.parameter("name", in: line)
                filename = Self.parameter("filename", in: line)
            }
            guard let name else { throw .malformedUpload("a part has no name") }
            parts.append(Part(name: name, filename: filename, body: Array(body[(headerEnd + 4)..<partEnd])))
        }
        self.parts = parts
    }

    private static func parameter(_ key: String, in line: Substring) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
