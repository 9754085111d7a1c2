import Foundation

/// Why a QA record does not make a provider quality-assured for a specification on a date.
public enum QAExclusionReason: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The date is at or after the end of validity.
    case expired(until: Date)
    /// The date is before the start of validity.
    case notYetValid(from: Date)
    /// The record is programme-level and does not cover the specification.
    case outOfScope(covers: [SpecReference])
    /// The record was withdrawn at or before the date.
    case withdrawn(at: Date, reason: String)
    /// The outcome was negative (e.g. "fail").
    case negativeOutcome(grade: String)

    public var description: String {
        switch self {
        case .expired(let until): "expired (valid until \(until.iso8601), exclusive)"
        case .notYetValid(let from): "not yet valid (valid from \(from.iso8601))"
        case .outOfScope(let covers): "programme-level record covering only \(covers.map(\.description).joined(separator: ", "))"
        case .withdrawn(let at, let reason): "withdrawn on \(at.iso8601): \(reason)"
        case .negativeOutcome(let grade): "outcome '\(grade)' is not a positive QA result"
        }
    }
}

/// The answer to "was provider P quality-assured for specification S on date D, and by what?".
public struct QAAnswer: Sendable, Hashable {
    public var provider: ProviderID
    public var specification: SpecReference
    public var date: Date
    /// Records that apply on `date`, most specific first (programme before organisation), then by id.
    public var applicable: [QARecord]
    /// The provider's other records and why each does not apply.
    public var excluded: [(record: QARecord, reasons: [QAExclusionReason])]

    public var isQualityAssured: Bool { !applicable.isEmpty }

    public static func == (lhs: QAAnswer, rhs: QAAnswer) -> Bool {
        lhs.provider == rhs.provider && lhs.specification == rhs.specification && lhs.date == rhs.date
            && lhs.applicable == rhs.applicable && lhs.excluded.map(\.record) == rhs.excluded.map(\.record)
            && lhs.excluded.map(\.reasons) == rhs.excluded.map(\.reasons)
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(provider); hasher.combine(specification); hasher.combine(date); hasher.combine(applicable)
    }
}

/// Answers QA questions over a set of records (whatever storage loaded them).
public struct QualityAssuranceQuery: Sendable {
    public var records: [QARecord]
    public init(records: [QARecord]) { self.records = records }

    /// Every record of `provider` is classified: it applies on `date` when the date is inside its
    /// validity period ([from, until)), it was not withdrawn at or before the date, its outcome is
    /// positive, and its scope covers `specification` (organisation-level records cover all).
    public func assurance(of provider: ProviderID, for specification: SpecReference, on date: Date) -> QAAnswer {
        var applicable: [QARecord] = []
        var excluded: [(record: QARecord, reasons: [QAExclusionReason])] = []
        for record in records where record.provider == provider {
            let reasons = Self.reasons(record, specification: specification, date: date)
            if reasons.isEmpty { applicable.append(record) } else { excluded.append((record, reasons)) }
        }
        applicable.sort { lhs, rhs in
            let l = lhs.scope == .organisation ? 1 : 0, r = rhs.scope == .organisation ? 1 : 0
            return l != r ? l < r : lhs.id < rhs.id
        }
        excluded.sort { $0.record.id < $1.record.id }
        return QAAnswer(provider: provider, specification: specification, date: date, applicable: applicable, excluded: excluded)
    }

    static func reasons(_ record: QARecord, specification: SpecReference, date: Date) -> [QAExclusionReason] {
        var reasons: [QAExclusionReason] = []
        if date < record.validity.from { reasons.append(.notYetValid(from: record.validity.from)) }
        if let until = record.validity.until, date >= until { reasons.append(.expired(until: until)) }
        if let withdrawal = record.withdrawal, date >= withdrawal.at {
            reasons.append(.withdrawn(at: withdrawal.at, reason: withdrawal.reason))
        }
        if case .programme(let refs) = record.scope, !record.scope.covers(specification) {
            reasons.append(.outOfScope(covers: refs))
        }
        if !record.outcome.positive { reasons.append(.negativeOutcome(grade: record.outcome.grade)) }
        return reasons
    }
}

extension Date {
    /// ISO 8601 in UTC with `Z`, the house format for times.
    var iso8601: String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: self)
    }
}
