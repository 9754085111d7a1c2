import Assessment
import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkedData
import NIOCore
import Storage
import Testing
@testable import EmPassServer

/// An assessor's award on practical evidence alone (rubric scores, no θ) becomes a credential:
/// Results carry level and status, the rubric scoring is its Evidence, and it verifies.
@Suite("Practical-only award → credential")
struct PracticalAwardCredentialTests {
    @Test("a practical-only award is issued and verifies", arguments: TestEngines.all)
    func practicalAwardIsIssued(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let assessor = Browser(app.client)
            try await assessor.logIn(app.accounts[.assessor].email, app.accounts[.assessor].password)
            let csrf = try await assessor.sessionCSRFToken()
            let cohortPath = try TestCentreTests.location(try await assessor.post("/centre/cohorts", form: [("csrf_token", csrf), ("name", "Practical")]))
            _ = try await assessor.post(cohortPath + "/enrol", form: [("csrf_token", csrf), ("csv", "\(app.accounts[.learner].email),Demo,ro")])
            let learner = try #require(try await app.store.user(email: app.accounts[.learner].email))
            let practicalPath = cohortPath + "/learners/\(learner.id)/practical"
            for skill in Assessment.SkillID.allCases {
                let saved = try await assessor.post(practicalPath, form: [("csrf_token", csrf), ("skill", skill.rawValue), ("task", "Shop-floor task"),
                                                                          ("c_recognises", "3"), ("c_acts", "2"), ("c_reflects", "2")])
                #expect(saved.status == .seeOther)
            }
            let before = try await app.store.countCredentials()
            let awarded = try await assessor.post(cohortPath + "/learners/\(learner.id)/award", form: [("csrf_token", csrf)])
            #expect(awarded.status == .seeOther)

            let award = try #require(try await app.store.awards(forLearner: learner.id).first)
            #expect(award.basis == .practical && award.skills.allSatisfy { $0.theta == nil })
            let credentialID = try #require(award.credentialID, "the practical-only award was not issued")
            #expect(try await app.store.countCredentials() == before + 1)
            let record = try #require(try await app.store.credential(id: try IssuanceJSON.credentialID(credentialID)))
            #expect(record.learnerUserID == learner.id)
            let credential = try JSONParser().parse(Array(record.credentialJSON.utf8))

            let results = try #require(credential["credentialSubject"]?["result"]?.arrayValue)
            #expect(results.count == Assessment.SkillID.allCases.count)
            #expect(results.allSatisfy { $0["empass:theta"] == nil && $0["empass:standardError"] == nil })
            #expect(results.allSatisfy { $0["value"] == .string("3") && $0["status"] == .string("Completed") })
            let evidence = try #require(credential["evidence"]?.arrayValue)
            #expect(evidence.first?["empass:awardedBy"] == .string("assessor"))
            #expect(evidence.first?["empass:measurementModel"] == .string("rubric"))
            let rubric = evidence.dropFirst()
            #expect(rubric.count == Assessment.SkillID.allCases.count)
            #expect(rubric.allSatisfy { $0["genre"] == .string("Rubric assessment") })
            #expect(rubric.first?["narrative"]?.stringValue?.contains("recognises 3/3, acts 2/3, reflects 2/3 (total 7 of 9)") == true)

            let services = try await IssuanceHTTPTests.services(for: app)
            let verdict = await services.credentialVerifier.verify(credential)
            #expect(verdict.isValid, "\(verdict.failures)")
            // A changed level no longer verifies.
            guard case .object(var tampered) = credential, case .object(var subject)? = tampered["credentialSubject"],
                  case .array(var list)? = subject["result"], case .object(var first) = list[0] else {
                Issue.record("unexpected credential shape")
                return
            }
            first["value"] = .string("4")
            list[0] = .object(first)
            subject["result"] = .array(list)
            tampered["credentialSubject"] = .object(subject)
            #expect(await !services.credentialVerifier.verify(.object(tampered)).isValid)
        }
    }
}
