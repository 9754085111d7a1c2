import Catalogue
import Foundation
import Hummingbird
import Storage

/// One row of the public catalogue list (JSON).
struct SpecSummaryView: Encodable {
    let id: String
    /// The latest published version.
    let version: Int
    /// The title in every language it is written in.
    let title: LocalizedText
    /// The title in the specification's default language.
    let name: String
    let eqfLevel: Int
    let languages: [String]
    let contentHash: String
    /// The occupational field codes (CEDEFOP "occupational field/sector").
    let sectors: [String]
    /// The owning issuer (the provider); absent for platform-owned specifications.
    let providerId: OrganisationID?
    /// Whether that provider is quality-assured for this specification today.
    let providerQualityAssured: Bool

    init(_ spec: MicroCredentialSpec, provider: OrganisationID? = nil, assured: Bool = false) {
        self.id = spec.id.rawValue
        self.version = spec.version
        self.sectors = spec.content.occupationalFields.map(\.code)
        self.providerId = provider
        self.providerQualityAssured = assured
        self.title = spec.content.title
        self.name = spec.content.title.text(in: spec.content.defaultLanguage) ?? spec.id.rawValue
        self.eqfLevel = spec.content.level.eqf
        self.languages = spec.content.languages.map(\.rawValue)
        self.contentHash = spec.contentHash
    }
}

/// One line of a specification's version history (JSON).
struct VersionSummaryView: Encodable {
    let version: Int
    let status: SpecStatus
    let publishedAt: Date?
    let retiredAt: Date?
    let previousVersion: Int?
    let contentHash: String

    init(_ spec: MicroCredentialSpec) {
        self.version = spec.version
        self.status = spec.status
        self.publishedAt = spec.publishedAt
        self.retiredAt = spec.retiredAt
        self.previousVersion = spec.previousVersion
        self.contentHash = spec.contentHash
    }
}

/// A whole specification version (JSON): lifecycle, owner, hash and content.
struct SpecVersionView: Encodable {
    let id: String
    let version: Int
    let status: SpecStatus
    let publishedAt: Date?
    let retiredAt: Date?
    let previousVersion: Int?
    let organisationId: OrganisationID?
    let contentHash: String
    let content: SpecContent
    /// Validation findings (warnings on a published version; anything on a draft).
    let issues: [ValidationIssue]

    init(_ stored: StoredSpec, issues: [ValidationIssue]) {
        let spec = stored.spec
        self.id = spec.id.rawValue
        self.version = spec.version
        self.status = spec.status
        self.publishedAt = spec.publishedAt
        self.retiredAt = spec.retiredAt
        self.previousVersion = spec.previousVersion
        self.organisationId = stored.organisationID
        self.contentHash = spec.contentHash
        self.content = spec.content
        self.issues = issues
    }
}

/// The catalogue's filters, shared by the JSON list and the page; they combine (all must hold):
/// `?eqf=1..8&language=<tag>&sector=<occupational field code or its prefix>&qa=assured`.
struct CatalogueFilter: Sendable {
    /// `qa=assured`: only specifications whose provider is quality-assured for them today.
    enum QualityFilter: String, Sendable, CaseIterable {
        case assured
    }

    var eqf: Int?
    var language: String?
    /// An occupational field code (ISCED-F `0417`, ISCO-08 `5223`, NACE `C10.1`) or a broader
    /// prefix of one (`04` covers ISCED-F `0417`, the codes being hierarchical).
    var sector: String?
    var qa: QualityFilter?

    init(_ parameters: Parameters) throws {
        if let text = parameters.get("eqf"), !text.isEmpty {
            guard let level = Int(text), (1...8).contains(level) else { throw AppError.invalidInput("eqf is an EQF level 1 to 8") }
            eqf = level
        }
        if let text = parameters.get("language"), !text.isEmpty {
            guard LanguageTag(text).problem == nil else { throw AppError.invalidInput("language '\(text)' is not a language tag") }
            language = text.lowercased()
        }
        if let text = parameters.get("sector"), !text.isEmpty {
            guard text.count <= 8, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }) else {
                throw AppError.invalidInput("sector '\(text)' is not an occupational field code (e.g. 0417, 5223, C10.1)")
            }
            sector = text
        }
        if let text = parameters.get("qa"), !text.isEmpty {
            guard let value = QualityFilter(rawValue: text) else { throw AppError.invalidInput("qa is 'assured' or empty") }
            qa = value
        }
    }

    /// `assured`: whether the specification's provider is quality-assured for it today (asked only when `qa` is set).
    func matches(_ spec: MicroCredentialSpec, assured: Bool = false) -> Bool {
        if let eqf, spec.content.level.eqf != eqf { return false }
        if let language, !spec.content.languages.contains(where: { $0.rawValue.lowercased() == language }) { return false }
        if let sector, !spec.content.occupationalFields.contains(where: { $0.code.uppercased().hasPrefix(sector.uppercased()) }) { return false }
        if qa == .assured, !assured { return false }
        return true
    }

    /// The published specifications that pass, with whether each one's provider is assured today.
    func apply(to stored: [StoredSpec], services: AppServices) async throws -> [(spec: StoredSpec, assured: Bool)] {
        let assured = try await Self.assurance(of: stored, services: services)
        return zip(stored, assured).filter { matches($0.0.spec, assured: $0.1) }.map { ($0.0, $0.1) }
    }

    /// For each specification: is its provider (the owning issuer) quality-assured for it now?
    /// Platform-owned specifications have no provider and so no provider QA record.
    static func assurance(of stored: [StoredSpec], services: AppServices) async throws -> [Bool] {
        let pairs = stored.compactMap { item in item.organisationID.map { (provider: $0, specification: item.spec.reference) } }
        var answers = try await services.qualityAssurance.assuredPairs(pairs, on: services.clock.now()).makeIterator()
        return stored.map { $0.organisationID == nil ? false : (answers.next() ?? false) }
    }
}
