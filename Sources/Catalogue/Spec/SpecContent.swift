import Foundation

/// What a micro-credential specification says: everything except its lifecycle (id, version,
/// status). Its SHA-256 content hash is the identity of a version's content.
///
/// Grouping follows the sources:
/// - EU Council Recommendation of 16 June 2022 on micro-credentials, Annex I, mandatory elements
///   that belong to the specification: `title`, `issuerCountries`, `awardingBodies`,
///   `learningOutcomes`, `workload`, `level`, `assessment.types`, `participation`,
///   `qualityAssurance` (learner identification and date of issue are added at award time);
///   optional elements: `access.prerequisites`, `assessment.supervision`, `gradeScheme`,
///   `use` (integration/stackability), `furtherInformation`.
/// - CEDEFOP's operational characteristics (8 groups): identification and issuance
///   (`awardingBodies[].kind`, `issuerCountries`, `assessment.certificationFormats`), learning
///   outcomes and occupational field (`occupationalFields`, `occupationalStandards`), workload,
///   assessment and certification (`assessment.awardBasis`, `assessment.externalAssessment`),
///   pedagogy and delivery (`participation`, `pedagogy`), access, use, stakeholder relevance,
///   and costs and funding.
public struct SpecContent: Codable, Sendable, Hashable {
    // MARK: EU mandatory elements
    public var title: LocalizedText
    /// The language a reader falls back to; `title` and every text must have it.
    public var defaultLanguage: LanguageTag
    /// Languages the learning and assessment are offered in.
    public var languages: [LanguageTag]
    public var description: LocalizedText?
    public var issuerCountries: [CountryCode]
    public var awardingBodies: [AwardingBody]
    public var learningOutcomes: [LearningOutcome]
    public var workload: Workload
    public var level: QualificationLevel
    public var assessment: AssessmentDescription
    public var participation: ParticipationForm
    public var qualityAssurance: [QualityAssuranceType]
    public var qualityAssuranceDescription: LocalizedText?

    // MARK: EU optional elements
    public var gradeScheme: GradeScheme?
    public var furtherInformation: LocalizedText?

    // MARK: CEDEFOP operational characteristics
    public var occupationalFields: [OccupationalField]
    /// CEDEFOP template (i) "link to occupational standards", free text.
    public var occupationalStandards: LocalizedText?
    public var pedagogy: PedagogyAndDelivery
    public var access: Access
    public var use: Use
    public var stakeholders: StakeholderRelevance
    public var costs: CostsAndFunding
    public var purposes: [MicroCredentialPurpose]

    // MARK: EmPass
    /// The skills certified, one OB3 ResultDescription each.
    public var skills: [SkillRequirement]
    /// Criteria narrative for OB3 `criteria.narrative` (how the credential is earned).
    public var criteria: LocalizedText
    public var image: String?
    public var tags: [String]

    public init(
        title: LocalizedText, defaultLanguage: LanguageTag = .english, languages: [LanguageTag],
        description: LocalizedText? = nil, issuerCountries: [CountryCode], awardingBodies: [AwardingBody],
        learningOutcomes: [LearningOutcome], workload: Workload, level: QualificationLevel,
        assessment: AssessmentDescription, participation: ParticipationForm,
        qualityAssurance: [QualityAssuranceType], qualityAssuranceDescription: LocalizedText? = nil,
        gradeScheme: GradeScheme? = nil, furtherInformation: LocalizedText? = nil,
        occupationalFields: [OccupationalField] = [], occupationalStandards: LocalizedText? = nil,
        pedagogy: PedagogyAndDelivery = .init(), access: Access = .init(), use: Use = .init(),
        stakeholders: StakeholderRelevance = .init(), costs: CostsAndFunding = .init(),
        purposes: [MicroCredentialPurpose] = [], skills: [SkillRequirement] = [],
        criteria: LocalizedText, image: String? = nil, tags: [String] = []
    ) {
        self.title = title; self.defaultLanguage = defaultLanguage; self.languages = languages
        self.description = description; self.issuerCountries = issuerCountries
        self.awardingBodies = awardingBodies; self.learningOutcomes = learningOutcomes
        self.workload = workload; self.level = level; self.assessment = assessment
        self.participation = participation; self.qualityAssurance = qualityAssurance
        self.qualityAssuranceDescription = qualityAssuranceDescription; self.gradeScheme = gradeScheme
        self.furtherInformation = furtherInformation; self.occupationalFields = occupationalFields
        self.occupationalStandards = occupationalStandards; self.pedagogy = pedagogy; self.access = access
        self.use = use; self.stakeholders = stakeholders; self.costs = costs; self.purposes = purposes
        self.skills = skills; self.criteria = criteria; self.image = image; self.tags = tags
    }

    /// SHA-256 (lower-case hex) of the canonical JSON encoding (sorted keys, no whitespace,
    /// unescaped slashes, ISO 8601 dates): equal content ⇔ equal hash, whatever the lifecycle.
    public var contentHash: String { ContentHash.sha256Hex(of: self) }
}
