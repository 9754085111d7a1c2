/// One problem in an imported file, located so an expert can find it in a spreadsheet.
public struct ImportIssue: Hashable, Sendable, CustomStringConvertible {
    /// 1-based line in the file (CSV) or 1-based item position (JSON); nil for file-wide problems.
    public var row: Int?
    /// Column header (CSV) or JSON field path.
    public var column: String?
    public var message: String

    public init(row: Int?, column: String?, message: String) {
        self.row = row
        self.column = column
        self.message = message
    }

    public var description: String {
        var place: [String] = []
        if let row { place.append("row \(row)") }
        if let column { place.append("column \(column)") }
        return (place.isEmpty ? "" : place.joined(separator: ", ") + ": ") + message
    }
}

/// An import is all or nothing: any issue rejects the whole file and the bank stays as it was.
public struct ItemBankImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var issues: [ImportIssue]

    public init(issues: [ImportIssue]) { self.issues = issues }

    public var description: String {
        "import rejected, nothing was changed (\(issues.count) issue(s)):\n"
            + issues.map { "  - \($0)" }.joined(separator: "\n")
    }
}
