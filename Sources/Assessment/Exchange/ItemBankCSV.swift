/// The bank as one CSV sheet, one row per scenario, for assessment experts who edit in a
/// spreadsheet. Columns (header names are the contract):
///
///     id, skill, status, exposure_count, key_1..key_4,
///     model, a, b_1..b_3, provenance, provenance_note, sample, sample_size, calibrated_on,
///     then per language xx in en, el, es, ro: scenario_xx, response_1_xx..response_4_xx
///
/// Keys are the expert mean ratings in canonical response order, one decimal. A language is
/// claimed by filling its five cells; leave all five empty for a language the item lacks (filling
/// some but not all is an error). Column order is free on import; unknown columns are rejected so
/// a typo never silently drops data.
public enum ItemBankCSV {
    static let thresholdCount = ScenarioScoring.standard.categoryCount - 1

    public static var header: [String] {
        ["id", "skill", "status", "exposure_count"]
            + (1...ScenarioScoring.responsesPerScenario).map { "key_\($0)" }
            + ["model", "a"] + (1...thresholdCount).map { "b_\($0)" }
            + ["provenance", "provenance_note", "sample", "sample_size", "calibrated_on"]
            + LanguageCode.allCases.flatMap { language in
                ["scenario_\(language)"] + (1...ScenarioScoring.responsesPerScenario).map { "response_\($0)_\(language)" }
            }
    }

    public static func export(_ bank: ItemBank) -> String {
        var rows = [header]
        for item in bank.items {
            var row = [item.id.rawValue, item.skill.rawValue, item.status.rawValue, String(item.exposureCount)]
            row += item.key.tenths.map(formatTenths)
            row += [item.parameters.model.rawValue, format(item.parameters.a)]
            row += item.parameters.thresholds.map(format)
            switch item.parameters.provenance {
            case .provisional(let note): row += ["provisional", note, "", "", ""]
            case .calibrated(let record):
                row += ["calibrated", record.method ?? "", record.sample, String(record.sampleSize), record.calibratedOn]
            }
            for language in LanguageCode.allCases {
                if let translation = item.translations[language] {
                    row += [translation.scenario] + translation.responses
                } else {
                    row += Array(repeating: "", count: 1 + ScenarioScoring.responsesPerScenario)
                }
            }
            rows.append(row)
        }
        return CSV.write(rows)
    }

    /// Parses and validates the whole sheet; returns a bank only if every row is correct.
    public static func `import`(_ text: String, validator: ItemBankValidator = .init()) throws(ItemBankImportError) -> ItemBank {
        let records: [CSV.Record]
        do { records = try CSV.parse(text) } catch {
            throw ItemBankImportError(issues: [ImportIssue(row: nil, column: nil, message: error.description)])
        }
        guard let headerRecord = records.first else {
            throw ItemBankImportError(issues: [ImportIssue(row: nil, column: nil, message: "the file is empty")])
        }
        var issues: [ImportIssue] = []
        let columns = headerRecord.fields.map { $0.trimmingWhitespace }
        var position: [String: Int] = [:]
        for (index, name) in columns.enumerated() {
            if !header.contains(name) {
                issues.append(.init(row: headerRecord.line, column: name, message: "unknown column"))
            } else if position[name] != nil {
                issues.append(.init(row: headerRecord.line, column: name, message: "column appears twice"))
            } else {
                position[name] = index
            }
        }
        let required = Array(header.prefix(while: { $0 != "provenance_note" })) + ["scenario_en"]
            + (1...ScenarioScoring.responsesPerScenario).map { "response_\($0)_en" }
        for name in required where position[name] == nil {
            issues.append(.init(row: headerRecord.line, column: name, message: "required column is missing"))
        }
        guard issues.isEmpty else { throw ItemBankImportError(issues: issues) }

        var items: [Item] = []
        var rowOfItem: [ItemID: Int] = [:]
        for record in records.dropFirst() {
            var reader = RowReader(record: record, position: position)
            if record.fields.count != columns.count {
                reader.fail(nil, "has \(record.fields.count) cells, the header has \(columns.count)")
            } else if let item = reader.item() {
                if rowOfItem[item.id] != nil {
                    reader.fail("id", "duplicate item id \(item.id) (also on row \(rowOfItem[item.id]!))")
                } else {
                    rowOfItem[item.id] = record.line
                    items.append(item)
                }
            }
            issues += reader.issues
        }
        // Rules that need the whole item (languages, parameter plausibility), mapped back to rows.
        for issue in validator.issues(in: items) where !issue.message.hasPrefix("duplicate") {
            issues.append(.init(row: issue.itemID.flatMap { rowOfItem[$0] }, column: csvColumn(for: issue.field),
                                message: issue.message))
        }
        guard issues.isEmpty else { throw ItemBankImportError(issues: issues) }
        do { return try ItemBank(items: items, validator: validator) } catch {
            throw ItemBankImportError(issues: [ImportIssue(row: nil, column: nil, message: error.description)])
        }
    }

