import Catalogue
import Foundation
import Logging
import Storage
@testable import EmPassServer

/// Application services on a fresh, migrated database with the flagship seeded, an issuer and a
/// test centre — for exercising the issuance service without HTTP.
struct IssuanceFixture: Sendable {
    let services: AppServices
    let store: SQLStore
    let issuer: Organisation
    let testCentre: Organisation
    let clock: ManualWallClock

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func with(_ engine: DatabaseEngine, test: String = #function, random: any RandomSource = SeededRandomSource(seed: 11),
                     _ body: @escaping @Sendable (IssuanceFixture) async throws -> Void) async throws {
        try await TestHarness.withScratch(engine, test: test) { location in
            let logger = TestHarness.quietLogger
            let database = try await Database.open(location, logger: logger, maxConnectionsPerEventLoop: 2)
            do {
                let clock = ManualWallClock(t0)
                try await MigrationRunner(database: database, clock: clock, logger: logger).run()
                let config = try TestHarness.config(location)
                let services = try await makeServices(config: config, database: database, clock: clock, random: random, logger: logger)
                try await SpecCatalogue(services: services).seedFlagshipIfAbsent()
                let issuer = Organisation(id: services.newID(), kind: .issuer, slug: "acme-issuer", name: "ACME Issuer", country: "GR", createdAt: t0)
                let centre = Organisation(id: services.newID(), kind: .testCentre, slug: "acme-school", name: "ACME School", country: "RO", createdAt: t0)
                try await services.organisations.insert(issuer)
                try await services.organisations.insert(centre)
                try await body(IssuanceFixture(services: services, store: SQLStore(database: database), issuer: issuer,
                                               testCentre: centre, clock: clock))
                await database.shutdown()
            } catch {
                await database.shutdown()
                throw error
            }
        }
    }

    /// An award on the flagship with one result per assessed skill, at its required level.
    func award(learner: AwardInput.LearnerIdentifier = .email("Maria.Pop@example.org"), name: String? = "Maria Pop",
               consent: Bool = false) throws -> AwardInput {
        let spec = try MicroCredentialSpec.flagship()
        let results = spec.content.skills.enumerated().map { i, requirement in
            AwardInput.SkillResult(skill: requirement.skill.rawValue, level: requirement.requiredLevel, status: .completed,
                                   theta: 0.25 + Double(i) / 10, standardError: 0.31)
        }
        return AwardInput(learner: learner, learnerName: name, nameConsent: consent, specID: spec.id.rawValue, specVersion: spec.version,
                          results: results,
                          evidence: .init(formID: "form-A", itemBankVersion: "bank-2026.1", model: "GRM",
                                          assessedAt: Self.t0.addingTimeInterval(-3600), testCentre: testCentre.id,
                                          supervision: .supervisedOnSiteWithIdentityVerification),
                          validUntil: Self.t0.addingTimeInterval(3 * 365 * 86400))
    }

    /// An assessor's award on practical evidence alone: levels without θ, and the rubric scoring
    /// of each skill as evidence.
    func practicalAward(assessor: UserID = UserID(UUID())) throws -> AwardInput {
        var award = try award()
        award.results = award.results.map { AwardInput.SkillResult(skill: $0.skill, level: $0.level, status: $0.status) }
        award.evidence.formID = "practical"
        award.evidence.itemBankVersion = "none"
        award.evidence.model = "rubric"
        award.awardedBy = .assessor(assessor, narrative: "Awarded by an assessor on practical evidence")
        award.rubric = award.results.map {
            RubricAssessment(skill: $0.skill, task: "Shop-floor task",
                             criteria: [.init(name: "recognises", score: 3, maximum: 3), .init(name: "acts", score: 2, maximum: 3),
                                        .init(name: "reflects", score: 2, maximum: 3)],
                             assessedAt: Self.t0.addingTimeInterval(-7200))
        }
        return award
    }
}
