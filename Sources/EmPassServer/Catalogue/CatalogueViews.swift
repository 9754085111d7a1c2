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

    init(_ spec: MicroCredentialSpec) {
        self.id = spec.id.rawValue
        self.version = spec.version
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

/// The catalogue's filters, shared by the JSON list and the page: `?eqf=1..8&language=<tag>`.
struct CatalogueFilter: Sendable {
    var eqf: Int?
    var language: String?

    init(_ parameters: Parameters) throws {
        if let text = parameters.get("eqf"), !text.isEmpty {
            guard let level = Int(text), (1...8).contains(level) else { throw AppError.invalidInput("eqf is an EQF level 1 to 8") }
            eqf = level
        }
        if let text = parameters.get("language"), !text.isEmpty {
            guard LanguageTag(text).problem == nil else { throw AppError.invalidInput("language '\(text)' is not a language tag") }
            language = text.lowercased()
        }
    }

    func matches(_ spec: MicroCredentialSpec) -> Bool {
        if let eqf, spec.content.level.eqf != eqf { return false }
        if let language, !spec.content.languages.contains(where: { $0.rawValue.lowercased() == language }) { return false }
        return true
    }
}
