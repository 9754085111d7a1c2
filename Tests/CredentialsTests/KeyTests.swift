import Foundation
import Testing
import LinkedData
@testable import Credentials

@Suite struct MultikeyAndDIDKeyTests {
    @Test func readsTheW3CKeyPair() throws {
        let key = try Conformance.vectorKey()
        #expect(key.publicKeyMultibase == "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
        #expect(key.secretKeyMultibase == "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq")
        #expect(key.didKey.verificationMethodID ==
                "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
    }

    @Test func readsEveryProofSetKeyPair() throws {
        let pairs = try Conformance.json(Conformance.vector("proof-set-chain/multiKeyPairs.json"))
        for (_, pair) in pairs.objectValue! {
            let key = try Ed25519KeyPair(json: pair)
            #expect(key.publicKeyMultibase == pair["publicKeyMultibase"]?.stringValue)
        }
    }

    @Test func generatedKeysRoundTripThroughJSON() throws {
        let key = Ed25519KeyPair.generate()
        #expect(key.publicKeyMultibase.hasPrefix("z6Mk"))
        #expect(key.secretKeyMultibase.hasPrefix("z3u2"))
        let again = try Ed25519KeyPair(json: key.json)
        #expect(again.seed == key.seed)
        #expect(Ed25519KeyPair.generate().seed != key.seed)
    }

    @Test func rejectsAMismatchedPublicKey() throws {
        let key = Ed25519KeyPair.generate()
        let json = JSONValue.object(JSONObject([
            ("publicKeyMultibase", .string(Ed25519KeyPair.generate().publicKeyMultibase)),
            ("secretKeyMultibase", .string(key.secretKeyMultibase)),
        ]))
        #expect(throws: KeyPairError.publicKeyMismatch) { try Ed25519KeyPair(json: json) }
    }

    @Test func rejectsAPublicKeyWhereASecretKeyBelongs() {
        let pub = Ed25519KeyPair.generate().publicKeyMultibase
        #expect(throws: MultikeyError.self) { try Multikey.decodeEd25519SecretKey(pub) }
        #expect(throws: MultikeyError.self) { try Multikey.decodeEd25519PublicKey("z6Mk") }
    }

    @Test func resolvesDIDKeyWithAndWithoutFragment() throws {
        let did = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
        let a = try DIDKey(parsing: did)
        let b = try DIDKey(parsing: did + "#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
        #expect(a == b)
        #expect(a.verificationMethod.controller == did)
        #expect(throws: DIDError.self) { try DIDKey(parsing: did + "#key-1") }
        #expect(throws: DIDError.self) { try DIDKey(parsing: "did:key:zDnaegE6RR3atJtHKwTRTWHsJ3kNHqFwv7n9YjTgmU7TyfU76") }
    }

    @Test func didWebMapsToItsDocumentURL() throws {
        #expect(try DIDWeb(parsing: "did:web:w3c-ccg.github.io").documentURL == "https://w3c-ccg.github.io/.well-known/did.json")
        #expect(try DIDWeb(parsing: "did:web:example.com%3A3000:orgs:acme#key-1").documentURL == "https://example.com:3000/orgs/acme/did.json")
        #expect(DIDWeb(host: "example.com:3000", path: ["orgs", "acme"]).did == "did:web:example.com%3A3000:orgs:acme")
        for bad in ["did:web:", "did:web:exa/mple.com", "did:web:example.com::x", "did:web:example.com:..", "did:key:z6Mk"] {
            #expect(throws: DIDError.self, "\(bad)") { try DIDWeb(parsing: bad) }
        }
    }

    @Test func issuerDIDDocumentRoundTrips() throws {
        let key = Ed25519KeyPair.generate(), old = Ed25519KeyPair.generate()
        let did = DIDWeb(host: "empass.example", path: ["orgs", "acme"]).did
        let document = DIDDocument.issuer(did: did, keys: [("key-2", key.publicKeyMultibase), ("key-1", old.publicKeyMultibase)])
        let read = try DIDDocument(json: JSONParser().parse(JSONSerializer.serialize(document.json)))
        #expect(read == document)
        #expect(read.verificationMethod(id: did + "#key-1")?.publicKeyMultibase == old.publicKeyMultibase)
        #expect(read.verificationMethod(id: "#key-2")?.controller == did)
    }
}

@Suite struct DateTimeStampTests {
    @Test func parsesZonesAndFractions() {
        #expect(DateTimeStamp.parse("1970-01-01T00:00:00Z")?.timeIntervalSince1970 == 0)
        #expect(DateTimeStamp.parse("2022-11-10T07:38:00-08:00") == DateTimeStamp.parse("2022-11-10T15:38:00Z"))
        #expect(DateTimeStamp.parse("2024-02-29T12:00:00.250Z")?.timeIntervalSince1970 == 1_709_208_000.25)
        #expect(DateTimeStamp.parse("2010-01-01T00:00:00", requireTimeZone: false) == DateTimeStamp.parse("2010-01-01T00:00:00Z"))
    }

    @Test(arguments: ["2010-01-01T00:00:00", "2010-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2010-01-01 00:00:00Z",
                      "2010-01-01T00:00:60Z", "2010-01-01T00:00:00+1:00", "2010-01-01", "", "2010-01-01T00:00:00.Z"])
    func rejects(_ text: String) { #expect(DateTimeStamp.parse(text) == nil) }

    @Test func formatsRoundTrip() {
        for seconds in [0, 1_700_000_000, 951_782_400, -86_401, 4_102_444_800] {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(DateTimeStamp.parse(DateTimeStamp.format(date)) == date)
        }
        #expect(DateTimeStamp.format(Conformance.vectorCreated) == "2023-02-24T23:36:38Z")
    }
}
