import Foundation
import LinkedData
import Storage
import Testing
@testable import EmPassServer

/// Writes freshly issued credentials for the out-of-process checks (OB 3.0 JSON Schema with
/// python jsonschema, the pyld reference verifier): Tests/interop/issued_credential_check.sh runs
/// this with EMPASS_ISSUED_SAMPLES_DIR set. Without it, the test still issues and verifies them.
@Suite("Issued credential samples")
struct IssuedCredentialSamples {
    @Test func writeSamples() async throws {
        let directory = ProcessInfo.processInfo.environment["EMPASS_ISSUED_SAMPLES_DIR"]
        try await IssuanceFixture.with(.sqlite, random: SystemRandomSource()) { f in
            let samples: [(String, AwardInput, IssuanceOptions)] = [
                ("rdfc-didweb-two-status.json", try f.award(), IssuanceOptions()),
                ("rdfc-didweb-revocation-only.json", try f.award(), IssuanceOptions(statusLayout: .revocationOnly)),
                ("rdfc-didkey-named.json", try f.award(learner: .did("did:example:learner-7"), consent: true),
                 IssuanceOptions(issuerIdentity: .didKey)),
                ("jcs-didweb.json", try f.award(), IssuanceOptions(suite: .eddsaJcs2022)),
                ("rdfc-didweb-practical.json", try f.practicalAward(), IssuanceOptions()),
            ]
            for (name, award, options) in samples {
                let issued = try await f.services.issuance.issue(award, organisation: f.issuer, options: options)
                let report = await f.services.credentialVerifier.verify(issued.credential)
                #expect(report.isValid, "\(name): \(report.failures)")
                if let directory {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    try JSONSerializer.serialize(issued.credential, pretty: true)
                        .write(toFile: (directory as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
                }
            }
        }
    }
}
