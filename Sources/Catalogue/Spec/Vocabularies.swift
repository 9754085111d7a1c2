// Closed vocabularies for the elements of a micro-credential specification. Raw values are the
// stable strings used in JSON, CSV and the EmPass JSON-LD context; never rename a raw value —
// add a case instead.

/// EU Recommendation (2022) mandatory element "form of participation in the learning activity",
/// also CEDEFOP's "delivery format".
public enum ParticipationForm: String, Codable, Sendable, CaseIterable {
    case online, onSite, blended
}

/// EU mandatory element "type of assessment" / CEDEFOP "type of assessment used".
public enum AssessmentType: String, Codable, Sendable, CaseIterable {
    case written, oral, practical, situationalJudgementTest, onlineTest, observation, portfolio, project, interview
    case workplaceAssessment, peerAssessment, selfAssessment
}

/// EU mandatory element "type of quality assurance used to underpin the micro-credential".
public enum QualityAssuranceType: String, Codable, Sendable, CaseIterable {
    /// The provider's own quality-assurance system (e.g. an EQAVET-aligned internal cycle).
    case `internal`
    /// Review by a body independent of the provider (agency, certifier, inspectorate).
    case external
    /// Review by a sector or industry body, or employers' organisation.
    case sectoral
    /// The specification (programme) itself is accredited.
    case programmeAccreditation
}

/// EU optional element "supervision and identity verification during assessment": the
/// Recommendation's three cases, with the setting (online or on site) where supervision happens.
public enum SupervisionAndIdentityVerification: String, Codable, Sendable, CaseIterable {
    case unsupervisedNoIdentityVerification
    case supervisedOnlineNoIdentityVerification
    case supervisedOnSiteNoIdentityVerification
    case supervisedOnlineWithIdentityVerification
    case supervisedOnSiteWithIdentityVerification

    /// The Recommendation's case number: 1 unsupervised with no identity verification,
    /// 2 supervised without identity verification, 3 supervised with identity verification.
    public var recommendationCase: Int {
        switch self {
        case .unsupervisedNoIdentityVerification: 1
        case .supervisedOnlineNoIdentityVerification, .supervisedOnSiteNoIdentityVerification: 2
        case .supervisedOnlineWithIdentityVerification, .supervisedOnSiteWithIdentityVerification: 3
        }
    }
    public var isSupervised: Bool { recommendationCase > 1 }
    public var verifiesIdentity: Bool { recommendationCase == 3 }
}

/// CEDEFOP "basis for awarding the credential".
public enum AwardBasis: String, Codable, Sendable, CaseIterable {
    case participation, priorLearningValidation, assessmentOnly, assessmentAfterLearning
}

/// CEDEFOP "learning site".
public enum LearningSite: String, Codable, Sendable, CaseIterable {
    case classroom, workplace, dualLearning, online, community
}

/// CEDEFOP "role of the teacher".
public enum TeacherRole: String, Codable, Sendable, CaseIterable {
    case facilitator, lecturer, mentor, coach, assessorOnly, none
}

/// CEDEFOP "control over learning".
public enum LearningControl: String, Codable, Sendable, CaseIterable {
    case selfDirected, teacherCentred, shared
}

/// EU optional element "integration/stackability options"; CEDEFOP "accumulation or stackability".
public enum StackabilityOption: String, Codable, Sendable, CaseIterable {
    case standalone
    case stackableTowardsQualification
    case combinableWithMicroCredentials
    case creditTransfer
    case exemptionFromProgrammePart
}

/// CEDEFOP "potential for automatic recognition across borders or institutions".
public enum RecognitionPotential: String, Codable, Sendable, CaseIterable {
    case none, caseByCase, agreedWithinNetwork, automatic
}

/// CEDEFOP "engagement with industry or employers in designing the credential" — the stages
/// where employers take part.
public enum EmployerInvolvement: String, Codable, Sendable, CaseIterable {
    case design, validation, delivery, assessment, qualityAssurance, recognition
}

/// CEDEFOP template (o) "purpose" and RQ2 functions.
public enum MicroCredentialPurpose: String, Codable, Sendable, CaseIterable {
    case labourMarketEntry, labourMarketAdvancement, upskilling, reskilling, furtherLearning, socialInclusion
}

/// CEDEFOP template (k) "format of certification".
public enum CertificationFormat: String, Codable, Sendable, CaseIterable {
    case verifiableCredential, europeanDigitalCredential, openBadge, paperCertificate, pdfCertificate
}

/// The kind of organisation that issues or awards (CEDEFOP "issuing body (type of provider)").
public enum ProviderKind: String, Codable, Sendable, CaseIterable {
    case vetSchool, higherEducationInstitution, publicTrainingCentre, privateTrainingProvider
    case employer, sectorOrganisation, chamber, ngo, youthOrganisation, publicAuthority, consortium, other
}

/// EQF position: whether the specification formally has the level (through an NQF) or is
/// informally positioned at it (CEDEFOP's "NB" on levels).
public enum LevelStatus: String, Codable, Sendable, CaseIterable {
    case formal, indicative
}

/// Cycles of the Framework of Qualifications of the European Higher Education Area.
public enum QFEHEACycle: String, Codable, Sendable, CaseIterable {
    case shortCycle, first, second, third

    /// The EQF level each cycle corresponds to (short cycle 5, first 6, second 7, third 8).
    public var eqfLevel: Int {
        switch self {
        case .shortCycle: 5
        case .first: 6
        case .second: 7
        case .third: 8
        }
    }
}

/// Kind of grade scheme (EU optional element "grade").
public enum GradeSchemeKind: String, Codable, Sendable, CaseIterable {
    case passFail, proficiencyLevels, percentage, letterGrade, numeric
}

/// Classification used for the occupational field or sector.
public enum OccupationalFieldScheme: String, Codable, Sendable, CaseIterable {
    /// ISCED-F 2013 fields of education and training (2–4 digit codes, e.g. `0413`).
    case iscedF
    /// ISCO-08 / ESCO occupation groups (1–4 digit codes, e.g. `5223`).
    case escoOccupationGroup
    /// NACE Rev. 2 economic activity sections/divisions (e.g. `C`, `C10`).
    case nace
}
