import Foundation
import Testing
import LinkedData
@testable import Credentials

/// Round trips and tampering on a rich credential (the 1EdTech complete.json, re-signed with a
/// fresh did:key that is also its issuer).
@Suite struct SignVerifyPropertyTests {
    static func credential(issuer: String) throws -> JSONValue {
        var document = try OB3SampleTests.sample("complete.json").objectValue!
        document["proof"] = nil
        var issuerObject = document["issuer"]!.objectValue!
        issuerObject["id"] = .string(issuer)
        document["issuer"] = .object(issuerObject)
        return .object(document)
    }

    @Test(arguments: ProofSuite.signable)
    func generateSignVerify(_ suite: ProofSuite) async throws {
        let key = Ed25519KeyPair.generate()
        let signed = try DataIntegritySigner(clock: testClock).sign(Self.credential(issuer: key.didKey.did), key: key,
                                                                    options: ProofOptions(suite: suite))
        #expect(signed["proof"]?["verificationMethod"]?.stringValue == key.didKey.verificationMethodID)
        #expect(signed["proof"]?["created"]?.stringValue == "2025-06-01T00:00:00Z")
        let report = await CredentialVerifier(clock: testClock).verify(bytes: JSONSerializer.serializeBytes(signed, pretty: true))
        #expect(report.isValid, "\(report.failures)")
        #expect(report.checks.map(\.kind) == [.parse, .context, .shape, .keyResolution, .proof, .validityPeriod])
    }

    @Test func aSecondSignerMakesAProofSet() async throws {
        let issuer = Ed25519KeyPair.generate(), cosigner = Ed25519KeyPair.generate()
        let signer = DataIntegritySigner(clock: testClock)
        let once = try signer.sign(Self.credential(issuer: issuer.didKey.did), key: issuer)
        let twice = try signer.sign(once, key: cosigner, options: ProofOptions(suite: .eddsaJcs2022))
        #expect(twice["proof"]?.arrayValue?.count == 2)
        let report = await CredentialVerifier(clock: testClock).verify(twice)
        // Both signatures hold; only the issuer's key is bound to the issuer.
        #expect(report.checks(.proof).map(\.status) == [.pass, .pass])
        #expect(report.checks(.keyResolution).map(\.reason) == [.ok, .keyNotBoundToIssuer])
    }

    /// Every leaf path of a JSON value, with a changed copy of the value at that path.
    static func tamperedCopies(_ value: JSONValue) -> [(path: String, document: JSONValue)] {
        func changed(_ leaf: JSONValue) -> JSONValue {
            switch leaf {
            case .string(let s): .string(s + "x")
            case .number(let n): .number(JSONNumber(text: n.isIntegerLiteral ? String((Int(n.text) ?? 0) + 1) : n.text + "1"))
            case .bool(let b): .bool(!b)
            case .null: .string("x")
            default: leaf
            }
        }
        func walk(_ v: JSONValue, _ path: String, _ rebuild: @escaping (JSONValue) -> JSONValue) -> [(String, JSONValue)] {
            switch v {
            case .object(let o):
                o.flatMap { member in
                    walk(member.value, path + "/" + member.key) { new in var c = o; c[member.key] = new; return rebuild(.object(c)) }
                }
            case .array(let a):
                a.indices.flatMap { i in walk(a[i], path + "/\(i)") { new in var c = a; c[i] = new; return rebuild(.array(c)) } }
            default:
                [(path, rebuild(changed(v)))]
            }
        }
        return walk(value, "", { $0 })
    }

    @Test(arguments: ProofSuite.signable)
    func anyChangedValueBreaksVerification(_ suite: ProofSuite) async throws {
        let key = Ed25519KeyPair.generate()
        let signed = try DataIntegritySigner(clock: testClock).sign(Self.credential(issuer: key.didKey.did), key: key,
                                                                    options: ProofOptions(suite: suite))
        let verifier = CredentialVerifier(clock: testClock)
        #expect(await verifier.verify(signed).isValid)
        let copies = Self.tamperedCopies(signed)
        #expect(copies.count > 60)
        var stillValid: [String] = []
        for (path, document) in copies where await verifier.verify(document).isValid { stillValid.append(path) }
        #expect(stillValid.isEmpty, "\(suite.rawValue): changing these still verifies: \(stillValid)")
    }
}
