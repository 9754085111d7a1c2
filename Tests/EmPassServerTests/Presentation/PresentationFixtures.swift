import Catalogue
import Credentials
import Foundation
import HTTPTypes
import LinkedData
import NIOCore
@testable import EmPassServer

/// A signed EmPass credential like the platform issues: the flagship's Achievement (exact
/// version, EU elements in EmPass terms), a hashed-email learner, one Result per skill, signed
/// eddsa-rdfc-2022 by a did:key issuer (which resolves offline).
enum PresentationFixtures {
    static let issuerKey = try! Ed25519KeyPair(seed: Array(repeating: 0x42, count: 32))
    static let canonicalizer = try! CredentialContexts.canonicalizer()
    static let signingClock = FixedWallClock(DateTimeStamp.parse("2026-01-02T00:00:00Z")!)

    static func unsigned(status: [JSONValue] = []) throws -> JSONValue {
        let spec = try MicroCredentialSpec.flagship()
        let framework = try SkillsFramework.bundled()
        let achievementID = AchievementMapper.achievementID(publicURL: "https://empass.example", spec: SpecReference(id: spec.id, version: spec.version))
        let achievement = try AchievementMapper(framework: framework).achievement(for: spec, id: achievementID)
        let results: [JSONValue] = spec.content.skills.map { requirement in
            .object(JSONObject([
                ("type", .array([.string("Result")])),
                ("resultDescription", .string(AchievementMapper.resultDescriptionID(achievementID: achievementID, skill: requirement.skill))),
                ("achievedLevel", .string(AchievementMapper.levelID(achievementID: achievementID, skill: requirement.skill, level: 3))),
                ("status", .string("Completed")),
            ]))
        }
        var subject = JSONObject()
        subject["type"] = .array([.string("AchievementSubject")])
        subject["identifier"] = .array([.object(JSONObject([
            ("type", .string("IdentityObject")), ("identityHash", .string("sha256$8d5f1d43b1e9f3b5a0a1c6f3c1c2d4e5f60718293a4b5c6d7e8f901a2b3c4d5e")),
            ("identityType", .string("emailAddress")), ("hashed", .bool(true)), ("salt", .string("s4lt")),
        ]))])
        subject["achievement"] = achievement
        subject["result"] = .array(results)
        var credential = JSONObject()
        credential["@context"] = .array(AchievementMapper.contexts.map(JSONValue.string))
        credential["id"] = .string("urn:uuid:0192f1a2-7c3d-7e4f-8a9b-0c1d2e3f4a5b")
        credential["type"] = .array([.string("VerifiableCredential"), .string("OpenBadgeCredential")])
        credential["issuer"] = .object(JSONObject([("id", .string(issuerKey.didKey.did)), ("type", .array([.string("Profile")])),
                                                  ("name", .string("Athens Test Centre"))]))
        credential["validFrom"] = .string("2026-01-02T00:00:00Z")
        credential["name"] = achievement["name"] ?? .string("EmPass")
        credential["credentialSubject"] = .object(subject)
        if !status.isEmpty {
            // The status context is part of VC 2.0; BitstringStatusListEntry terms are defined there.
            credential["credentialStatus"] = .array(status)
        }
        return .object(credential)
    }

    static func signed(status: [JSONValue] = []) throws -> JSONValue {
        try DataIntegritySigner(canonicalizer: canonicalizer, clock: signingClock).sign(unsigned(status: status), key: issuerKey)
    }

    static func text(_ value: JSONValue) -> String { JSONSerializer.serialize(value) }

    /// The same credential with its first skill's achieved level raised after signing.
    static func tampered() throws -> JSONValue {
        let signed = try signed()
        let text = text(signed).replacingOccurrences(of: "-level-3\"", with: "-level-4\"", options: [], range: nil)
        return try JSONParser().parse(text)
    }

    static func multipart(_ parts: [(name: String, filename: String?, body: [UInt8])], boundary: String = "EmPassBoundary7MA4YWxk") -> (HTTPFields, ByteBuffer) {
        var body: [UInt8] = []
        for part in parts {
            body += Array("--\(boundary)\r\n".utf8)
            let file = part.filename.map { "; filename=\"\($0)\"" } ?? ""
            body += Array("Content-Disposition: form-data; name=\"\(part.name)\"\(file)\r\n".utf8)
            if part.filename != nil { body += Array("Content-Type: application/octet-stream\r\n".utf8) }
            body += Array("\r\n".utf8) + part.body + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return (headers, ByteBuffer(bytes: body))
    }

    /// A 1×1 PNG (real IHDR/IDAT/IEND) to bake into.
    static let tinyPNG: [UInt8] = {
        let raw: [UInt8] = [0, 0x1E, 0x40, 0x9A, 0xFF]
        var a: UInt32 = 1, b: UInt32 = 0
        for x in raw { a = (a + UInt32(x)) % 65521; b = (b + a) % 65521 }
        let adler = (b << 16) | a
        let idat: [UInt8] = [0x78, 0x01, 0x01, UInt8(raw.count), 0, ~UInt8(raw.count), 0xFF] + raw
            + [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + data
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in typed {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
            }
            crc ^= 0xFFFF_FFFF
            let n = UInt32(data.count)
            return [UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)] + typed
                + [UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)]
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0])
            + chunk("IDAT", idat) + chunk("IEND", [])
    }()

    static let tinySVG = Array(#"<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><circle cx="4" cy="4" r="4"/></svg>"#.utf8)
}
