import Foundation

/// Whether a quality-assurance record is about the whole provider or about named programmes
/// (mirrors `Catalogue.QAScope`).
public enum QAScopeLevel: String, Sendable, Codable, CaseIterable {
    case organisation, programme
}

/// A specification a programme-level record covers; `version == nil` covers every version.
public struct QASpecificationRef: Sendable, Codable, Hashable {
    public var specID: String
    public var version: Int?
    public init(specID: String, version: Int? = nil) { self.specID = specID; self.version = version }
}

/// How labour-market stakeholders take part, at which stage (`design`, `qaProcess`, …).
public struct QAStakeholderEntry: Sendable, Codable, Hashable {
    public var stage: String
    public var role: String
    public init(stage: String, role: String) { self.stage = stage; self.role = role }
}

/// One quality-assurance record of a provider (an organisation), as stored. Every field of
/// `Catalogue.QARecord` has its column; Storage does not depend on the Catalogue library, so its
/// vocabularies (mechanism, body kind, benefits, standards, …) are kept as the codes the server
/// validated against that library, and read back through it.
public struct ProviderQARecord: Sendable, Hashable {
    public var id: QARecordID
    /// The provider: an existing organisation.
    public var providerID: OrganisationID
    /// `certification`, `qualityAward`, `inspection`, `selfAssessment`, `accreditation`.
    public var mechanism: String
    public var bodyName: String
    /// `publicAuthority`, `independentAgency`, `providerItself`, …
    public var bodyKind: String
    public var bodyCountry: String?
    public var bodyURL: String?
    public var scopeLevel: QAScopeLevel
    /// Empty for organisation-level records.
    public var scopeSpecifications: [QASpecificationRef]
    /// `passFail` or `multiCategory`.
    public var grading: String
    public var grade: String
    /// Whether the grade counts as quality-assured.
    public var positive: Bool
    /// Valid from this instant on (inclusive).
    public var validFrom: Date
    /// No longer valid at this instant (exclusive); nil: open-ended.
    public var validUntil: Date?
    public var benefits: [String]
    public var standards: [String]
    public var elementsAssessed: [String]
    public var methods: [String]
    public var stakeholderParticipation: [QAStakeholderEntry]
    public var costs: String?
    /// Set once, by `QARecordStore.withdraw`; from this instant on the record no longer applies.
    public var withdrawnAt: Date?
    public var withdrawalReason: String?
    /// Who entered the record (nil: the system, e.g. the demo seed).
    public var enteredBy: UserID?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: QARecordID, providerID: OrganisationID, mechanism: String, bodyName: String, bodyKind: String,
        bodyCountry: String? = nil, bodyURL: String? = nil, scopeLevel: QAScopeLevel = .organisation,
        scopeSpecifications: [QASpecificationRef] = [], grading: String = "passFail", grade: String = "pass",
        positive: Bool = true, validFrom: Date, validUntil: Date?, benefits: [String] = [], standards: [String] = [],
        elementsAssessed: [String] = [], methods: [String] = [], stakeholderParticipation: [QAStakeholderEntry] = [],
        costs: String? = nil, withdrawnAt: Date? = nil, withdrawalReason: String? = nil, enteredBy: UserID? = nil,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id; self.providerID = providerID; self.mechanism = mechanism; self.bodyName = bodyName
        self.bodyKind = bodyKind; self.bodyCountry = bodyCountry; self.bodyURL = bodyURL; self.scopeLevel = scopeLevel
        self.scopeSpecifications = scopeSpecifications; self.grading = grading; self.grade = grade; self.positive = positive
        self.validFrom = validFrom; self.validUntil = validUntil; self.benefits = benefits; self.standards = standards
        self.elementsAssessed = elementsAssessed; self.methods = methods
        self.stakeholderParticipation = stakeholderParticipation; self.costs = costs; self.withdrawnAt = withdrawnAt
        self.withdrawalReason = withdrawalReason; self.enteredBy = enteredBy; self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

public typealias QARecordID = EntityID<ProviderQARecord>
