import Catalogue
import Foundation
import Storage

/// A quality-assurance record as a client sends it (create and update). Every member is optional
/// so that a missing one becomes a validation issue with its path, reported with all the others,
/// rather than a decoding error that stops at the first.
struct QARecordInput: Decodable, Sendable {
    struct Body: Decodable, Sendable {
        var name: String?
        var kind: String?
        var country: String?
        var url: String?
    }
    struct Specification: Decodable, Sendable {
        var id: String?
        var version: Int?
    }
    struct Scope: Decodable, Sendable {
        var level: String?
        var specifications: [Specification]?
    }
    struct Outcome: Decodable, Sendable {
        var grading: String?
        var grade: String?
        var positive: Bool?
    }
    /// Either calendar days (`firstDay`, `lastDay`: `YYYY-MM-DD`, both inclusive, UTC) as
    /// certificates state them, or instants (`from` inclusive, `until` exclusive, ISO 8601).
    struct Validity: Decodable, Sendable {
        var firstDay: String?
        var lastDay: String?
        var from: String?
        var until: String?
    }
    struct Stakeholder: Decodable, Sendable {
        var stage: String?
        var role: String?
    }

    var mechanism: String?
    var responsibleBody: Body?
    var scope: Scope?
    var outcome: Outcome?
    var validity: Validity?
    var benefits: [String]?
    var standards: [String]?
    var elementsAssessed: [String]?
    var methods: [String]?
    var stakeholderParticipation: [Stakeholder]?
    var costs: String?
}

/// Every problem of a submitted record at once (422 with each field path).
struct QARecordInvalid: Error, CustomStringConvertible {
    let issues: [ValidationIssue]
    var description: String { "quality-assurance record is not valid: " + issues.map(\.description).joined(separator: "; ") }
}

/// Checks a `QARecordInput` against the Catalogue library's vocabularies and builds the library's
/// `QARecord`, or returns every issue found (paths like `responsibleBody.kind`, `benefits[1]`).
struct QARecordValidator {
    static let maxText = 500
    static let maxCosts = 2_000

