import Catalogue
import Credentials
import Crypto
import Foundation
import LinkedData
import Storage
import Testing
@testable import EmPassServer

@Suite("Issuance service")
struct IssuanceServiceTests {
    struct InjectedCrash: Error {}

    static func object(_ value: JSONValue?) -> JSONObject? { if case .object(let o)? = value { o } else { nil } }

    @Test("an issued credential verifies with our verifier, for both suites and both issuer identities",
          arguments: TestEngines.all, [IssuanceOptions.ProofSuiteChoice.eddsaRdfc2022, .eddsaJcs2022])
    func issuedCredentialVerifies(engine: DatabaseEngine, suite: IssuanceOptions.ProofSuiteChoice) async throws {
        try await IssuanceFixture.with(engine) { f in
            for identity in [IssuerIdentityKind.didWeb, .didKey] {
                let issued = try await f.services.issuance.issue(try f.award(), organisation: f.issuer,
                                                                 options: IssuanceOptions(suite: suite, issuerIdentity: identity))
                let report = await f.services.credentialVerifier.verify(issued.credential)
                #expect(report.isValid, "\(identity) \(suite): \(report.failures)")
                #expect(report.checks(.keyResolution).allSatisfy { $0.status == .pass })
                // The stored text is the signed credential, byte for byte.
                #expect(try JSONParser().parse(Array(issued.record.credentialJSON.utf8)) == issued.credential)
                #expect(try await f.store.credential(id: issued.record.id)?.credentialJSON == issued.record.credentialJSON)
                // One changed value breaks it.
                var tampered = try #require(Self.object(issued.credential))
                tampered["validUntil"] = .string("2099-01-01T00:00:00Z")
                #expect(!(await f.services.credentialVerifier.verify(.object(tampered))).isValid)
            }
        }
    }

