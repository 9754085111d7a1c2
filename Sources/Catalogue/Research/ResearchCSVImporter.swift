import Foundation

/// One problem with one row of an imported research CSV. Rows are numbered as a spreadsheet shows
/// them: the header is row 1, the first description row 2 (a quoted cell may span several lines;
/// the row number counts records, not physical lines).
public struct ResearchImportIssue: Codable, Sendable, Hashable, CustomStringConvertible {
    public var row: Int
    public var column: ResearchColumn?
    public var severity: ValidationIssue.Severity
    public var message: String
    public var description: String {
        "row \(row)" + (column.map { ", column \($0.header)" } ?? "") + ": \(message)"
    }
}

/// The outcome of importing a research CSV: the rows that imported, as draft specifications, and
/// every problem found. Policy: all-or-nothing per row — a row is imported only when every cell
/// parses and the resulting specification has no error-severity validation issue; a failed row
/// contributes nothing (never half a specification) and does not stop the other rows. A file
/// that is not CSV, or whose header lacks a template column, imports nothing.
public struct ResearchImportResult: Sendable {
    public var imported: [(row: Int, spec: MicroCredentialSpec)]
    public var issues: [ResearchImportIssue]
    public var failedRows: [Int] { Array(Set(issues.filter { $0.severity == .error }.map(\.row))).sorted() }
}

public enum ResearchImportError: Error, CustomStringConvertible, Equatable {
    case syntax(CSVSyntaxError)
    case empty
    case missingColumns([String])
    case unknownColumns([String])
    public var description: String {
        switch self {
        case .syntax(let e): "the file is not valid CSV: \(e)"
        case .empty: "the file has no header row"
        case .missingColumns(let c): "the header lacks template column(s): \(c.joined(separator: "; "))"
        case .unknownColumns(let c): "the header has unknown column(s): \(c.joined(separator: "; "))"
        }
    }
}

public struct ResearchCSVImporter: Sendable {
    public var framework: SkillsFramework?
    public init(framework: SkillsFramework? = nil) { self.framework = framework }

    public func importCSV(_ text: String) throws(ResearchImportError) -> ResearchImportResult {
        let records: [[String]]
        do { records = try RFC4180.read(text) } catch { throw .syntax(error) }
        guard let header = records.first else { throw .empty }
        var index: [ResearchColumn: Int] = [:]
        var unknown: [String] = []
        for (i, name) in header.enumerated() {
            let trimmed = name.trimmed
            if let column = ResearchColumn.allCases.first(where: { $0.header.caseInsensitiveCompare(trimmed) == .orderedSame }) {
                index[column] = i
            } else if !trimmed.isEmpty {
                unknown.append(trimmed)
            }
        }
        let missing = ResearchColumn.template.filter { index[$0] == nil }.map(\.header)
        guard missing.isEmpty else { throw .missingColumns(missing) }
        guard unknown.isEmpty else { throw .unknownColumns(unknown) }

        var result = ResearchImportResult(imported: [], issues: [])
        for (offset, record) in records.dropFirst().enumerated() {
            let rowNumber = offset + 2
            if record.allSatisfy({ $0.trimmed.isEmpty }) { continue }  // blank line in a spreadsheet export
            var parser = RowParser(row: rowNumber, framework: framework)
            let cells = Dictionary(uniqueKeysWithValues: index.map { ($0.key, $0.value < record.count ? record[$0.value] : "") })
            if record.count != header.count {
                parser.issue(nil, "has \(record.count) fields, the header has \(header.count)")
            }
            let spec = parser.parse(cells)
            result.issues += parser.issues
            if let spec, !parser.issues.contains(where: { $0.severity == .error }) {
                result.imported.append((rowNumber, spec))
            }
        }
        return result
    }
}

/// Parses one row into a draft specification, collecting issues instead of stopping.
struct RowParser {
    let row: Int
    let framework: SkillsFramework?
    var issues: [ResearchImportIssue] = []

    mutating func issue(_ column: ResearchColumn?, _ message: String, _ severity: ValidationIssue.Severity = .error) {
        issues.append(ResearchImportIssue(row: row, column: column, severity: severity, message: message))
    }