    func validate(_ input: QARecordInput, id: String, provider: ProviderID) -> Result<QARecord, QARecordInvalid> {
        var issues: [ValidationIssue] = []
        func code<E: RawRepresentable & CaseIterable>(_ raw: String?, _ path: String, required: Bool = true) -> E?
        where E.RawValue == String {
            guard let raw else {
                if required { issues.append(ValidationIssue(path, .missing, "is required")) }
                return nil
            }
            guard let value = E(rawValue: raw) else {
                issues.append(ValidationIssue(path, .malformed,
                    "'\(raw)' is not one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))"))
                return nil
            }
            return value
        }
        func text(_ value: String?, _ path: String, max: Int = Self.maxText) -> String? {
            guard let value else { issues.append(ValidationIssue(path, .missing, "is required")); return nil }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { issues.append(ValidationIssue(path, .empty, "must not be empty")); return nil }
            if trimmed.count > max { issues.append(ValidationIssue(path, .outOfRange, "is longer than \(max) characters")); return nil }
            return trimmed
        }
        func codes<E: RawRepresentable & CaseIterable & Hashable>(_ raws: [String]?, _ path: String) -> [E] where E.RawValue == String {
            var seen = Set<E>(), result: [E] = []
            for (index, raw) in (raws ?? []).enumerated() {
                guard let value: E = code(raw, "\(path)[\(index)]") else { continue }
                if seen.insert(value).inserted { result.append(value) } else {
                    issues.append(ValidationIssue("\(path)[\(index)]", .duplicate, "'\(raw)' is listed twice"))
                }
            }
            return result
        }

        let mechanism: QAMechanism? = code(input.mechanism, "mechanism")

        var body: QABody?
        if let given = input.responsibleBody {
            let name = text(given.name, "responsibleBody.name")
            let kind: QABodyKind? = code(given.kind, "responsibleBody.kind")
            var country: CountryCode?
            if let raw = given.country {
                let candidate = CountryCode(raw)
                if let problem = candidate.problem { issues.append(ValidationIssue("responsibleBody.country", .unknownCountry, problem)) }
                else { country = candidate }
            }
            if let url = given.url {
                let parsed = URL(string: url)
                if parsed == nil || !["http", "https"].contains(parsed?.scheme ?? "") || parsed?.host == nil || url.count > Self.maxText {
                    issues.append(ValidationIssue("responsibleBody.url", .malformed, "'\(url)' is not an http(s) address"))
                }
            }
            if let name, let kind { body = QABody(name: name, kind: kind, country: country, url: given.url) }
        } else {
            issues.append(ValidationIssue("responsibleBody", .missing, "is required: who assured the quality"))
        }

        var scope: QAScope?
        if let given = input.scope {
            switch given.level {
            case "organisation":
                if !(given.specifications ?? []).isEmpty {
                    issues.append(ValidationIssue("scope.specifications", .inconsistent,
                                                  "an organisation-level record covers everything; list specifications only for level 'programme'"))
                } else { scope = .organisation }
            case "programme":
                let refs = given.specifications ?? []
                if refs.isEmpty { issues.append(ValidationIssue("scope.specifications", .empty, "a programme-level record names the specifications it covers")) }
                var valid: [SpecReference] = []
                for (index, ref) in refs.enumerated() {
                    let path = "scope.specifications[\(index)]"
                    guard let id = ref.id else { issues.append(ValidationIssue("\(path).id", .missing, "is required")); continue }
                    guard SpecID(id).isValid else { issues.append(ValidationIssue("\(path).id", .malformed, "'\(id)' is not a specification id")); continue }
                    if let version = ref.version, version < 1 {
                        issues.append(ValidationIssue("\(path).version", .outOfRange, "versions start at 1")); continue
                    }
                    let reference = SpecReference(id: SpecID(id), version: ref.version)
                    if valid.contains(reference) { issues.append(ValidationIssue(path, .duplicate, "\(reference) is listed twice")); continue }
                    valid.append(reference)
                }
                if !refs.isEmpty, valid.count == refs.count { scope = .programme(valid) }
            case nil:
                issues.append(ValidationIssue("scope.level", .missing, "is required: 'organisation' or 'programme'"))
            case let other?:
                issues.append(ValidationIssue("scope.level", .malformed, "'\(other)' is not one of: organisation, programme"))
            }
        } else {
            issues.append(ValidationIssue("scope", .missing, "is required: {\"level\": \"organisation\"} or a programme with its specifications"))
        }

        var outcome: QAOutcome? = .pass
        if let given = input.outcome {
            outcome = nil
            var grading: QAOutcome.Grading?
            switch given.grading {
            case nil: issues.append(ValidationIssue("outcome.grading", .missing, "is required"))
            case let raw?:
                grading = QAOutcome.Grading(rawValue: raw)
                if grading == nil { issues.append(ValidationIssue("outcome.grading", .malformed, "'\(raw)' is not one of: passFail, multiCategory")) }
            }
            let grade = text(given.grade, "outcome.grade", max: 100)
            if let grading, let grade {
                switch grading {
                case .passFail:
                    if grade != "pass" && grade != "fail" {
                        issues.append(ValidationIssue("outcome.grade", .malformed, "a pass/fail grading has the grade 'pass' or 'fail'"))
                    } else if let positive = given.positive, positive != (grade == "pass") {
                        issues.append(ValidationIssue("outcome.positive", .inconsistent, "'\(grade)' cannot be \(positive ? "positive" : "negative")"))
                    } else {
                        outcome = QAOutcome(grading: grading, grade: grade, positive: grade == "pass")
                    }
                case .multiCategory:
                    if let positive = given.positive { outcome = QAOutcome(grading: grading, grade: grade, positive: positive) }
                    else { issues.append(ValidationIssue("outcome.positive", .missing, "say whether grade '\(grade)' counts as quality-assured")) }
                }
            }
        }

        let validity = Self.validity(input.validity, issues: &issues)
        let benefits: [QABenefit] = codes(input.benefits, "benefits")
        let standards: [QAStandard] = codes(input.standards, "standards")
        let elements: [QAElement] = codes(input.elementsAssessed, "elementsAssessed")
        let methods: [QAMethod] = codes(input.methods, "methods")
        var stakeholders: [StakeholderParticipation] = []
        for (index, entry) in (input.stakeholderParticipation ?? []).enumerated() {
            let stage: StakeholderParticipation.Stage? = code(entry.stage, "stakeholderParticipation[\(index)].stage")
            let role = text(entry.role, "stakeholderParticipation[\(index)].role")
            if let stage, let role { stakeholders.append(StakeholderParticipation(stage: stage, role: role)) }
        }
        var costs: String?
        if let given = input.costs { costs = text(given, "costs", max: Self.maxCosts) }

        guard issues.isEmpty, let mechanism, let body, let scope, let outcome, let validity else {
            return .failure(QARecordInvalid(issues: issues))
        }
        return .success(QARecord(
            id: id, provider: provider, mechanism: mechanism, responsibleBody: body, scope: scope, outcome: outcome,
            validity: validity, benefits: benefits, standards: standards, elementsAssessed: elements, methods: methods,
            stakeholderParticipation: stakeholders, costs: costs
        ))
    }