    @Test("the credential carries the exact Achievement, a Result per skill, evidence, status entries and schema",
          arguments: TestEngines.all)
    func credentialContent(engine: DatabaseEngine) async throws {
        try await IssuanceFixture.with(engine) { f in
            let award = try f.award()
            let issued = try await f.services.issuance.issue(award, organisation: f.issuer)
            let c = try #require(Self.object(issued.credential))
            #expect(c["@context"] == .array(AchievementMapper.contexts.map(JSONValue.string)))
            #expect(c["type"] == .array([.string("VerifiableCredential"), .string("OpenBadgeCredential")]))
            #expect(c["id"] == .string("urn:uuid:\(issued.record.id)"))
            let origin = f.services.config.publicURL.absoluteString
            #expect(c["issuer"]?["id"] == .string("did:web:127.0.0.1%3A0:orgs:acme-issuer"))   // test apps listen on port 0
            #expect(c["validFrom"] == .string(DateTimeStamp.format(IssuanceFixture.t0)))
            #expect(c["validUntil"] == .string(DateTimeStamp.format(award.validUntil!)))

            let spec = try MicroCredentialSpec.flagship()
            let achievementID = AchievementMapper.achievementID(publicURL: origin, spec: spec.reference)
            let expected = try AchievementMapper(framework: f.services.skills).achievement(for: spec, id: achievementID)
            let subject = try #require(Self.object(c["credentialSubject"]))
            #expect(subject["achievement"] == expected)

            // Every Result points at a ResultDescription and a level the Achievement defines.
            let descriptions = expected["resultDescription"]?.arrayValue ?? []
            let rdIDs = Set(descriptions.compactMap { $0["id"]?.stringValue })
            let levelIDs = Set(descriptions.flatMap { $0["rubricCriterionLevel"]?.arrayValue ?? [] }.compactMap { $0["id"]?.stringValue })
            let results = subject["result"]?.arrayValue ?? []
            #expect(results.count == spec.content.skills.count)
            for (result, input) in zip(results, award.results) {
                #expect(rdIDs.contains(result["resultDescription"]?.stringValue ?? ""))
                #expect(levelIDs.contains(result["achievedLevel"]?.stringValue ?? ""))
                #expect(result["status"] == .string("Completed"))
                #expect(result["empass:theta"]?.numberValue?.doubleValue == input.theta)
                #expect(result["empass:standardError"]?.numberValue?.doubleValue == input.standardError)
            }

            // The email only as a salted hash; no name without consent.
            let identifiers = subject["identifier"]?.arrayValue ?? []
            #expect(identifiers.count == 1)
            let salt = try #require(identifiers.first?["salt"]?.stringValue)
            let digest = SHA256.hash(data: Array(("maria.pop@example.org" + salt).utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(identifiers.first?["identityHash"] == .string("sha256$" + digest))
            #expect(!issued.record.credentialJSON.lowercased().contains("maria"))

            let evidence = try #require(c["evidence"]?.arrayValue?.first)
            #expect(evidence["empass:formId"] == .string("form-A"))
            #expect(evidence["empass:itemBankVersion"] == .string("bank-2026.1"))
            #expect(evidence["empass:measurementModel"] == .string("GRM"))
            #expect(evidence["empass:testCentre"] == .string("ACME School"))
            #expect(evidence["supervisionAndIdentityVerification"] == .string("supervisedOnSiteWithIdentityVerification"))

            let status = c["credentialStatus"]?.arrayValue ?? []
            let entries = try status.map { try StatusListEntry(json: $0) }
            #expect(entries.map(\.purpose) == [.revocation, .suspension])
            for (entry, allocation) in zip(entries, issued.record.statusEntries) {
                #expect(entry.index == allocation.index)
                #expect(entry.listCredential == "\(origin)/status/\(allocation.listID)")
            }
            #expect(c["credentialSchema"]?.arrayValue?.first?["id"] == .string(OpenBadgeCredentialBuilder.ob3SchemaURL))
        }
    }

    @Test("a learner's name appears only with consent; a DID becomes the subject id", arguments: TestEngines.all)
    func nameOnlyWithConsent(engine: DatabaseEngine) async throws {
        try await IssuanceFixture.with(engine) { f in
            let withConsent = try await f.services.issuance.issue(try f.award(learner: .did("did:example:maria"), consent: true),
                                                                  organisation: f.issuer)
            let subject = try #require(Self.object(withConsent.credential["credentialSubject"]))
            #expect(subject["id"] == .string("did:example:maria"))
            #expect(subject["identifier"]?.arrayValue?.first?["identityHash"] == .string("Maria Pop"))
            #expect(withConsent.record.subjectID == "did:example:maria")
            let without = try await f.services.issuance.issue(try f.award(learner: .did("did:example:maria")), organisation: f.issuer)
            #expect(without.credential["credentialSubject"]?["identifier"] == nil)
        }
    }

    @Test("a failure between signing and storing leaves no credential and no status index", arguments: TestEngines.all)
    func crashBeforeCommitLeavesNothing(engine: DatabaseEngine) async throws {
        try await IssuanceFixture.with(engine) { f in
            var failing = f.services.issuance
            failing.beforeCommit = { signed in
                // The credential was signed (with its status entries) when the crash happens.
                #expect(signed["proof"] != nil)
                throw InjectedCrash()
            }
            await #expect(throws: InjectedCrash.self) {
                _ = try await failing.issue(try f.award(), organisation: f.issuer, options: IssuanceOptions(idempotencyKey: "retry-me"))
            }
            #expect(try await f.store.countCredentials() == 0)
            #expect(try await f.store.statusLists(organisationID: f.issuer.id).isEmpty)
            // The retry succeeds and gets fresh indexes; nothing was half-issued.
            let issued = try await f.services.issuance.issue(try f.award(), organisation: f.issuer,
                                                             options: IssuanceOptions(idempotencyKey: "retry-me"))
            #expect(try await f.store.countCredentials() == 1)
            for list in try await f.store.statusLists(organisationID: f.issuer.id) {
                #expect(try await f.store.allocatedCount(listID: list.id) == 1)
            }
            #expect(await f.services.credentialVerifier.verify(issued.credential).isValid)
        }
    }

    @Test("an idempotency key returns the first credential; reused for another award it is refused", arguments: TestEngines.all)
    func idempotency(engine: DatabaseEngine) async throws {
        try await IssuanceFixture.with(engine) { f in
            let options = IssuanceOptions(idempotencyKey: "award-42")
            let first = try await f.services.issuance.issue(try f.award(), organisation: f.issuer, options: options)
            f.clock.advance(by: 60)
            let again = try await f.services.issuance.issue(try f.award(), organisation: f.issuer, options: options)
            #expect(again.replayed && !first.replayed)
            #expect(again.record.id == first.record.id)
            #expect(again.credential == first.credential)
            await #expect(throws: IssuanceError.idempotencyKeyReused("award-42")) {
                _ = try await f.services.issuance.issue(try f.award(learner: .email("other@example.org")), organisation: f.issuer, options: options)
            }
            // Concurrent retries of one request: one credential.
            let many = try await withThrowingTaskGroup(of: IssuedCredentialID.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await f.services.issuance.issue(try f.award(), organisation: f.issuer,
                                                                        options: IssuanceOptions(idempotencyKey: "burst")).record.id }
                }
                return try await group.reduce(into: Set<IssuedCredentialID>()) { $0.insert($1) }
            }
            #expect(many.count == 1)
            #expect(try await f.store.countCredentials() == 2)
        }
    }

    @Test("bad awards are refused with a reason and store nothing", arguments: TestEngines.all)
    func badAwards(engine: DatabaseEngine) async throws {
        try await IssuanceFixture.with(engine) { f in
            let good = try f.award()
            let skill = good.results[0].skill
            var cases: [(AwardInput, IssuanceError)] = []
            var a = good; a.specVersion = 99; cases.append((a, .specNotFound(id: good.specID, version: 99)))
            a = good; a.results[0].level = 9
            cases.append((a, .levelOutOfRange(skill: skill, level: 9, allowed: [1, 2, 3, 4])))
            a = good; a.results[0].theta = .nan; cases.append((a, .invalidEstimate(skill: skill, reason: "θ must be a finite number within ±10")))
            a = good; a.results[0].standardError = 0
            cases.append((a, .invalidEstimate(skill: skill, reason: "the standard error must be a positive number")))
            a = good; a.results.removeFirst(); cases.append((a, .missingSkillResult(skill)))
            a = good; a.results.append(good.results[0]); cases.append((a, .duplicateSkillResult(skill)))
            a = good; a.results[0].skill = "telepathy"; cases.append((a, .unknownSkill("telepathy")))
            a = good; a.learner = .did("not a did"); cases.append((a, .invalidLearnerDID("not a did")))
            a = good; a.learner = .email("nobody"); cases.append((a, .invalidLearnerEmail))
            a = good; a.validUntil = IssuanceFixture.t0.addingTimeInterval(-1)
            cases.append((a, .invalidValidity("validUntil must be after validFrom")))
            for (award, expected) in cases {
                await #expect(throws: expected) { _ = try await f.services.issuance.issue(award, organisation: f.issuer) }
            }
            let employer = Organisation(id: f.services.newID(), kind: .employer, slug: "hire-co", name: "Hire Co", country: "ES",
                                        createdAt: IssuanceFixture.t0)
            try await f.services.organisations.insert(employer)
            await #expect(throws: IssuanceError.self) { _ = try await f.services.issuance.issue(good, organisation: employer) }
            #expect(try await f.store.countCredentials() == 0)
        }
    }

    @Test("after a key rotation, old and new credentials both verify; the DID document lists both keys", arguments: TestEngines.all)
    func rotationKeepsOldKeys(engine: DatabaseEngine) async throws {
        try await IssuanceFixture.with(engine) { f in
            let before = try await f.services.issuance.issue(try f.award(), organisation: f.issuer)
            f.clock.advance(by: 10)
            try await f.services.issuerKeyring.rotate(for: f.issuer)
            let after = try await f.services.issuance.issue(try f.award(), organisation: f.issuer)
            let method = { (c: JSONValue) in c["proof"]?.arrayValue?.first?["verificationMethod"]?.stringValue }
            #expect(method(before.credential) != nil && method(before.credential) != method(after.credential))
            #expect(await f.services.credentialVerifier.verify(before.credential).isValid)
            #expect(await f.services.credentialVerifier.verify(after.credential).isValid)
            let keys = try await f.services.issuerKeyring.keys(for: f.issuer)
            #expect(keys.map(\.status) == [.retired, .active])
            let document = IssuerIdentity.document(publicURL: f.services.config.publicURL, organisation: f.issuer, keys: keys)
            #expect(document.assertionMethod.count == 2)
        }
    }

    @Test("issuer private keys are stored only sealed under the master key", arguments: TestEngines.all)
    func keysAreSealed(engine: DatabaseEngine) async throws {
        try await IssuanceFixture.with(engine) { f in
            let issued = try await f.services.issuance.issue(try f.award(), organisation: f.issuer)
            let record = try #require(try await f.store.activeIssuerKey(organisationID: f.issuer.id))
            let signing = try await f.services.issuerKeyring.signingKey(for: f.issuer)
            let seedHex = signing.keyPair.seed.map { String(format: "%02x", $0) }.joined()
            let sealed = try #require(Data(base64Encoded: record.sealedPrivateKey))
            #expect(!sealed.map { String(format: "%02x", $0) }.joined().contains(seedHex))
            #expect(!issued.record.credentialJSON.contains(signing.keyPair.secretKeyMultibase))
            #expect(record.masterKeyID == (try MasterKey(text: TestHarness.masterKeyHex)).id)
            // Another master key cannot open it, and says so.
            let other = try MasterKey(bytes: [UInt8](repeating: 7, count: 32))
            #expect(throws: MasterKeyError.wrongMasterKey(sealedBy: record.masterKeyID, configured: other.id)) {
                _ = try other.open(record.sealedPrivateKey, context: IssuerKeyring.sealContext(record.organisationID, record.fragment),
                                   sealedBy: record.masterKeyID)
            }
            // The seal is bound to its row: another context does not open.
            let right = try MasterKey(text: TestHarness.masterKeyHex)
            #expect(throws: MasterKeyError.unsealFailed) {
                _ = try right.open(record.sealedPrivateKey, context: "empass issuer key|other|row", sealedBy: record.masterKeyID)
            }
        }
    }
}