    mutating func parse(_ cells: [ResearchColumn: String]) -> MicroCredentialSpec? {
        func cell(_ c: ResearchColumn, structured: Bool = true) -> CellLines { CellLines.parse(cells[c] ?? "", structured: structured) }

        // (q) first: it names the default language untagged lines are in.
        let q = cell(.q)
        let title = cell(.a, structured: false)
        let defaultLanguage = LanguageTag(q.value("default") ?? (title.texts.isEmpty ? "en" : (title.texts.contains { $0.language == "en" } ? "en" : title.texts[0].language)))
        let dl = defaultLanguage.rawValue
        var languages = q.value("languages").map { splitList($0).map { LanguageTag(String($0)) } } ?? []
        if languages.isEmpty { languages = LocalizedText(Dictionary(title.texts.map { ($0.language, $0.text) }, uniquingKeysWith: { a, _ in a })).languages }
        if languages.isEmpty { languages = [defaultLanguage] }
        reportStray(q, column: .q, allowedLabels: ["description", "criteria", "qaDescription", "labourMarketRelevance", "transparency", "furtherInformation"], untaggedAllowed: false)

        // (b) awarding bodies: numbered blocks, or one body name per plain line.
        let b = numberedBlocks(cells[.b] ?? "", column: .b)
        var bodies: [AwardingBody] = []
        for block in b.numbered {
            let kind = block.value("kind").flatMap { enumValue(ProviderKind.self, $0, column: .b, key: "kind") } ?? .other
            bodies.append(AwardingBody(
                id: block.value("id"), name: block.localized(defaultLanguage: dl) ?? LocalizedText(),
                kind: kind, country: block.value("country").map { CountryCode($0) }))
        }
        bodies += b.plain.map { AwardingBody(name: LocalizedText(defaultLanguage, $0), kind: .other) }

        // (c) learning outcomes: numbered blocks, or one outcome per plain line.
        let c = numberedBlocks(cells[.c] ?? "", column: .c)
        var outcomes: [LearningOutcome] = c.numbered.map { block in
            LearningOutcome(
                text: block.localized(defaultLanguage: dl) ?? LocalizedText(),
                domain: block.value("domain").flatMap { enumValue(LearningOutcomeDomain.self, $0, column: .c, key: "domain") } ?? .skills,
                skill: block.value("skill").map { SkillID($0) })
        }
        outcomes += c.plain.map { LearningOutcome(text: LocalizedText(defaultLanguage, $0)) }

        // (e) workload: `ects=…; hours=…`, or free text such as "2 ECTS" / "50 hours".
        let e = cell(.e)
        var workload = Workload(ects: e.value("ects").flatMap { decimal($0, column: .e, key: "ects") },
                                hours: e.value("hours").flatMap { decimal($0, column: .e, key: "hours") })
        for line in e.untagged {
            if let v = Self.number(before: ["ects", "ecvet", "credits"], in: line) { workload.ects = v }
            else if let v = Self.number(before: ["hours", "hour", "h"], in: line) { workload.hours = v }
            else { issue(.e, "cannot read a workload from '\(line)'; write 'ects=2; hours=50'") }
        }
        reportUnknownKeys(e, ["ects", "hours"], column: .e)

        // (f) assessment.
        let f = cell(.f)
        let types: [AssessmentType] = enumList(f.value("types") ?? f.untagged.joined(separator: ","), column: .f, key: "types")
        let basis: [AwardBasis] = enumList(f.value("basis") ?? "", column: .f, key: "basis")
        let external = f.value("external").map { ["yes", "true", "1"].contains($0.lowercased()) } ?? false
        let supervision = f.value("supervision").flatMap { enumValue(SupervisionAndIdentityVerification.self, $0, column: .f, key: "supervision") }
        let grade = f.value("grade").flatMap { enumValue(GradeSchemeKind.self, $0, column: .f, key: "grade") }
        reportUnknownKeys(f, ["types", "basis", "external", "supervision", "grade"], column: .f)
        reportStray(f, column: .f, allowedLabels: ["grade"], untaggedAllowed: f.value("types") == nil)

        // (g) stackability.
        let g = cell(.g)
        let use = Use(
            stackability: enumList(g.value("stackability") ?? "", column: .g, key: "stackability"),
            stackabilityDescription: g.localized(defaultLanguage: dl),
            recognitionPotential: g.value("recognition").flatMap { enumValue(RecognitionPotential.self, $0, column: .g, key: "recognition") })
        reportUnknownKeys(g, ["stackability", "recognition"], column: .g)

        // (h) EQF/NQF: `eqf=4; status=…; nqfCountry=…; nqfFramework=…; nqfLevel=…; qfEhea=…` or "EQF 4".
        let h = cell(.h)
        var eqf = h.value("eqf").flatMap { int($0, column: .h, key: "eqf") }
        for line in h.untagged {
            if let v = Self.number(after: ["eqf level", "eqf"], in: line) { eqf = NSDecimalNumber(decimal: v).intValue }
            else { issue(.h, "cannot read an EQF level from '\(line)'; write 'eqf=4'") }
        }
        if eqf == nil { issue(.h, "the EQF level is missing") }
        var nqf: NQFLevel?
        if let country = h.value("nqfCountry") {
            nqf = NQFLevel(country: CountryCode(country), framework: h.value("nqfFramework") ?? "", level: h.value("nqfLevel") ?? "")
        }
        let level = QualificationLevel(
            eqf: eqf ?? 0,
            eqfStatus: h.value("status").flatMap { enumValue(LevelStatus.self, $0, column: .h, key: "status") } ?? .indicative,
            nqf: nqf, qfEhea: h.value("qfEhea").flatMap { enumValue(QFEHEACycle.self, $0, column: .h, key: "qfEhea") })
        reportUnknownKeys(h, ["eqf", "status", "nqfCountry", "nqfFramework", "nqfLevel", "qfEhea"], column: .h)

        // (i) occupational fields and standards.
        let i = cell(.i)
        var fields: [OccupationalField] = []
        for item in splitList(i.value("fields") ?? "") {
            let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let scheme = enumValue(OccupationalFieldScheme.self, parts[0], column: .i, key: "fields") else {
                if !item.contains(":") { issue(.i, "field '\(item)' needs a scheme, e.g. 'iscedF:0417'") }
                continue
            }
            fields.append(OccupationalField(scheme: scheme, code: parts[1]))
        }
        reportUnknownKeys(i, ["fields"], column: .i)

        // (j) mode of delivery.
        let j = cell(.j)
        var participation = j.value("participation").flatMap { enumValue(ParticipationForm.self, $0, column: .j, key: "participation") }
        for line in j.untagged {
            if let form = Self.participation(fromText: line) { participation = form }
            else { issue(.j, "cannot read a mode of delivery from '\(line)'; write 'participation=online|onSite|blended'") }
        }
        if participation == nil { issue(.j, "the form of participation (online, onSite, blended) is missing") }
        let pedagogy = PedagogyAndDelivery(
            learningSites: enumList(j.value("sites") ?? "", column: .j, key: "sites"),
            teacherRole: j.value("teacher").flatMap { enumValue(TeacherRole.self, $0, column: .j, key: "teacher") },
            learningControl: j.value("control").flatMap { enumValue(LearningControl.self, $0, column: .j, key: "control") },
            durationAndPace: cell(.d, structured: false).localized(defaultLanguage: dl))
        reportUnknownKeys(j, ["participation", "sites", "teacher", "control"], column: .j)

        // (k) certification formats; (n) countries; (o) purposes — plain comma lists accepted too.
        let k = cell(.k)
        let formats: [CertificationFormat] = enumList(k.value("formats") ?? k.untagged.joined(separator: ","), column: .k, key: "formats")
        let countries = splitList((cells[.n] ?? "").replacingOccurrences(of: "\n", with: ",")).map { CountryCode(String($0)) }
        let purposes: [MicroCredentialPurpose] = enumList((cells[.o] ?? "").replacingOccurrences(of: "\n", with: ","), column: .o, key: "purpose")

        // (p) costs.
        let p = cell(.p)
        var cost: Money?
        if let amount = p.value("cost") {
            if let value = decimal(amount, column: .p, key: "cost") { cost = Money(amount: value, currency: p.value("currency") ?? "EUR") }
        }
        reportUnknownKeys(p, ["cost", "currency"], column: .p)

        // (q) the rest.
        let skills: [SkillRequirement] = splitList(q.value("skills") ?? "").compactMap { item in
            let parts = item.split(separator: ":").map(String.init)
            guard parts.count == 2, let level = Int(parts[1]) else {
                issue(.q, "skill '\(item)' should read 'skillId:requiredLevel'"); return nil
            }
            return SkillRequirement(skill: SkillID(parts[0]), requiredLevel: level)
        }
        reportUnknownKeys(q, ["default", "languages", "qa", "employers", "skills", "tags", "image"], column: .q)
        let assessmentDescription = f.localized(defaultLanguage: dl, includeUntagged: f.value("types") != nil)

        let content = SpecContent(
            title: title.localized(defaultLanguage: dl) ?? LocalizedText(),
            defaultLanguage: defaultLanguage, languages: languages,
            description: q.localized("description", defaultLanguage: dl),
            issuerCountries: countries, awardingBodies: bodies, learningOutcomes: outcomes, workload: workload,
            level: level,
            assessment: AssessmentDescription(
                types: types, description: assessmentDescription, awardBasis: basis, externalAssessment: external,
                supervision: supervision, certificationFormats: formats),
            participation: participation ?? .onSite,
            qualityAssurance: enumList(q.value("qa") ?? "", column: .q, key: "qa"),
            qualityAssuranceDescription: q.localized("qaDescription", defaultLanguage: dl),
            gradeScheme: grade.map { GradeScheme(kind: $0, description: f.localized("grade", defaultLanguage: dl)) },
            furtherInformation: q.localized("furtherInformation", defaultLanguage: dl),
            occupationalFields: fields, occupationalStandards: i.localized(defaultLanguage: dl),
            pedagogy: pedagogy,
            access: Access(prerequisites: cell(.l, structured: false).localized(defaultLanguage: dl),
                           targetGroup: cell(.m, structured: false).localized(defaultLanguage: dl)),
            use: use,
            stakeholders: StakeholderRelevance(
                employerInvolvement: enumList(q.value("employers") ?? "", column: .q, key: "employers"),
                labourMarketRelevance: q.localized("labourMarketRelevance", defaultLanguage: dl),
                transparency: q.localized("transparency", defaultLanguage: dl)),
            costs: CostsAndFunding(costToLearner: cost, fundingOptions: p.localized(defaultLanguage: dl)),
            purposes: purposes, skills: skills,
            criteria: q.localized("criteria", defaultLanguage: dl) ?? LocalizedText(),
            image: q.value("image"),
            tags: (q.value("tags") ?? "").split(separator: "|").map { $0.trimmed }.filter { !$0.isEmpty })

        for problem in SpecValidator(framework: framework).validate(content) {
            issue(ResearchColumn.column(forPath: problem.path), "\(problem.path): \(problem.message)", problem.severity)
        }

        let id = SpecID((cells[.specID] ?? "").trimmed.isEmpty ? Self.slug(content.title.text(in: defaultLanguage) ?? "") : (cells[.specID] ?? "").trimmed)
        if !id.isValid { issue(.specID, "'\(id)' is not a valid specification id (lower-case letters, digits, hyphens)") }
        var version = 1
        if let raw = cells[.version]?.trimmed, !raw.isEmpty {
            if let v = Int(raw), v >= 1 { version = v } else { issue(.version, "'\(raw)' is not a version number") }
        }
        return MicroCredentialSpec(id: id, version: version, status: .draft, content: content)
    }

