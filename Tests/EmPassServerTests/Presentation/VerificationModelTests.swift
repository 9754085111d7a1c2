import Catalogue
import Credentials
import Foundation
import LinkedData
import Storage
import Testing
@testable import EmPassServer

/// Serves one status list as if this server published it.
struct OneList: PublishedDocuments {
    let url: String
    let bytes: [UInt8]
    func document(at requested: String) async throws -> [UInt8]? { requested == url ? bytes : nil }
}

struct FixedQA: QualityAssuranceLookup {
    let finding: QualityAssuranceFinding
    func qualityAssurance(issuer: String, specificationID: String?, on date: Date) async -> QualityAssuranceFinding { finding }
}

/// The verification service and page model without HTTP: published status lists, QA findings,
/// and the words for every check.
@Suite struct VerificationModelTests {
    static let listURL = "https://empass.example/status/r1"
    static let strings = try! MessageCatalogue.bundled()

    static func service(revoked: [Int], qa: QualityAssuranceFinding = .notKnown) throws -> CredentialVerificationService {
        var bits = StatusBitstring()
        for i in revoked { try bits.setValue(1, at: i) }
        let list = BitstringStatusListCredential(id: listURL, issuer: PresentationFixtures.issuerKey.didKey.did, purpose: .revocation, bitstring: bits)
        let signed = try DataIntegritySigner(canonicalizer: PresentationFixtures.canonicalizer, clock: PresentationFixtures.signingClock)
            .sign(list.unsigned(), key: PresentationFixtures.issuerKey)
        let seams = PresentationSeams(qualityAssurance: FixedQA(finding: qa),
                                      publishedDocuments: OneList(url: listURL, bytes: JSONSerializer.serializeBytes(signed)))
        return CredentialVerificationService(seams: seams, clock: ManualWallClock(Date()), canonicalizer: PresentationFixtures.canonicalizer)
    }

    static func page(_ outcome: CredentialVerificationOutcome, _ language: Language = .english) -> VerificationPage.Result {
        let t = strings.strings(for: language)
        return VerificationPage.result(outcome, language: language) { t[$0] }
    }

    @Test func activeRevokedAndQA() async throws {
        let entry = StatusListEntry.make(purpose: .revocation, index: 9, listCredential: Self.listURL).json
        let credential = Array(PresentationFixtures.text(try PresentationFixtures.signed(status: [entry])).utf8)

        let active = try await Self.service(revoked: [8], qa: .valid(body: "Hellenic QA Agency", detail: "external review"))
            .verify(submission: credential)
        #expect(active.status.state == .active)
        let activePage = Self.page(active)
        #expect(activePage.isValid)
        #expect(activePage.status == "Active")
        #expect(activePage.qualityAssurance == "Quality assured by Hellenic QA Agency on the issue date (external review)")

        let revoked = try await Self.service(revoked: [9], qa: .notValid(reason: "accreditation lapsed on 2025-12-31")).verify(submission: credential)
        let revokedPage = Self.page(revoked, .spanish)
        #expect(revokedPage.isInvalid)
        #expect(revokedPage.status == "Revocada")
        #expect(revokedPage.failures.map(\.title) == ["Revocación: el emisor la ha revocado"])
        #expect(revokedPage.qualityAssurance.contains("accreditation lapsed"))
    }

    @Test func everyElementAndSkillIsWorded() async throws {
        let outcome = try await Self.service(revoked: []).verify(submission: Array(PresentationFixtures.text(try PresentationFixtures.signed()).utf8))
        let page = Self.page(outcome, .greek)
        #expect(page.sections.count == 3)
        #expect(page.sections.flatMap(\.elements).count == 22)
        // No label fell back to its raw key.
        #expect(page.sections.flatMap(\.elements).allSatisfy { !$0.label.isEmpty && !$0.label.contains("_") })
        #expect(page.skills.count == (try MicroCredentialSpecSkills.count()))
        #expect(page.skills.allSatisfy { $0.level.hasPrefix("3 – ") && !$0.requiredLevel.isEmpty })
    }

    @Test(arguments: Language.allCases)
    func everyCheckHasPlainWords(_ language: Language) {
        let own = Self.strings.messages[language] ?? [:]
        for reason in VerificationCheck.Reason.allCases { #expect(own["verify_reason_\(reason.rawValue)"] != nil, "\(language) \(reason)") }
        for kind in VerificationCheck.Kind.allCases { #expect(own["verify_kind_\(kind.rawValue)"] != nil, "\(language) \(kind)") }
        for state in ["active", "revoked", "suspended", "couldNotCheck", "noStatus", "expired"] {
            #expect(own["verify_status_\(state)"] != nil && own["verify_status_\(state)_text"] != nil, "\(language) \(state)")
        }
    }
}

enum MicroCredentialSpecSkills {
    static func count() throws -> Int { try MicroCredentialSpec.flagship().content.skills.count }
}
