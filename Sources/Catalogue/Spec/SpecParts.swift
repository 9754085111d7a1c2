import Foundation

/// An organisation that awards the micro-credential (EU mandatory element "awarding body(ies)").
public struct AwardingBody: Codable, Sendable, Hashable {
    /// A URL or DID identifying the body, when it has one (used as the OB3 `creator` id).
    public var id: String?
    public var name: LocalizedText
    public var kind: ProviderKind
    public var country: CountryCode?

    public init(id: String? = nil, name: LocalizedText, kind: ProviderKind, country: CountryCode? = nil) {
        self.id = id; self.name = name; self.kind = kind; self.country = country
    }
}

/// Domain of a learning outcome in the EQF descriptor sense.
public enum LearningOutcomeDomain: String, Codable, Sendable, CaseIterable {
    case knowledge, skills, responsibilityAndAutonomy
}

/// One learning outcome: what the learner knows, understands and is able to do.
public struct LearningOutcome: Codable, Sendable, Hashable {
    public var text: LocalizedText
    public var domain: LearningOutcomeDomain
    /// The EmPass skill this outcome evidences, if any.
    public var skill: SkillID?

    public init(text: LocalizedText, domain: LearningOutcomeDomain = .skills, skill: SkillID? = nil) {
        self.text = text; self.domain = domain; self.skill = skill
    }
}

/// Notional workload: ECTS credits where possible, otherwise (or also) hours of learning.
public struct Workload: Codable, Sendable, Hashable {
    public var ects: Decimal?
    public var hours: Decimal?
    public init(ects: Decimal? = nil, hours: Decimal? = nil) { self.ects = ects; self.hours = hours }
}

/// A level in a national qualifications framework.
public struct NQFLevel: Codable, Sendable, Hashable {
    public var country: CountryCode
    /// The framework's name as the country publishes it (e.g. "Hellenic Qualifications Framework").
    public var framework: String
    /// The level as written in that framework ("4", "3B", …).
    public var level: String
    public init(country: CountryCode, framework: String, level: String) {
        self.country = country; self.framework = framework; self.level = level
    }
}

/// EU mandatory element "level (and cycle, if applicable)".
public struct QualificationLevel: Codable, Sendable, Hashable {
    public var eqf: Int
    public var eqfStatus: LevelStatus
    public var nqf: NQFLevel?
    public var qfEhea: QFEHEACycle?
    public init(eqf: Int, eqfStatus: LevelStatus = .indicative, nqf: NQFLevel? = nil, qfEhea: QFEHEACycle? = nil) {
        self.eqf = eqf; self.eqfStatus = eqfStatus; self.nqf = nqf; self.qfEhea = qfEhea
    }
}

/// Assessment and certification (EU "type of assessment", CEDEFOP group 4).
public struct AssessmentDescription: Codable, Sendable, Hashable {
    public var types: [AssessmentType]
    public var description: LocalizedText?
    public var awardBasis: [AwardBasis]
    /// CEDEFOP "use of external assessment": assessed by someone other than the trainer/provider.
    public var externalAssessment: Bool
    public var supervision: SupervisionAndIdentityVerification?
    public var certificationFormats: [CertificationFormat]

    public init(
        types: [AssessmentType], description: LocalizedText? = nil, awardBasis: [AwardBasis],
        externalAssessment: Bool, supervision: SupervisionAndIdentityVerification? = nil,
        certificationFormats: [CertificationFormat] = [.verifiableCredential]
    ) {
        self.types = types; self.description = description; self.awardBasis = awardBasis
        self.externalAssessment = externalAssessment; self.supervision = supervision
        self.certificationFormats = certificationFormats
    }
}

/// EU optional element "grade".
public struct GradeScheme: Codable, Sendable, Hashable {
    public var kind: GradeSchemeKind
    public var description: LocalizedText?
    public init(kind: GradeSchemeKind, description: LocalizedText? = nil) { self.kind = kind; self.description = description }
}

/// Pedagogy and delivery (CEDEFOP group 5). The delivery format is `SpecContent.participation`.
public struct PedagogyAndDelivery: Codable, Sendable, Hashable {
    public var learningSites: [LearningSite]
    public var teacherRole: TeacherRole?
    public var learningControl: LearningControl?
    /// CEDEFOP template (d) "duration and pace", free text.
    public var durationAndPace: LocalizedText?
    public init(
        learningSites: [LearningSite] = [], teacherRole: TeacherRole? = nil,
        learningControl: LearningControl? = nil, durationAndPace: LocalizedText? = nil
    ) {
        self.learningSites = learningSites; self.teacherRole = teacherRole
        self.learningControl = learningControl; self.durationAndPace = durationAndPace
    }
}

