import Foundation
import Testing
@testable import Credentials

@Suite struct BakingMalformedInputTests {
    static let png = BakingRoundTripTests.tinyPNG
    static var baked: [UInt8] { try! PNGBaker.bake(.json(#"{"a":1}"#), into: png) }

    @Test func notAnImage() {
        #expect(throws: BakingError.unrecognisedImage) { try CredentialBaker.unbake(Array("{\"a\":1}".utf8)) }
        #expect(throws: BakingError.unrecognisedImage) { try CredentialBaker.unbake([]) }
    }

    @Test func unbakedImages() {
        #expect(throws: BakingError.notBaked) { try CredentialBaker.unbake(Self.png) }
        #expect(throws: BakingError.notBaked) { try CredentialBaker.unbake(BakingRoundTripTests.tinySVG) }
    }

    @Test func truncatedPNG() {
        let baked = Self.baked
        for cut in [9, 20, baked.count / 2, baked.count - 1] {
            #expect(throws: BakingError.self) { try PNGBaker.unbake(Array(baked[0..<cut])) }
        }
    }

    @Test func flippedByteFailsTheCRC() {
        var damaged = Self.baked
        let at = damaged.count - 20   // inside the iTXt text
        damaged[at] ^= 0x01
        #expect(throws: BakingError.self) { try PNGBaker.unbake(damaged) }
        do { _ = try PNGBaker.unbake(damaged) } catch {
            guard case .pngCRCMismatch = error else { Issue.record("expected a CRC error, got \(error)"); return }
        }
    }

    @Test func dataAfterIEND() {
        #expect(throws: BakingError.pngDataAfterEnd) { try PNGBaker.unbake(Self.baked + [0]) }
    }

    @Test func noIHDRFirst() {
        let chunks = [PNGChunk(type: Array("IEND".utf8), data: [])]
        #expect(throws: BakingError.pngMissingHeader) { try PNGBaker.unbake(PNGFile.write(chunks)) }
    }

    @Test func twoCredentialChunks() throws {
        var chunks = try PNGFile.read(Self.baked)
        chunks.insert(chunks[1], at: 1)
        #expect(throws: BakingError.bakedMoreThanOnce(count: 2)) { try PNGBaker.unbake(PNGFile.write(chunks)) }
    }

    @Test func compressedOrMalformedITXt() throws {
        var chunks = try PNGFile.read(Self.baked)
        chunks[1].data[20] = 1   // compression flag
        #expect(throws: BakingError.pngCompressedTextUnsupported) { try PNGBaker.unbake(PNGFile.write(chunks)) }
        chunks[1].data = Array("openbadgecredential".utf8) + [0, 0]   // no language tag
        #expect(throws: BakingError.self) { try PNGBaker.unbake(PNGFile.write(chunks)) }
        chunks[1].data = Array("openbadgecredential".utf8) + [0, 0, 0, 0, 0, 0xFF, 0xFE]
        #expect(throws: BakingError.credentialNotUTF8) { try PNGBaker.unbake(PNGFile.write(chunks)) }
        chunks[1].data = Array("openbadgecredential".utf8) + [0, 0, 0, 0, 0, 0x20]
        #expect(throws: BakingError.emptyCredential) { try PNGBaker.unbake(PNGFile.write(chunks)) }
    }

    @Test(arguments: [
        "<svg xmlns='http://www.w3.org/2000/svg'><g></svg>",
        "<svg xmlns='http://www.w3.org/2000/svg'",
        "<svg a=b></svg>",
        "<svg><!-- never closed </svg>",
        "<svg>&bogus;</svg>",
        "<svg></svg><svg></svg>",
        "<svg xmlns:o='https://purl.imsglobal.org/ob/v3p0'><o:credential><![CDATA[{}</o:credential></svg>",
    ])
    func malformedSVG(_ text: String) {
        #expect(throws: BakingError.self) { try SVGBaker.unbake(Array(text.utf8)) }
        #expect(throws: BakingError.self) { try SVGBaker.bake(.json("{}"), into: Array(text.utf8)) }
    }

    @Test func rootMustBeSVG() {
        #expect(throws: BakingError.svgRootNotSVG(found: "html")) { try SVGBaker.unbake(Array("<html></html>".utf8)) }
    }

    @Test func twoCredentialElements() {
        let svg = "<svg xmlns:o='https://purl.imsglobal.org/ob/v3p0'><o:credential>{}</o:credential><o:credential>{}</o:credential></svg>"
        #expect(throws: BakingError.bakedMoreThanOnce(count: 2)) { try SVGBaker.unbake(Array(svg.utf8)) }
    }

    @Test func aCredentialElementInAnotherNamespaceIsNotOurs() {
        let svg = "<svg xmlns:o='https://example.org/other'><o:credential>{}</o:credential></svg>"
        #expect(throws: BakingError.notBaked) { try SVGBaker.unbake(Array(svg.utf8)) }
    }

    @Test func entitiesAndCharacterReferencesAreDecoded() throws {
        let svg = "<svg xmlns:o='https://purl.imsglobal.org/ob/v3p0'><o:credential>{&quot;a&quot;:&#34;&#x3c;&amp;&#x3E;&#34;}</o:credential></svg>"
        #expect(try SVGBaker.unbake(Array(svg.utf8)) == .json(#"{"a":"<&>"}"#))
    }

    /// DTD entities are never expanded: an SVG that needs them is refused, not inflated.
    @Test func doctypeEntitiesAreNotExpanded() {
        let svg = """
        <!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <svg xmlns:o='https://purl.imsglobal.org/ob/v3p0'><o:credential>&b;</o:credential></svg>
        """
        #expect(throws: BakingError.self) { try SVGBaker.unbake(Array(svg.utf8)) }
    }
}
