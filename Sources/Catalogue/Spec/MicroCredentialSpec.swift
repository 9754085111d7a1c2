import Foundation

/// The stable identifier of a specification across its versions (a slug such as
/// `empass-employability`): lower-case letters, digits and hyphens, so it fits URLs and file names.
public struct SpecID: RawRepresentable, Hashable, Sendable, Codable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: SpecID, rhs: SpecID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var isValid: Bool {
        (1...80).contains(rawValue.count) && rawValue.first != "-" && rawValue.last != "-"
            && rawValue.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}

/// Where a version is in its life. Only drafts can change; a published version is immutable
/// (credentials point at it); a retired one is no longer awarded but still verifies.
public enum SpecStatus: String, Codable, Sendable, CaseIterable {
    case draft, published, retired
}

/// One version of a micro-credential specification: lifecycle around immutable-once-published
/// content. Credentials reference `(id, version)` and may carry `contentHash` to detect tampering.
///
/// Versioning rules (enforced here, so storage and API only persist what these methods return):
/// - `draft(id:content:)` makes version 1 as a draft.
/// - `edit(_:)` changes a draft in place; on a published or retired version it throws
///   `SpecLifecycleError.immutable`.
/// - `publish(at:)` freezes a draft; `retire(at:)` ends a published version.
/// - `revise(_:)` on a published or retired version returns version + 1 as a new draft with the
///   edited content, `previousVersion` set; the original is untouched.
public struct MicroCredentialSpec: Codable, Sendable, Hashable, Identifiable {
    public let id: SpecID
    public let version: Int
    public private(set) var status: SpecStatus
    public private(set) var publishedAt: Date?
    public private(set) var retiredAt: Date?
    /// The version this one was revised from, if any.
    public let previousVersion: Int?
    public private(set) var content: SpecContent

    /// Memberwise, for decoding-like construction (storage rows); prefer `draft(id:content:)`.
    public init(
        id: SpecID, version: Int, status: SpecStatus, publishedAt: Date? = nil, retiredAt: Date? = nil,
        previousVersion: Int? = nil, content: SpecContent
    ) {
        self.id = id; self.version = version; self.status = status; self.publishedAt = publishedAt
        self.retiredAt = retiredAt; self.previousVersion = previousVersion; self.content = content
    }

    public static func draft(id: SpecID, content: SpecContent) -> MicroCredentialSpec {
        MicroCredentialSpec(id: id, version: 1, status: .draft, content: content)
    }

    public var contentHash: String { content.contentHash }
    public var reference: SpecReference { SpecReference(id: id, version: version) }

    /// Edits a draft. Published and retired versions never change.
    public mutating func edit(_ change: (inout SpecContent) throws -> Void) throws {
        guard status == .draft else { throw SpecLifecycleError.immutable(id: id, version: version, status: status) }
        try change(&content)
    }

    /// Publishes a draft after validation; any error-severity issue blocks publication.
    public mutating func publish(at date: Date, framework: SkillsFramework? = nil) throws {
        guard status == .draft else { throw SpecLifecycleError.notADraft(id: id, version: version, status: status) }
        let errors = SpecValidator(framework: framework).validate(content).filter { $0.severity == .error }
        guard errors.isEmpty else { throw SpecLifecycleError.invalid(errors) }
        status = .published
        publishedAt = date
    }

    /// Retires a published version: no new awards, existing credentials still verify.
    public mutating func retire(at date: Date) throws {
        guard status == .published else { throw SpecLifecycleError.notPublished(id: id, version: version, status: status) }
        status = .retired
        retiredAt = date
    }

    /// A new draft version with edited content; the receiver stays as it is. Revising a draft is
    /// refused (edit it instead) so that version numbers only grow past frozen content.
    public func revise(_ change: (inout SpecContent) throws -> Void) throws -> MicroCredentialSpec {
        guard status != .draft else { throw SpecLifecycleError.reviseDraft(id: id, version: version) }
        var newContent = content
        try change(&newContent)
        return MicroCredentialSpec(id: id, version: version + 1, status: .draft, previousVersion: version, content: newContent)
    }
}

/// Points at one exact version of a specification; `version == nil` means every version (used by
/// programme-scoped QA records that cover a specification as a whole).
public struct SpecReference: Codable, Sendable, Hashable, CustomStringConvertible {
    public var id: SpecID
    public var version: Int?
    public init(id: SpecID, version: Int? = nil) { self.id = id; self.version = version }
    public var description: String { version.map { "\(id)@v\($0)" } ?? id.rawValue }

    /// Whether this reference (possibly version-less) covers `other`.
    public func covers(_ other: SpecReference) -> Bool {
        id == other.id && (version == nil || version == other.version)
    }
}

public enum SpecLifecycleError: Error, CustomStringConvertible, Equatable {
    case immutable(id: SpecID, version: Int, status: SpecStatus)
    case notADraft(id: SpecID, version: Int, status: SpecStatus)
    case notPublished(id: SpecID, version: Int, status: SpecStatus)
    case reviseDraft(id: SpecID, version: Int)
    case invalid([ValidationIssue])

    public var description: String {
        switch self {
        case .immutable(let id, let v, let s):
            "\(id) v\(v) is \(s.rawValue) and cannot change; revise it to make a new version"
        case .notADraft(let id, let v, let s): "\(id) v\(v) is \(s.rawValue); only drafts can be published"
        case .notPublished(let id, let v, let s): "\(id) v\(v) is \(s.rawValue); only published versions can be retired"
        case .reviseDraft(let id, let v): "\(id) v\(v) is still a draft; edit it instead of revising"
        case .invalid(let issues):
            "specification is not valid: " + issues.map(\.description).joined(separator: "; ")
        }
    }
}
