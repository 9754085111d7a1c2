import Catalogue
import Foundation
import Storage

/// Words for QA records in the page language: vocabulary labels (`qa_<group>_<code>`), dates and
/// each record's standing on a date. `t` gives a message (English where one is missing).
struct QualityWording {
    let language: Language
    let t: (String) -> String?

    func text(_ key: String) -> String { t(key) ?? key }
    func label(_ group: String, _ code: String) -> String { t("qa_\(group)_\(code)") ?? SpecDetailPage.readable(code) }

    /// A pass/fail grade in the page language; other grades as the body states them.
    func grade(_ outcome: QAOutcome) -> String {
        outcome.grading == .passFail ? (t("qa_grade_\(outcome.grade)") ?? outcome.grade) : outcome.grade
    }

    /// `31 December 2027` in the page language (UTC).
    func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language.rawValue)
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateStyle = .long
        formatter.timeStyle = .none
        return formatter.string(from: date)
    }

    /// A validity period as a reader says it: the first and last valid calendar day when the
    /// period runs midnight to midnight (UTC), else the instants.
    func validity(_ period: ValidityPeriod) -> String {
        let start = day(period.from)
        guard let until = period.until else { return text("qa_valid_open").replacingOccurrences(of: "{from}", with: start) }
        let wholeDays = Calendar.utc.dateComponents([.hour, .minute, .second, .nanosecond], from: until) == DateComponents(hour: 0, minute: 0, second: 0, nanosecond: 0)
        let last = wholeDays ? day(until.addingTimeInterval(-86_400)) : day(until)
        return text("qa_valid_range").replacingOccurrences(of: "{from}", with: start).replacingOccurrences(of: "{to}", with: last)
    }

    /// One line: "Inspection by EOPPEP (public authority, GR)".
    func summary(_ record: QARecord) -> String {
        var body = record.responsibleBody.name + " (" + label("body", record.responsibleBody.kind.rawValue)
        if let country = record.responsibleBody.country { body += ", \(country.rawValue)" }
        body += ")"
        return text("qa_by").replacingOccurrences(of: "{mechanism}", with: label("mechanism", record.mechanism.rawValue))
            .replacingOccurrences(of: "{body}", with: body)
    }

    enum Standing: String { case inForce, notYetValid, expired, withdrawn, negative }

    /// A record's standing on `date`, whatever specification is asked about (same rules as `QualityAssuranceQuery`).
    static func standing(_ record: QARecord, on date: Date) -> Standing {
        if let withdrawal = record.withdrawal, date >= withdrawal.at { return .withdrawn }
        if date < record.validity.from { return .notYetValid }
        if !record.validity.contains(date) { return .expired }
        if !record.outcome.positive { return .negative }
        return .inForce
    }
}

/// `/catalogue/providers/{slug}`: a provider and its quality-assurance records in plain language.
struct ProviderPage {
    struct Link {
        let label: String
        let href: String
    }

    struct Fact {
        let label: String
        let help: String
        let values: [String]
    }

    struct RecordCard {
        let heading: String
        let standing: String
        let standingClass: String
        let selfDeclared: Bool
        let facts: [Fact]
        let specifications: [Link]
        let hasSpecifications: Bool
    }

    let name: String
    let slug: String
    let kind: String
    let country: String
    let statusText: String
    let assured: Bool
    let records: [RecordCard]
    let hasRecords: Bool
    let apiHref: String
    /// The published specifications this provider owns.
    let specifications: [Link]
    let hasSpecifications: Bool

