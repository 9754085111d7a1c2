import Foundation
import Testing
import LinkedData
@testable import Credentials

/// 1EdTech's baked samples (validator-ob30/simple-json.*, simple-jwt*.*): what another implementation
/// baked, we must read.
@Suite struct BakingSampleTests {
    static func file(_ name: String) throws -> [UInt8] { try Conformance.bytes(Conformance.ob3.appendingPathComponent(name)) }

    @Test(arguments: ["simple-json.png", "simple-json.svg"])
    func unbakesTheJSONSamples(_ name: String) throws {
        let baked = try CredentialBaker.unbake(Self.file(name))
        guard case .json(let text) = baked else { Issue.record("\(name): expected JSON, got \(baked)"); return }
        let document = try JSONParser().parse(text)
        #expect(document.objectValue?["type"]?.arrayValue?.contains(.string("OpenBadgeCredential")) == true, "\(name)")
        #expect(document.objectValue?["proof"] != nil, "\(name)")
    }

    @Test(arguments: ["simple-jwt.png", "simple-jwt.svg", "simple-jwt_v1.png", "simple-jwt_v1.svg"])
    func unbakesTheJWTSamples(_ name: String) throws {
        let baked = try CredentialBaker.unbake(Self.file(name))
        guard case .compactJWS(let jws) = baked else { Issue.record("\(name): expected a JWS, got \(baked)"); return }
        let segments = jws.split(separator: ".", omittingEmptySubsequences: false)
        #expect(segments.count == 3, "\(name)")
        #expect(segments.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } }, "\(name)")
    }

    @Test func thePNGAndSVGSamplesCarryTheSameCredential() throws {
        let png = try CredentialBaker.unbake(Self.file("simple-json.png"))
        let svg = try CredentialBaker.unbake(Self.file("simple-json.svg"))
        #expect(try JSONParser().parse(png.text) == JSONParser().parse(svg.text))
    }

    @Test(arguments: ["simple-json.png", "simple-json.svg"])
    func reBakingASampleReplacesItsCredential(_ name: String) throws {
        let image = try Self.file(name)
        let mine = BakedCredential.json(#"{"id":"urn:uuid:1","type":["VerifiableCredential"]}"#)
        let rebaked = try CredentialBaker.bake(mine, into: image)
        #expect(try CredentialBaker.unbake(rebaked) == mine)
        // Baking twice is the same as baking once: one credential, never two.
        #expect(try CredentialBaker.bake(mine, into: rebaked) == rebaked)
    }
}
