import Foundation
import Testing
import LinkedData
@testable import Credentials

@Suite struct BakingRoundTripTests {
    /// A small real PNG: 1×1 RGBA, IDAT deflated (stored block) by hand with its Adler-32.
    static let tinyPNG: [UInt8] = {
        let ihdr: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]
        let raw: [UInt8] = [0, 0x1E, 0x40, 0x9A, 0xFF]   // filter byte + one pixel
        var a: UInt32 = 1, b: UInt32 = 0
        for x in raw { a = (a + UInt32(x)) % 65521; b = (b + a) % 65521 }
        let adler = (b << 16) | a
        let idat: [UInt8] = [0x78, 0x01, 0x01, UInt8(raw.count), 0, ~UInt8(raw.count), 0xFF] + raw
            + [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return PNGFile.write([
            PNGChunk(type: Array("IHDR".utf8), data: ihdr),
            PNGChunk(type: Array("IDAT".utf8), data: idat),
            PNGChunk(type: Array("IEND".utf8), data: []),
        ])
    }()

    static let tinySVG = Array(##"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#1e409a"/></svg>"##.utf8)

    static let credential: JSONValue = try! JSONParser().parse(#"""
    {"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential","OpenBadgeCredential"],
     "name":"Ομαδικότητα ]]> & <tags> \"quoted\"","credentialSubject":{"score":1.50,"big":12345678901234567890}}
    """#)

    @Test func crcMatchesTheKnownValue() {
        // The CRC of "IEND" with no data is the constant every PNG ends with.
        #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)   // the CRC-32 shared with the GZIP reader
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test(arguments: BadgeImageFormat.allCases)
    func jsonRoundTrips(_ format: BadgeImageFormat) throws {
        let image = format == .png ? Self.tinyPNG : Self.tinySVG
        let baked = try CredentialBaker.bake(.json(Self.credential), into: image)
        #expect(BadgeImageFormat.detect(baked) == format)
        let out = try CredentialBaker.unbake(baked)
        guard case .json(let text) = out else { Issue.record("expected JSON"); return }
        // Same document, same number text.
        #expect(try JSONParser().parse(text) == Self.credential)
        #expect(text.contains("12345678901234567890") && text.contains("1.50"))
    }

    @Test(arguments: BadgeImageFormat.allCases)
    func jwsRoundTrips(_ format: BadgeImageFormat) throws {
        let image = format == .png ? Self.tinyPNG : Self.tinySVG
        let jws = BakedCredential.compactJWS("eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln")
        #expect(try CredentialBaker.unbake(CredentialBaker.bake(jws, into: image)) == jws)
    }

    @Test func svgJWSGoesInTheVerifyAttribute() throws {
        let baked = String(decoding: try SVGBaker.bake(.compactJWS("a.b.c"), into: Self.tinySVG), as: UTF8.self)
        #expect(baked.contains(#"xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0""#))
        #expect(baked.contains(#"<openbadges:credential verify="a.b.c"/>"#))
    }

    @Test func selfClosingSVGRootIsOpened() throws {
        let svg = Array(#"<svg xmlns="http://www.w3.org/2000/svg"/>"#.utf8)
        let baked = try SVGBaker.bake(.json(#"{"a":1}"#), into: svg)
        #expect(String(decoding: baked, as: UTF8.self).hasSuffix("</svg>"))
        #expect(try SVGBaker.unbake(baked) == .json(#"{"a":1}"#))
    }

    @Test func anExistingPrefixForTheNamespaceIsReused() throws {
        let svg = Array(#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="https://purl.imsglobal.org/ob/v3p0"><g/></svg>"#.utf8)
        let baked = String(decoding: try SVGBaker.bake(.json("{}"), into: svg), as: UTF8.self)
        #expect(baked.contains("<ob:credential>"))
        #expect(!baked.contains("xmlns:openbadges"))
    }

    @Test func pngCredentialChunkIsUncompressedITXtWithTheSpecKeyword() throws {
        let baked = try PNGBaker.bake(.json("{}"), into: Self.tinyPNG)
        let chunks = try PNGFile.read(baked)
        #expect(chunks.map(\.typeName) == ["IHDR", "iTXt", "IDAT", "IEND"])
        #expect(chunks[1].data == Array("openbadgecredential".utf8) + [0, 0, 0, 0, 0] + Array("{}".utf8))
    }

    /// Property: random credentials (escapes, astral characters, `]]>`) survive both formats.
    @Test func randomCredentialsRoundTrip() throws {
        var rng = BakingRNG(seed: 0xBAD6E)
        let pool: [Unicode.Scalar] = ["a", "Z", " ", "\"", "\\", "<", ">", "&", "]", "\n", "\u{00}", "\u{1F}", "é", "Ω", "€", "😀", ";", "#"]
        for round in 0..<200 {
            var members: [(String, JSONValue)] = []
            for k in 0..<Int.random(in: 1...5, using: &rng) {
                var s = String.UnicodeScalarView()
                for _ in 0..<Int.random(in: 0...40, using: &rng) { s.append(pool.randomElement(using: &rng)!) }
                members.append(("k\(k)", .string(String(s))))
            }
            let document = JSONValue.object(JSONObject(members))
            for image in [Self.tinyPNG, Self.tinySVG] {
                let out = try CredentialBaker.unbake(CredentialBaker.bake(.json(document), into: image))
                #expect(try JSONParser().parse(out.text) == document, "round \(round)")
            }
        }
    }
}

/// SplitMix64, so the property test is reproducible from its seed.
struct BakingRNG: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