    init(organisation: Organisation, records: [QARecord], specifications: [Link] = [], now: Date, wording w: QualityWording) {
        self.specifications = specifications
        self.hasSpecifications = !specifications.isEmpty
        self.name = organisation.name
        self.slug = organisation.slug
        self.kind = w.label("orgkind", organisation.kind.rawValue)
        self.country = organisation.country
        self.apiHref = "/api/v1/providers/\(organisation.slug)/qa-records"
        let inForce = records.filter { QualityWording.standing($0, on: now) == .inForce }
        if let whole = inForce.first(where: { $0.scope == .organisation }) {
            self.assured = true
            self.statusText = w.text("qa_status_org_assured").replacingOccurrences(of: "{by}", with: w.summary(whole))
        } else if !inForce.isEmpty {
            self.assured = true
            self.statusText = w.text("qa_status_programmes_assured")
        } else {
            self.assured = false
            self.statusText = w.text(records.isEmpty ? "qa_status_no_records" : "qa_status_none_in_force")
        }
        self.records = records.reversed().map { record in
            let standing = QualityWording.standing(record, on: now)
            var standingText = w.text("qa_standing_\(standing.rawValue)")
            if standing == .withdrawn, let withdrawal = record.withdrawal {
                standingText += " (\(w.day(withdrawal.at)): \(withdrawal.reason))"
            }
            func fact(_ key: String, _ values: [String]) -> Fact {
                Fact(label: w.text("qa_field_\(key)"), help: w.text("qa_help_\(key)"),
                     values: values.isEmpty ? [w.text("qa_none_stated")] : values)
            }
            var body = [record.responsibleBody.name, w.label("body", record.responsibleBody.kind.rawValue)]
            if let country = record.responsibleBody.country { body.append(country.rawValue) }
            if let url = record.responsibleBody.url { body.append(url) }
            var facts = [
                fact("body", body),
                fact("scope", [w.text(record.scope == .organisation ? "qa_scope_organisation" : "qa_scope_programme")]),
                fact("outcome", ["\(w.grade(record.outcome)) (\(w.label("grading", record.outcome.grading.rawValue)))"]),
                fact("validity", [w.validity(record.validity)]),
                fact("benefits", record.benefits.map { w.label("benefit", $0.rawValue) }),
                fact("standards", record.standards.map { w.label("standard", $0.rawValue) }),
                fact("stakeholders", record.stakeholderParticipation.map { "\(w.label("stage", $0.stage.rawValue)): \($0.role)" }),
                fact("elements", record.elementsAssessed.map { w.label("element", $0.rawValue) }),
                fact("methods", record.methods.map { w.label("method", $0.rawValue) }),
            ]
            if let costs = record.costs { facts.append(fact("costs", [costs])) }
            let specifications: [Link] = if case .programme(let refs) = record.scope {
                refs.map { ref in
                    Link(label: ref.description,
                         href: ref.version.map { "/catalogue/specs/\(ref.id.rawValue)/v\($0)" } ?? "/api/v1/catalogue/specs/\(ref.id.rawValue)")
                }
            } else { [] }
            return RecordCard(heading: w.label("mechanism", record.mechanism.rawValue), standing: standingText,
                              standingClass: standing == .inForce ? "ok" : "muted", selfDeclared: record.isSelfDeclared,
                              facts: facts, specifications: specifications, hasSpecifications: !specifications.isEmpty)
        }
        self.hasRecords = !records.isEmpty
    }
}

/// The quality-assurance part of a specification's page: is its provider assured for it today, by what.
struct SpecQualitySection {
    let hasProvider: Bool
    let providerName: String
    let providerHref: String
    let assured: Bool
    let statusText: String
    let assuredBy: [String]

    /// A platform-owned specification (no provider organisation).
    init(noProviderWording w: QualityWording) {
        hasProvider = false; providerName = ""; providerHref = ""; assured = false
        statusText = w.text("qa_spec_no_provider"); assuredBy = []
    }

    init(assurance: ProviderAssurance, organisation: Organisation, wording w: QualityWording) {
        hasProvider = true
        providerName = organisation.name
        providerHref = "/catalogue/providers/\(organisation.slug)?lang=\(w.language.rawValue)"
        assured = assurance.isQualityAssured
        statusText = w.text(assured ? "qa_spec_assured" : "qa_spec_not_assured_\(assurance.notAssuredReason?.rawValue ?? "noRecords")")
        assuredBy = assurance.assuredBy.map { "\(w.summary($0)) — \(w.validity($0.validity))" }
    }
}