    // MARK: Cell helpers

    /// Splits `n. …` lines into numbered blocks (in number order); other lines are returned as plain.
    mutating func numberedBlocks(_ cell: String, column: ResearchColumn) -> (numbered: [CellLines], plain: [String]) {
        var blocks: [Int: CellLines] = [:]
        var plain: [String] = []
        for raw in cell.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n") {
            let line = raw.trimmed
            if line.isEmpty { continue }
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, let n = Int(digits), line.dropFirst(digits.count).hasPrefix(". ") {
                blocks[n, default: CellLines()].add(line: String(line.dropFirst(digits.count + 2)))
            } else {
                plain.append(line)
            }
        }
        for (n, block) in blocks where !block.untagged.isEmpty {
            issue(column, "item \(n): cannot read '\(block.untagged[0])'; write '\(n). [en] text' or '\(n). key=value'")
        }
        return (blocks.keys.sorted().map { blocks[$0]! }, plain)
    }

    func splitList(_ s: String) -> [String] { s.split(separator: ",").map { $0.trimmed }.filter { !$0.isEmpty } }

    mutating func enumValue<E: RawRepresentable & CaseIterable>(_ type: E.Type, _ raw: String, column: ResearchColumn, key: String) -> E?
    where E.RawValue == String {
        if let value = E(rawValue: raw.trimmed) { return value }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        issue(column, "\(key): '\(raw)' is not one of \(allowed)")
        return nil
    }

    mutating func enumList<E: RawRepresentable & CaseIterable>(_ raw: String, column: ResearchColumn, key: String) -> [E]
    where E.RawValue == String {
        splitList(raw).compactMap { enumValue(E.self, $0, column: column, key: key) }
    }

    mutating func decimal(_ raw: String, column: ResearchColumn, key: String) -> Decimal? {
        if let d = Self.parseDecimal(raw) { return d }
        issue(column, "\(key): '\(raw)' is not a number"); return nil
    }

    mutating func int(_ raw: String, column: ResearchColumn, key: String) -> Int? {
        if let i = Int(raw.trimmed) { return i }
        issue(column, "\(key): '\(raw)' is not a whole number"); return nil
    }

    mutating func reportUnknownKeys(_ lines: CellLines, _ known: Set<String>, column: ResearchColumn) {
        for pair in lines.pairs where !known.contains(pair.key) {
            issue(column, "unknown key '\(pair.key)' (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    mutating func reportStray(_ lines: CellLines, column: ResearchColumn, allowedLabels: Set<String>, untaggedAllowed: Bool) {
        for text in lines.texts {
            if let label = text.label, !allowedLabels.contains(label) { issue(column, "unknown text label '\(label)'") }
        }
        if !untaggedAllowed, let first = lines.untagged.first {
            issue(column, "cannot read '\(first)'; write 'key=value' or 'label [en] text'")
        }
    }

    /// A decimal written with a point or a comma ("2.5", "2,5").
    static func parseDecimal(_ raw: String) -> Decimal? {
        let s = raw.trimmed.replacingOccurrences(of: ",", with: ".")
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
            s.filter({ $0 == "." }).count <= 1
        else { return nil }
        return Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// "2 ECTS", "ECTS: 2", "50 hours", "50h".
    static func number(before units: [String], in line: String) -> Decimal? {
        let lower = line.lowercased()
        for unit in units {
            guard let range = lower.range(of: unit) else { continue }
            let before = lower[..<range.lowerBound].trimmed
            let after = lower[range.upperBound...].trimmed.trimmingCharacters(in: CharacterSet(charactersIn: ": "))
            let candidate = before.split(separator: " ").last.map(String.init) ?? after.split(separator: " ").first.map(String.init) ?? ""
            if let d = parseDecimal(candidate) { return d }
        }
        return nil
    }

    static func number(after prefixes: [String], in line: String) -> Decimal? {
        let lower = line.lowercased()
        for prefix in prefixes {
            guard let range = lower.range(of: prefix) else { continue }
            let rest = lower[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " :"))
            if let token = rest.split(separator: " ").first, let d = parseDecimal(String(token)) { return d }
        }
        return nil
    }

    static func participation(fromText line: String) -> ParticipationForm? {
        let lower = line.lowercased()
        if lower.contains("blended") || lower.contains("hybrid") { return .blended }
        if lower.contains("online") || lower.contains("distance") { return .online }
        if lower.contains("on site") || lower.contains("on-site") || lower.contains("onsite") || lower.contains("face") || lower.contains("classroom") { return .onSite }
        return nil
    }

    static func slug(_ title: String) -> String {
        var out = ""
        var lastHyphen = true
        for ch in title.lowercased().folding(options: .diacriticInsensitive, locale: nil) {
            if ch.isASCII, ch.isLetter || ch.isNumber { out.append(ch); lastHyphen = false }
            else if !lastHyphen { out.append("-"); lastHyphen = true }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(80))
    }
}
