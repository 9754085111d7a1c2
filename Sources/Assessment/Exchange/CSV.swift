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

    public static func parse(_ text: String) throws(ParseError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var afterQuote = false
        var line = 1
        var recordLine = 1
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }  // spreadsheet BOM
        var index = 0
        func endRecord() {
            fields.append(field)
            field = ""
            // A blank line is not a record.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        while index < scalars.count {
            let c = scalars[index]
            if inQuotes {
                if c == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "," {
                fields.append(field)
                field = ""
                afterQuote = false
            } else if c == "\r" || c == "\n" {
                if c == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                endRecord()
                afterQuote = false
                line += 1
                recordLine = line
            } else if afterQuote {
                throw .characterAfterClosingQuote(line: line, column: fields.count + 1)
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
            } else {
                field.unicodeScalars.append(c)
            }
            index += 1
        }
        if inQuotes { throw .unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Rows joined with CRLF as RFC 4180 asks (spreadsheets accept it everywhere).
    public static func write(_ rows: [[String]]) -> String {
        rows.map { $0.map(escape).joined(separator: ",") + "\r\n" }.joined()
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
