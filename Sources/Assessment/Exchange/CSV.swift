/// RFC 4180 CSV: comma-separated, fields quoted with `"` when they contain a comma, quote or line
/// break, quotes doubled inside quoted fields, CRLF or LF line ends. Hand-written because the
/// bank must round-trip texts with commas, quotes and non-Latin scripts exactly.
public enum CSV {
    /// A parsed record and the 1-based line it starts on (quoted line breaks make these differ).
    public struct Record: Hashable, Sendable {
        public var line: Int
        public var fields: [String]
    }

    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case unterminatedQuote(line: Int)
        case characterAfterClosingQuote(line: Int, column: Int)

        public var description: String {
            switch self {
            case .unterminatedQuote(let line): "line \(line): a quoted field is never closed"
            case .characterAfterClosingQuote(let line, let column):
                "line \(line), field \(column): unexpected character after a closing quote"
            }
        }
    }

    /// Scans UTF-8 bytes: the delimiters (`,` `"` CR LF) are ASCII and never occur inside a
    /// multi-byte sequence, so byte scanning is exact and much faster than walking Characters.
    public static func parse(_ text: String) throws(ParseError) -> [Record] {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // spreadsheet BOM
        let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var afterQuote = false
        var line = 1
        var recordLine = 1
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            // A blank line is not a record.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        var index = 0
        while index < bytes.count {
            let c = bytes[index]
            if inQuotes {
                if c == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if c == lf { line += 1 }
                    field.append(c)
                }
            } else if c == comma {
                endField()
                afterQuote = false
            } else if c == cr || c == lf {
                if c == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
                endRecord()
                afterQuote = false
                line += 1
                recordLine = line
            } else if afterQuote {
                throw .characterAfterClosingQuote(line: line, column: fields.count + 1)
            } else if c == quote && field.isEmpty {
                inQuotes = true
            } else {
                field.append(c)
            }
            index += 1
        }
        if inQuotes { throw .unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    public static func escape(_ field: String) -> String {
        // Quote when a delimiter is inside, or when edge spaces would be trimmed on import.
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
            || field.utf8.first == 0x20 || field.utf8.last == 0x20
        else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Rows joined with CRLF as RFC 4180 asks (spreadsheets accept it everywhere), or LF for
    /// files read by line-oriented tools.
    public static func write(_ rows: [[String]], lineEnding: String = "\r\n") -> String {
        rows.map { $0.map(escape).joined(separator: ",") + lineEnding }.joined()
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
