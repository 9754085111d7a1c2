/// RFC 4180 CSV: records separated by CRLF; a field containing a comma, a double quote, CR or LF
/// is enclosed in double quotes, with inner quotes doubled. The reader also accepts bare LF line
/// ends and a UTF-8 byte-order mark (what spreadsheets write), and reports where a file breaks.
public enum RFC4180 {
    public static func write(_ rows: [[String]]) -> String {
        rows.map { $0.map(quoteIfNeeded).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func quoteIfNeeded(_ field: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character and would match neither "\r" nor "\n".
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Parses the whole text into records of fields. Line numbers in errors are 1-based physical lines.
    public static func read(_ text: String) throws(CSVSyntaxError) -> [[String]] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var rows: [[String]] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var i = 0
        var line = 1
        var inQuotes = false
        var quotedFieldStartLine = 0
        var fieldWasQuoted = false

        func endField() {
            row.append(String(field))
            field = String.UnicodeScalarView()
            fieldWasQuoted = false
        }
        while i < scalars.count {
            let ch = scalars[i]
            if inQuotes {
                if ch == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.append("\""); i += 2; continue
                    }
                    inQuotes = false; i += 1
                    // After a closing quote only a separator or a line end may follow.
                    if i < scalars.count, ![",", "\r", "\n"].contains(scalars[i]) {
                        throw .textAfterClosingQuote(line: line)
                    }
                    continue
                }
                if ch == "\n" { line += 1 }
                field.append(ch); i += 1
                continue
            }
            switch ch {
            case ",":
                endField(); i += 1
            case "\r", "\n":
                endField()
                rows.append(row); row = []
                if ch == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                i += 1; line += 1
            case "\"":
                guard field.isEmpty, !fieldWasQuoted else { throw .quoteInUnquotedField(line: line) }
                inQuotes = true; fieldWasQuoted = true; quotedFieldStartLine = line; i += 1
            default:
                field.append(ch); i += 1
            }
        }
        if inQuotes { throw .unterminatedQuote(startLine: quotedFieldStartLine) }
        // A final record without a line end still counts; a trailing line end adds no empty record.
        if !field.isEmpty || !row.isEmpty || fieldWasQuoted { endField(); rows.append(row) }
        return rows
    }
}

public enum CSVSyntaxError: Error, Equatable, CustomStringConvertible {
    case unterminatedQuote(startLine: Int)
    case quoteInUnquotedField(line: Int)
    case textAfterClosingQuote(line: Int)
    public var description: String {
        switch self {
        case .unterminatedQuote(let l): "line \(l): a quoted field is never closed"
        case .quoteInUnquotedField(let l): "line \(l): a double quote inside an unquoted field (quote the field and double the quote)"
        case .textAfterClosingQuote(let l): "line \(l): text after a closing quote"
        }
    }
}
