/// Scored responses kept for calibration and DIF: one row per session (person), one 0-based GRM
/// category per administered scenario, nothing for scenarios not administered. Writes the CSV that
/// `empass calibrate` / `score` / `dif` read: `person[,group],<item id>,…` with empty cells.
public struct SessionResponseMatrix: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public var person: String
        /// e.g. the test language or country, for DIF; nil when not recorded.
        public var group: String?
        public var categories: [ItemID: Int]

        public init(person: String, group: String? = nil, categories: [ItemID: Int]) {
            self.person = person
            self.group = group
            self.categories = categories
        }
    }

    public var rows: [Row]

    public init(rows: [Row] = []) { self.rows = rows }

    /// How a session's group is named in the matrix.
    public enum Grouping: Sendable {
        case none
        /// The language the learner answered most scenarios in.
        case language
    }

    /// Builds the matrix from sessions that were submitted or scored (others are skipped: their
    /// answers can still change). The person id is the session id, never the learner's name.
    public init(sessions: [TestSession], bank: ItemBank, scoring: ScenarioScoring = .standard, grouping: Grouping = .none) {
        rows = sessions.filter { $0.state == .submitted || $0.state == .scored }.map { session in
            var categories: [ItemID: Int] = [:]
            var languages: [LanguageCode: Int] = [:]
            for answer in session.answers {
                guard let item = bank[answer.itemID] else { continue }
                categories[item.id] = scoring.category(answer.ratings, key: item.key)
                languages[answer.language, default: 0] += 1
            }
            let group: String? = switch grouping {
            case .none: nil
            case .language:
                languages.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key.rawValue
            }
            return Row(person: session.id.description, group: group, categories: categories)
        }
    }

    /// Only the columns of `skill` (one `empass calibrate` run calibrates one skill's scale).
    public func restricted(to skill: SkillID, in bank: ItemBank) -> SessionResponseMatrix {
        let ids = Set(bank.items(for: skill).map(\.id))
        return SessionResponseMatrix(rows: rows.map { row in
            Row(person: row.person, group: row.group, categories: row.categories.filter { ids.contains($0.key) })
        }.filter { !$0.categories.isEmpty })
    }

    /// Item columns in the matrix, sorted by id.
    public var itemIDs: [ItemID] { Set(rows.flatMap(\.categories.keys)).sorted() }

    public func csv() -> String {
        let ids = itemIDs
        let hasGroup = rows.contains { $0.group != nil }
        var lines: [[String]] = [["person"] + (hasGroup ? ["group"] : []) + ids.map(\.rawValue)]
        for row in rows {
            lines.append([row.person] + (hasGroup ? [row.group ?? ""] : [])
                         + ids.map { row.categories[$0].map(String.init) ?? "" })
        }
        // LF line ends: the RESPONSES.csv reader of `empass calibrate` splits lines on "\n",
        // and in Swift "\r\n" is a single Character that such a split does not see.
        return CSV.write(lines, lineEnding: "\n")
    }
}