/// Access (CEDEFOP group 6; EU optional "prerequisites needed to enrol").
public struct Access: Codable, Sendable, Hashable {
    public var prerequisites: LocalizedText?
    public var targetGroup: LocalizedText?
    public init(prerequisites: LocalizedText? = nil, targetGroup: LocalizedText? = nil) {
        self.prerequisites = prerequisites; self.targetGroup = targetGroup
    }
}

/// Use in and outside formal education (CEDEFOP group 7; EU "integration/stackability options").
public struct Use: Codable, Sendable, Hashable {
    public var stackability: [StackabilityOption]
    public var stackabilityDescription: LocalizedText?
    public var recognitionPotential: RecognitionPotential?
    public init(
        stackability: [StackabilityOption] = [.standalone], stackabilityDescription: LocalizedText? = nil,
        recognitionPotential: RecognitionPotential? = nil
    ) {
        self.stackability = stackability; self.stackabilityDescription = stackabilityDescription
        self.recognitionPotential = recognitionPotential
    }
}

/// Stakeholder relevance (CEDEFOP group 8).
public struct StakeholderRelevance: Codable, Sendable, Hashable {
    public var employerInvolvement: [EmployerInvolvement]
    public var labourMarketRelevance: LocalizedText?
    public var transparency: LocalizedText?
    public init(
        employerInvolvement: [EmployerInvolvement] = [], labourMarketRelevance: LocalizedText? = nil,
        transparency: LocalizedText? = nil
    ) {
        self.employerInvolvement = employerInvolvement; self.labourMarketRelevance = labourMarketRelevance
        self.transparency = transparency
    }
}

/// An amount of money in an ISO 4217 currency.
public struct Money: Codable, Sendable, Hashable {
    public var amount: Decimal
    public var currency: String
    public init(amount: Decimal, currency: String) { self.amount = amount; self.currency = currency }

    /// ISO 4217 codes accepted by validation: the euro and the other currencies of EU/EEA states
    /// and neighbours a European catalogue meets.
    public static let knownCurrencies: Set<String> = [
        "EUR", "BGN", "CZK", "DKK", "HUF", "PLN", "RON", "SEK", "ISK", "NOK", "CHF", "GBP",
        "ALL", "BAM", "MKD", "RSD", "TRY", "UAH", "MDL", "USD",
    ]
}

/// Costs and funding (CEDEFOP "costs and funding options", template (p)).
public struct CostsAndFunding: Codable, Sendable, Hashable {
    /// What a learner pays; zero means free of charge; nil means not stated.
    public var costToLearner: Money?
    public var fundingOptions: LocalizedText?
    public init(costToLearner: Money? = nil, fundingOptions: LocalizedText? = nil) {
        self.costToLearner = costToLearner; self.fundingOptions = fundingOptions
    }
}

/// The occupational field or sector the credential relates to (CEDEFOP group 2).
public struct OccupationalField: Codable, Sendable, Hashable {
    public var scheme: OccupationalFieldScheme
    public var code: String
    public var label: String?
    public init(scheme: OccupationalFieldScheme, code: String, label: String? = nil) {
        self.scheme = scheme; self.code = code; self.label = label
    }

    /// The concept URI in the EU's linked-data publication, when the scheme has one: ISCED-F via
    /// ESCO (`http://data.europa.eu/esco/isced-f/0413`), ISCO-08 groups via ESCO
    /// (`http://data.europa.eu/esco/isco/C5223`). NACE has no URI here.
    public var uri: String? {
        switch scheme {
        case .iscedF: "http://data.europa.eu/esco/isced-f/\(code)"
        case .escoOccupationGroup: "http://data.europa.eu/esco/isco/C\(code)"
        case .nace: nil
        }
    }

    /// Why the code does not fit its scheme, or nil.
    public var problem: String? {
        let digits = code.allSatisfy { $0.isASCII && $0.isNumber }
        switch scheme {
        case .iscedF:
            return digits && (2...4).contains(code.count) ? nil : "ISCED-F codes have 2 to 4 digits ('0413')"
        case .escoOccupationGroup:
            return digits && (1...4).contains(code.count) ? nil : "ISCO-08 group codes have 1 to 4 digits ('5223')"
        case .nace:
            guard let first = code.first, first.isASCII, first.isUppercase,
                code.dropFirst().allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." }), code.count <= 6
            else { return "NACE codes are a section letter optionally followed by digits ('C', 'C10.1')" }
            return nil
        }
    }
}

/// A skill the credential certifies and the proficiency level (1–4) required to be awarded it.
public struct SkillRequirement: Codable, Sendable, Hashable {
    public var skill: SkillID
    public var requiredLevel: Int
    public init(skill: SkillID, requiredLevel: Int) { self.skill = skill; self.requiredLevel = requiredLevel }
}
