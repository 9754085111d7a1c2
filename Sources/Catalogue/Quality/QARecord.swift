import Foundation

/// Identifies a provider (an Organisation of kind issuer/testCentre in the platform).
public struct ProviderID: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}

/// A provider of micro-credentials and the organisation quality assurance is about.
public struct Provider: Codable, Sendable, Hashable, Identifiable {
    public var id: ProviderID
    public var name: LocalizedText
    public var kind: ProviderKind
    public var country: CountryCode
    public var website: String?
    public init(id: ProviderID, name: LocalizedText, kind: ProviderKind, country: CountryCode, website: String? = nil) {
        self.id = id; self.name = name; self.kind = kind; self.country = country; self.website = website
    }
}

/// CEDEFOP: "type of quality assurance mechanism".
public enum QAMechanism: String, Codable, Sendable, CaseIterable {
    case certification, qualityAward, inspection, selfAssessment, accreditation
}

/// CEDEFOP: "responsible body for QA" — who did the assuring.
public enum QABodyKind: String, Codable, Sendable, CaseIterable {
    case publicAuthority, governmentAgency, independentAgency, certificationBody, sectorBody
    case professionalBody, ngo, providerItself, other
}

public struct QABody: Codable, Sendable, Hashable {
    public var name: String
    public var kind: QABodyKind
    public var country: CountryCode?
    /// URL of the body or of its register entry.
    public var url: String?
    public init(name: String, kind: QABodyKind, country: CountryCode? = nil, url: String? = nil) {
        self.name = name; self.kind = kind; self.country = country; self.url = url
    }
}

/// CEDEFOP: "scope of assessment (organisation level, or programme level)". A programme-level
/// record names the specifications it covers (a version-less reference covers all versions).
public enum QAScope: Codable, Sendable, Hashable {
    case organisation
    case programme([SpecReference])

    public func covers(_ spec: SpecReference) -> Bool {
        switch self {
        case .organisation: true
        case .programme(let refs): refs.contains { $0.covers(spec) }
        }
    }

    private enum CodingKeys: String, CodingKey { case level, specifications }
    private enum Level: String, Codable { case organisation, programme }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Level.self, forKey: .level) {
        case .organisation: self = .organisation
        case .programme: self = .programme(try c.decode([SpecReference].self, forKey: .specifications))
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .organisation: try c.encode(Level.organisation, forKey: .level)
        case .programme(let refs):
            try c.encode(Level.programme, forKey: .level)
            try c.encode(refs, forKey: .specifications)
        }
    }
}

/// CEDEFOP: "grading system (fail/pass, or multi-category)" and the grade obtained.
public struct QAOutcome: Codable, Sendable, Hashable {
    public enum Grading: String, Codable, Sendable { case passFail, multiCategory }
    public var grading: Grading
    /// The grade as the body states it ("pass", "gold", "B", …).
    public var grade: String
    /// Whether the grade means the provider is quality-assured (a "fail" does not count).
    public var positive: Bool
    public init(grading: Grading, grade: String, positive: Bool) { self.grading = grading; self.grade = grade; self.positive = positive }
    public static let pass = QAOutcome(grading: .passFail, grade: "pass", positive: true)
    public static let fail = QAOutcome(grading: .passFail, grade: "fail", positive: false)
}

/// The period a QA outcome is valid for: a half-open interval [`from`, `until`) in UTC.
/// `from` is inclusive (valid from that instant on); `until` is exclusive (no longer valid at that
/// instant); `until == nil` means open-ended. Certificates stated in calendar days ("valid from
/// 1 January 2025 to 31 December 2027") are converted with `init(firstDay:lastDay:timeZone:)`, which
/// makes the whole last day valid.
public struct ValidityPeriod: Codable, Sendable, Hashable {
    public var from: Date
    public var until: Date?
    public init(from: Date, until: Date?) { self.from = from; self.until = until }