@Suite("Master key configuration")
struct MasterKeyConfigurationTests {
    static let hex = String(repeating: "ab", count: 32)

    @Test func readsHexAndBase64AndRedactsItself() throws {
        let fromHex = try MasterKey(text: Self.hex)
        let fromBase64 = try MasterKey(text: Data([UInt8](repeating: 0xab, count: 32)).base64EncodedString())
        #expect(fromHex.id == fromBase64.id)
        #expect(!"\(fromHex)".contains("ab"))
        #expect(String(describing: SecretText(Self.hex)) == "<redacted>")
        #expect(throws: MasterKeyError.wrongLength(16)) { try MasterKey(text: Data([UInt8](repeating: 1, count: 16)).base64EncodedString()) }
        #expect(throws: MasterKeyError.notEncoded) { try MasterKey(text: "not base64 !!") }
        let sealed = try fromHex.seal([1, 2, 3], context: "c")
        #expect(try fromBase64.open(sealed, context: "c", sealedBy: fromHex.id) == [1, 2, 3])
    }

    @Test func productionModeRefusesToStartWithoutAMasterKey() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("empass-mk-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let production = try AppConfig(dataDirectory: directory, database: .sqlite(path: directory + "/x.sqlite"), mode: .production)
        #expect(throws: MasterKeyError.missingInProduction) { try MasterKeyLoader.load(config: production, random: SystemRandomSource()) }
        #expect(MasterKeyError.missingInProduction.description.contains("EMPASS_MASTER_KEY"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/master.key"))

        // A key file works in production.
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try (Self.hex + "\n").write(toFile: directory + "/key.txt", atomically: true, encoding: .utf8)
        let withFile = try AppConfig(dataDirectory: directory, database: .sqlite(path: directory + "/x.sqlite"), mode: .production,
                                     masterKeyFile: directory + "/key.txt")
        #expect(try MasterKeyLoader.load(config: withFile, random: SystemRandomSource()).id == (try MasterKey(text: Self.hex)).id)
    }

    @Test func productionServerStopsBeforeOpeningTheDatabase() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("empass-mk-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try AppConfig(httpPort: 0, dataDirectory: directory, database: .sqlite(path: directory + "/empass.sqlite"), mode: .production)
        await #expect(throws: MasterKeyError.missingInProduction) {
            _ = try await buildApplication(config: config, logger: TestHarness.quietLogger, announce: { _ in })
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/empass.sqlite"))
    }

    @Test func demoModeGeneratesOneKeyAndKeepsIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("empass-mk-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let demo = try AppConfig(dataDirectory: directory, database: .sqlite(path: directory + "/x.sqlite"))
        let first = try MasterKeyLoader.load(config: demo, random: SystemRandomSource())
        let second = try MasterKeyLoader.load(config: demo, random: SystemRandomSource())
        #expect(first.id == second.id)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/master.key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }
}