    static func validity(_ given: QARecordInput.Validity?, issues: inout [ValidationIssue]) -> ValidityPeriod? {
        guard let given else {
            issues.append(ValidationIssue("validity", .missing, "is required: {\"firstDay\", \"lastDay\"} or {\"from\", \"until\"}"))
            return nil
        }
        let usesDays = given.firstDay != nil || given.lastDay != nil, usesInstants = given.from != nil || given.until != nil
        if usesDays && usesInstants {
            issues.append(ValidationIssue("validity", .inconsistent, "give calendar days (firstDay, lastDay) or instants (from, until), not both"))
            return nil
        }
        if usesInstants {
            let from = instant(given.from, "validity.from", required: true, issues: &issues)
            let until = instant(given.until, "validity.until", required: false, issues: &issues)
            guard let from else { return nil }
            if let until, until <= from {
                issues.append(ValidationIssue("validity.until", .inconsistent, "must be after validity.from")); return nil
            }
            if given.until != nil && until == nil { return nil }
            return ValidityPeriod(from: from, until: until)
        }
        let first = day(given.firstDay, "validity.firstDay", required: true, issues: &issues)
        let last = day(given.lastDay, "validity.lastDay", required: false, issues: &issues)
        guard let first, given.lastDay == nil || last != nil else { return nil }
        let period = ValidityPeriod(firstDay: first, lastDay: last)
        if let until = period.until, until <= period.from {
            issues.append(ValidationIssue("validity.lastDay", .inconsistent, "must not be before validity.firstDay")); return nil
        }
        return period
    }

    /// `YYYY-MM-DD`, a real calendar day.
    static func day(_ text: String?, _ path: String, required: Bool, issues: inout [ValidationIssue]) -> DateComponents? {
        guard let text else {
            if required { issues.append(ValidationIssue(path, .missing, "is required (YYYY-MM-DD)")) }
            return nil
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]),
              let date = Calendar.utc.date(from: DateComponents(year: year, month: month, day: dayOfMonth)),
              Calendar.utc.dateComponents([.year, .month, .day], from: date) == DateComponents(year: year, month: month, day: dayOfMonth)
        else {
            issues.append(ValidationIssue(path, .malformed, "'\(text)' is not a calendar day (YYYY-MM-DD)"))
            return nil
        }
        return DateComponents(year: year, month: month, day: dayOfMonth)
    }

    static func instant(_ text: String?, _ path: String, required: Bool, issues: inout [ValidationIssue]) -> Date? {
        guard let text else {
            if required { issues.append(ValidationIssue(path, .missing, "is required (ISO 8601, e.g. 2026-01-01T00:00:00Z)")) }
            return nil
        }
        guard let date = QADate.instant(text) else {
            issues.append(ValidationIssue(path, .malformed, "'\(text)' is not an ISO 8601 instant with a time zone"))
            return nil
        }
        return date
    }
}

/// Parsing the dates the QA API accepts.
enum QADate {
    /// An ISO 8601 instant with or without fractional seconds, normalised to milliseconds.
    static func instant(_ text: String) -> Date? {
        if let date = Timestamp.parse(text) { return date }
        guard let date = try? Date(text, strategy: Date.ISO8601FormatStyle(timeZone: .gmt)) else { return nil }
        return Timestamp.roundedToMilliseconds(date)
    }

    /// A query's date: `YYYY-MM-DD` (the start of that day, UTC) or an instant.
    static func queryDate(_ text: String) -> Date? {
        var issues: [ValidationIssue] = []
        if text.count == 10, let day = QARecordValidator.day(text, "date", required: true, issues: &issues) {
            return Calendar.utc.date(from: day)
        }
        return instant(text)
    }
}

extension Calendar {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