    /// From the start of `firstDay` to the end of `lastDay` (both calendar days inclusive) in `timeZone`.
    public init(firstDay: DateComponents, lastDay: DateComponents?, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func startOfDay(_ c: DateComponents) -> Date {
            calendar.date(from: DateComponents(year: c.year, month: c.month, day: c.day))!
        }
        self.from = startOfDay(firstDay)
        self.until = lastDay.map { calendar.date(byAdding: .day, value: 1, to: startOfDay($0))! }
    }

    public func contains(_ date: Date) -> Bool { date >= from && (until.map { date < $0 } ?? true) }
}

/// CEDEFOP: "benefits to providers".
public enum QABenefit: String, Codable, Sendable, CaseIterable {
    case qualityLabel, registryListing, publicFunding, licenceToOperate, award
}

/// Standards and guidelines the QA is informed by.
public enum QAStandard: String, Codable, Sendable, CaseIterable {
    /// European Quality Assurance Reference Framework for VET.
    case eqavet
    /// Standards and Guidelines for Quality Assurance in the EHEA.
    case esg
    /// ISO 21001 educational organisations management systems.
    case iso21001
    /// ISO 29993 learning services outside formal education.
    case iso29993
    case iso9001
    /// European Foundation for Quality Management excellence model.
    case efqm
    case eaquals
    case nationalFramework
    case other
}

/// CEDEFOP: "quality-assessed training elements".
public enum QAElement: String, Codable, Sendable, CaseIterable {
    case externalQualityCertificate, leadershipAndManagement, ongoingMonitoring, organisationalStructure
    case publicInformation, qualityManagementSystem, regulatoryCompliance, staffRecruitmentAndTraining
    case trainingDesignAndDelivery
}

/// CEDEFOP: "assessment tools and methods".
public enum QAMethod: String, Codable, Sendable, CaseIterable {
    case performanceIndicatorAnalysis, expertReview, interviews, selfAssessmentQuestionnaire, siteVisits, surveys
}

/// Where labour-market stakeholders take part, and how.
public struct StakeholderParticipation: Codable, Sendable, Hashable {
    public enum Stage: String, Codable, Sendable, CaseIterable {
        case design, development, implementation, qaProcess
    }
    public var stage: Stage
    public var role: String
    public init(stage: Stage, role: String) { self.stage = stage; self.role = role }
}

/// A withdrawal ends a record early: from `at` on it no longer applies (before `at` it did).
public struct QAWithdrawal: Codable, Sendable, Hashable {
    public var at: Date
    public var reason: String
    public init(at: Date, reason: String) { self.at = at; self.reason = reason }
}

/// One quality-assurance outcome for a provider: who assured what, how, with what result and for
/// how long (CEDEFOP RQ3 "key features", "assessment process", "assessment outcomes", "additional features").
public struct QARecord: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var provider: ProviderID
    public var mechanism: QAMechanism
    public var responsibleBody: QABody
    public var scope: QAScope
    public var outcome: QAOutcome
    public var validity: ValidityPeriod
    public var benefits: [QABenefit]
    public var standards: [QAStandard]
    public var elementsAssessed: [QAElement]
    public var methods: [QAMethod]
    public var stakeholderParticipation: [StakeholderParticipation]
    /// CEDEFOP "costs (what costs are involved)", free text.
    public var costs: String?
    public var withdrawal: QAWithdrawal?

    public init(
        id: String, provider: ProviderID, mechanism: QAMechanism, responsibleBody: QABody, scope: QAScope,
        outcome: QAOutcome = .pass, validity: ValidityPeriod, benefits: [QABenefit] = [], standards: [QAStandard] = [],
        elementsAssessed: [QAElement] = [], methods: [QAMethod] = [],
        stakeholderParticipation: [StakeholderParticipation] = [], costs: String? = nil, withdrawal: QAWithdrawal? = nil
    ) {
        self.id = id; self.provider = provider; self.mechanism = mechanism; self.responsibleBody = responsibleBody
        self.scope = scope; self.outcome = outcome; self.validity = validity; self.benefits = benefits
        self.standards = standards; self.elementsAssessed = elementsAssessed; self.methods = methods
        self.stakeholderParticipation = stakeholderParticipation; self.costs = costs; self.withdrawal = withdrawal
    }
}
