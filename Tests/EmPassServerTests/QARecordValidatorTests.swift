import Catalogue
import Foundation
import Storage
import Testing
@testable import EmPassServer

/// The QA record input rules on their own (no database): what is accepted, and every issue at once.
@Suite("QA record validation")
struct QARecordValidatorTests {
    static func input(_ json: String) throws -> QARecordInput {
        try JSONDecoder().decode(QARecordInput.self, from: Data(json.utf8))
    }

    static func validate(_ json: String) throws -> Result<QARecord, QARecordInvalid> {
        QARecordValidator().validate(try input(json), id: "r1", provider: "p1")
    }

    static func paths(_ result: Result<QARecord, QARecordInvalid>) -> [String] {
        if case .failure(let invalid) = result { return invalid.issues.map(\.path) }
        return []
    }

    @Test("calendar days become [first day 00:00, day after the last day 00:00) in UTC")
    func calendarDays() throws {
        let record = try Self.validate(QualityAssuranceTests.inspection).get()
        #expect(record.validity.from == Timestamp.parse("2025-03-01T00:00:00.000Z"))
        #expect(record.validity.until == Timestamp.parse("2026-03-01T00:00:00.000Z"))
        #expect(record.validity.contains(Timestamp.parse("2026-02-28T23:59:59.999Z")!))
        #expect(!record.validity.contains(Timestamp.parse("2026-03-01T00:00:00.000Z")!))
        #expect(record.outcome == QAOutcome(grading: .multiCategory, grade: "very good", positive: true))
        #expect(record.stakeholderParticipation == [StakeholderParticipation(stage: .qaProcess, role: "Employers' association on the panel")])
        // Leap day, open end.
        let open = try Self.validate(#"{"mechanism":"accreditation","responsibleBody":{"name":"A","kind":"independentAgency"},"scope":{"level":"organisation"},"validity":{"firstDay":"2028-02-29"}}"#).get()
        #expect(open.validity.until == nil)
        #expect(open.outcome == .pass)
    }

    @Test("instants: from inclusive, until exclusive, fractional seconds and offsets accepted")
    func instants() throws {
        let record = try Self.validate(#"{"mechanism":"qualityAward","responsibleBody":{"name":"A","kind":"ngo"},"scope":{"level":"organisation"},"validity":{"from":"2026-01-01T10:00:00+02:00","until":"2026-06-30T12:00:00.250Z"}}"#).get()
        #expect(record.validity.from == Timestamp.parse("2026-01-01T08:00:00.000Z"))
        #expect(record.validity.until == Timestamp.parse("2026-06-30T12:00:00.250Z"))
        #expect(Self.paths(try Self.validate(#"{"mechanism":"qualityAward","responsibleBody":{"name":"A","kind":"ngo"},"scope":{"level":"organisation"},"validity":{"from":"2026-01-01T10:00:00Z","until":"2026-01-01T10:00:00Z"}}"#)) == ["validity.until"])
        #expect(Self.paths(try Self.validate(#"{"mechanism":"qualityAward","responsibleBody":{"name":"A","kind":"ngo"},"scope":{"level":"organisation"},"validity":{"from":"2026-01-01"}}"#)) == ["validity.from"])
    }

    @Test("outcomes: pass/fail grades are 'pass' or 'fail' and decide positivity; other gradings must say it")
    func outcomes() throws {
        func with(_ outcome: String) throws -> Result<QARecord, QARecordInvalid> {
            try Self.validate(#"{"mechanism":"inspection","responsibleBody":{"name":"A","kind":"publicAuthority"},"scope":{"level":"organisation"},"validity":{"firstDay":"2026-01-01"},"outcome":\#(outcome)}"#)
        }
        #expect(try with(#"{"grading":"passFail","grade":"fail"}"#).get().outcome == .fail)
        #expect(Self.paths(try with(#"{"grading":"passFail","grade":"fail","positive":true}"#)) == ["outcome.positive"])
        #expect(Self.paths(try with(#"{"grading":"multiCategory","grade":"B"}"#)) == ["outcome.positive"])
        #expect(Self.paths(try with(#"{"grading":"stars","grade":"5"}"#)) == ["outcome.grading"])
        #expect(try with(#"{"grading":"multiCategory","grade":"C","positive":false}"#).get().outcome.positive == false)
    }

    @Test("scope: organisation lists nothing; programme lists distinct, well-formed specifications")
    func scope() throws {
        func with(_ scope: String) throws -> Result<QARecord, QARecordInvalid> {
            try Self.validate(#"{"mechanism":"certification","responsibleBody":{"name":"A","kind":"certificationBody"},"validity":{"firstDay":"2026-01-01"},"scope":\#(scope)}"#)
        }
        #expect(try with(#"{"level":"programme","specifications":[{"id":"a"},{"id":"b","version":2}]}"#).get().scope
                == .programme([SpecReference(id: "a"), SpecReference(id: "b", version: 2)]))
        #expect(Self.paths(try with(#"{"level":"organisation","specifications":[{"id":"a"}]}"#)) == ["scope.specifications"])
        #expect(Self.paths(try with(#"{"level":"programme"}"#)) == ["scope.specifications"])
        #expect(Self.paths(try with(#"{"level":"programme","specifications":[{"id":"a"},{"id":"a"},{"version":0,"id":"b"},{}]}"#))
                == ["scope.specifications[1]", "scope.specifications[2].version", "scope.specifications[3].id"])
        #expect(Self.paths(try with(#"{"level":"region"}"#)) == ["scope.level"])
    }
}