    /// JSON field path → the CSV column an expert should look at.
    static func csvColumn(for field: String) -> String {
        if field.hasPrefix("key[") { return "key_" + field.dropFirst(4).prefix { $0 != "]" } }
        if field == "parameters.a" { return "a" }
        if field.hasPrefix("parameters.thresholds[") { return "b_" + field.dropFirst(22).prefix { $0 != "]" } }
        if field == "parameters.thresholds" { return "b_1" }
        if field.hasPrefix("parameters.provenance.") {
            switch field.dropFirst(22) {
            case "sampleSize": return "sample_size"
            case "calibratedOn": return "calibrated_on"
            default: return String(field.dropFirst(22))
            }
        }
        if field.hasPrefix("translations.") {
            let parts = field.split(separator: ".")
            let language = parts.count > 1 ? String(parts[1]) : "en"
            if field.hasSuffix("scenario") { return "scenario_\(language)" }
            if let open = field.firstIndex(of: "["), let close = field.firstIndex(of: "]") {
                return "response_\(field[field.index(after: open)..<close])_\(language)"
            }
            return "scenario_\(language)"
        }
        return field
    }

    static func format(_ value: Double) -> String { "\(value)" }

    static func formatTenths(_ tenths: Int) -> String { "\(tenths / 10).\(abs(tenths % 10))" }
}

/// Reads one data row, collecting an issue per bad cell instead of stopping at the first.
private struct RowReader {
    let record: CSV.Record
    let position: [String: Int]
    var issues: [ImportIssue] = []

    init(record: CSV.Record, position: [String: Int]) {
        self.record = record
        self.position = position
    }

    mutating func fail(_ column: String?, _ message: String) {
        issues.append(ImportIssue(row: record.line, column: column, message: message))
    }

    func cell(_ column: String) -> String {
        position[column].map { record.fields[$0].trimmingWhitespace } ?? ""
    }

    mutating func required(_ column: String) -> String? {
        let value = cell(column)
        if value.isEmpty { fail(column, "is empty") ; return nil }
        return value
    }

    mutating func double(_ column: String) -> Double? {
        guard let text = required(column) else { return nil }
        guard let value = Double(text), value.isFinite else { fail(column, "'\(text)' is not a number"); return nil }
        return value
    }

    mutating func int(_ column: String) -> Int? {
        guard let text = required(column) else { return nil }
        guard let value = Int(text) else { fail(column, "'\(text)' is not a whole number"); return nil }
        return value
    }

    mutating func item() -> Item? {
        let before = issues.count
        let id = required("id").map { ItemID(rawValue: $0) }
        var skill: SkillID?
        if let text = required("skill") {
            skill = SkillID(rawValue: text)
            if skill == nil { fail("skill", "'\(text)' is not one of the 11 skill ids") }
        }
        var status: ItemStatus?
        if let text = required("status") {
            status = ItemStatus(rawValue: text)
            if status == nil { fail("status", "'\(text)' must be draft, pilot or operational") }
        }
        let exposure = int("exposure_count")
        var keyTenths: [Int] = []
        for index in 1...ScenarioScoring.responsesPerScenario {
            let column = "key_\(index)"
            guard let value = double(column) else { continue }
            guard let tenths = ExpertKey.tenths(of: value) else { fail(column, "\(value) has more than one decimal"); continue }
            keyTenths.append(tenths)
        }
        var model: ScenarioParameters.Model?
        if let text = required("model") {
            model = ScenarioParameters.Model(rawValue: text)
            if model == nil { fail("model", "'\(text)' is not supported (use grm)") }
        }
        let a = double("a")
        let thresholds = (1...ItemBankCSV.thresholdCount).compactMap { double("b_\($0)") }
        var provenance: ParameterProvenance?
        switch required("provenance") {
        case "provisional": provenance = .provisional(note: cell("provenance_note"))
        case "calibrated":
            let sample = required("sample"), size = int("sample_size"), date = required("calibrated_on")
            if let sample, let size, let date {
                let method = cell("provenance_note")
                provenance = .calibrated(CalibrationRecord(sample: sample, sampleSize: size, calibratedOn: date,
                                                           method: method.isEmpty ? nil : method))
            }
        case nil: break
        case let other?: fail("provenance", "'\(other)' must be provisional or calibrated")
        }
        var translations: [LanguageCode: ItemTranslation] = [:]
        for language in LanguageCode.allCases {
            let columns = ["scenario_\(language)"] + (1...ScenarioScoring.responsesPerScenario).map { "response_\($0)_\(language)" }
            let texts = columns.map { position[$0] == nil ? "" : cell($0) }
            if texts.allSatisfy(\.isEmpty) {
                if language == .source { fail("scenario_en", "the English version is required") }
                continue
            }
            for (column, text) in zip(columns, texts) where text.isEmpty {
                fail(column, "is empty although the item has a \(language) version")
            }
            translations[language] = ItemTranslation(scenario: texts[0], responses: Array(texts.dropFirst()))
        }
        guard issues.count == before, let id, let skill, let status, let exposure, let model, let a, let provenance
        else { return nil }
        return Item(id: id, skill: skill, status: status, exposureCount: exposure, key: ExpertKey(tenths: keyTenths),
                    parameters: ScenarioParameters(model: model, a: a, thresholds: thresholds, provenance: provenance),
                    translations: translations)
    }
}

extension String {
    var trimmingWhitespace: String {
        guard first?.isWhitespace == true || last?.isWhitespace == true else { return self }
        return String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
