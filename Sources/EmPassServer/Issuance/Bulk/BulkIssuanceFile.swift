import Assessment
import Foundation

/// A results file for bulk issuance, split into its header and rows. Pure: file-level problems
/// throw `BulkIssuanceError`; each row's own problems are found later (`BulkIssuancePlanner`).
///
/// Columns (the header is required; names of the fixed columns are case-insensitive, any order):
/// `learner` (email or DID), `name`, `nameConsent` (yes/no), `specification`, `specVersion`
/// (empty: the latest published version), `validUntil`, `assessedAt` (date or date-time),
/// `supervision` (EU vocabulary; empty: the specification's), `format` (`vc-jwt` or
/// `data-integrity`; empty: the organisation's setting), and per skill `<skill id>` (the
/// level) with optional `<skill id>.theta` and `<skill id>.se`.
struct BulkIssuanceFile: Sendable {
    static let maximumRows = 1000
    static let maximumBytes = 512 * 1024

    enum Field: String, CaseIterable, Sendable {
        case learner, name, nameConsent, specification, specVersion, validUntil, assessedAt, supervision, format
    }

    /// The columns of one skill.
    struct SkillColumns: Sendable {
        let skill: String
        let level: Int
        var theta: Int?
        var standardError: Int?
    }

    struct Row: Sendable {
        /// 1-based among data rows.
        let number: Int
        let line: Int
        let fields: [String]
    }

    let header: [String]
    let fixed: [Field: Int]
    let skills: [SkillColumns]
    let rows: [Row]
    let contentHash: String

    init(bytes: [UInt8]) throws(BulkIssuanceError) {
        guard bytes.count <= Self.maximumBytes else { throw .fileTooLarge(limitBytes: Self.maximumBytes) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8 }
        guard !text.allSatisfy(\.isWhitespace) else { throw .emptyFile }
        let records: [CSV.Record]
        do { records = try CSV.parse(text) } catch { throw .unreadableCSV(error.description) }
        let nonBlank = records.filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let first = nonBlank.first else { throw .emptyFile }

        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var fixed: [Field: Int] = [:]
        var levels: [String: Int] = [:]
        var estimates: [(skill: String, kind: String, column: Int, name: String)] = []
        var seen = Set<String>()
        for (column, name) in header.enumerated() where !name.isEmpty {
            guard seen.insert(name.lowercased()).inserted else { throw .duplicateColumn(name) }
            if let field = Field.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) {
                fixed[field] = column
            } else if name.hasSuffix(".theta") || name.hasSuffix(".se") {
                let dot = name.lastIndex(of: ".")!
                estimates.append((String(name[..<dot]), String(name[name.index(after: dot)...]), column, name))
            } else {
                levels[name] = column
            }
        }
        let missing = [Field.learner, .specification].filter { fixed[$0] == nil }.map(\.rawValue)
        guard missing.isEmpty else { throw .noHeader(missing: missing) }
        var skills = levels.map { SkillColumns(skill: $0.key, level: $0.value) }.sorted { $0.level < $1.level }
        for estimate in estimates {
            guard let index = skills.firstIndex(where: { $0.skill == estimate.skill }) else { throw .orphanEstimateColumn(estimate.name) }
            if estimate.kind == "theta" { skills[index].theta = estimate.column } else { skills[index].standardError = estimate.column }
        }
        let rows = nonBlank.dropFirst().enumerated().map { Row(number: $0.offset + 1, line: $0.element.line, fields: $0.element.fields) }
        guard !rows.isEmpty else { throw .noRows }
        guard rows.count <= Self.maximumRows else { throw .tooManyRows(limit: Self.maximumRows, found: rows.count) }
        self.header = header
        self.fixed = fixed
        self.skills = skills
        self.rows = rows
        self.contentHash = "sha256:" + IssuanceService.digest(text)
    }

    /// A row's value for a fixed column, trimmed; empty when absent.
    func value(_ field: Field, in row: Row) -> String {
        guard let column = fixed[field], column < row.fields.count else { return "" }
        return row.fields[column].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func value(column: Int?, in row: Row) -> String {
        guard let column, column < row.fields.count else { return "" }
        return row.fields[column].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
