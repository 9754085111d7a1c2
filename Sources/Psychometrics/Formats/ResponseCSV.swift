/// The response file: header `person,<item id>,…`; other named columns (such as `group`) are kept
/// aside, not treated as items; cells are 0-based integer categories, empty = not administered.
/// Parsing is pure (text in, values out); the CLI does the reading.
public struct ResponseTable: Sendable {
    public var matrix: ResponseMatrix
    /// Non-item columns by header name, one value per person.
    public var extraColumns: [String: [String]]
}

public enum ResponseCSV {
    public static func parse(_ text: String, nonItemColumns: Set<String> = ["group"]) throws(PsychometricsError) -> ResponseTable {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        while let last = lines.last, last.allSatisfy({ $0 == " " }) { lines.removeLast() }
        guard let headerLine = lines.first else { throw .malformedCSV(line: 1, reason: "the file is empty") }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmed }
        guard header.first == "person" else {
            throw .malformedCSV(line: 1, reason: "the header must start with `person`")
        }
        var itemColumns: [Int] = []
        var extraIndex: [String: Int] = [:]
        for (c, name) in header.enumerated().dropFirst() {
            guard !name.isEmpty else { throw .malformedCSV(line: 1, reason: "column \(c + 1) has no name") }
            if nonItemColumns.contains(name) { extraIndex[name] = c } else { itemColumns.append(c) }
        }
        guard !itemColumns.isEmpty else { throw .malformedCSV(line: 1, reason: "no item columns") }
        var persons: [String] = []
        var responses: [Int32] = []
        var extras: [String: [String]] = extraIndex.mapValues { _ in [] }
        for (n, line) in lines.enumerated().dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmed }
            guard cells.count == header.count else {
                throw .malformedCSV(line: n + 1, reason: "\(cells.count) cells, the header has \(header.count)")
            }
            guard !cells[0].isEmpty else { throw .malformedCSV(line: n + 1, reason: "empty person id") }
            persons.append(cells[0])
            for c in itemColumns {
                let cell = cells[c]
                if cell.isEmpty { responses.append(ResponseMatrix.missing); continue }
                guard let value = Int32(cell), value >= 0, value < 100 else {
                    throw .malformedCSV(line: n + 1, reason: "`\(cell)` in column \(header[c]) is not a category 0, 1, 2, …")
                }
                responses.append(value)
            }
            for (name, c) in extraIndex { extras[name]!.append(cells[c]) }
        }
        guard !persons.isEmpty else { throw .malformedCSV(line: 2, reason: "no response rows") }
        let matrix = try ResponseMatrix(personIDs: persons, itemIDs: itemColumns.map { header[$0] }, responses: responses)
        return ResponseTable(matrix: matrix, extraColumns: extras)
    }

    /// Writes a matrix back in the same format (used by the simulator).
    public static func render(_ matrix: ResponseMatrix, extraColumns: [(name: String, values: [String])] = []) -> String {
        var out = "person," + matrix.itemIDs.joined(separator: ",")
        for column in extraColumns { out += "," + column.name }
        out += "\n"
        for p in 0..<matrix.personCount {
            out += matrix.personIDs[p]
            for j in 0..<matrix.itemCount {
                let x = matrix[p, j]
                out += x == ResponseMatrix.missing ? "," : ",\(x)"
            }
            for column in extraColumns { out += "," + column.values[p] }
            out += "\n"
        }
        return out
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
