import Foundation

/// Why a results file was refused as a whole (a bad row never refuses the file: it is reported
/// on its own). Mapped to HTTP in ErrorMapping.
public enum BulkIssuanceError: Error, Equatable, CustomStringConvertible {
    case emptyFile
    case notUTF8
    case unreadableCSV(String)
    /// The first line is not a header naming the required columns.
    case noHeader(missing: [String])
    case duplicateColumn(String)
    /// A `<skill>.theta` or `<skill>.se` column without its `<skill>` level column.
    case orphanEstimateColumn(String)
    case noRows
    case tooManyRows(limit: Int, found: Int)
    case fileTooLarge(limitBytes: Int)
    case unsupportedMediaType(String)
    case batchNotFound

    public var description: String {
        switch self {
        case .emptyFile: "the file is empty"
        case .notUTF8: "the file is not UTF-8 text"
        case .unreadableCSV(let reason): "the file is not valid CSV: \(reason)"
        case .noHeader(let missing):
            "the first line must be a header naming the columns; \(missing.joined(separator: " and ")) missing (see the sample file)"
        case .duplicateColumn(let name): "the header names the column \(name) twice"
        case .orphanEstimateColumn(let name): "the header has \(name) but no column for that skill's level"
        case .noRows: "the file has a header but no rows"
        case .tooManyRows(let limit, let found): "at most \(limit) rows per file, this one has \(found); split it"
        case .fileTooLarge(let limit): "the file is larger than \(limit / 1024) KiB; split it"
        case .unsupportedMediaType(let type): "send the file as text/csv, not \(type)"
        case .batchNotFound: "this batch does not exist"
        }
    }
}
