import Foundation
import LinkedData
import Testing
@testable import Credentials

@Suite struct StatusListEncodingTests {
    /// The Bitstring Status List 1.0 specification's example list (§2.2): 16 KiB of zeros.
    static let specExampleList = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"

    @Test func decodesTheSpecificationsExample() throws {
        let list = try StatusListEncoding.decode(Self.specExampleList)
        #expect(list.bitCount == StatusBitstring.minimumBitCount)
        #expect(list.setIndexes.isEmpty)
        #expect(try list.value(at: 94567) == 0)
    }

    @Test func readsTheRevokedIndexOfThe1EdTechSample() throws {
        let listCredential = try BitstringStatusListCredential(json: Conformance.json(Conformance.ob3.appendingPathComponent("bit-string-list/testlist")))
        #expect(listCredential.purposes == [.revocation])
        #expect(listCredential.bitstring.setIndexes == [23])

        guard case .object(let credential) = try Conformance.json(Conformance.ob3.appendingPathComponent("bit-string-list/credential-status-revoked.json")) else {
            Issue.record("sample is not an object"); return
        }
        let entries = try StatusListEntry.entries(in: credential)
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.index == 23)   // written as a JSON number in the sample; accepted
        // The sample's entry names the list by its download URL while the list calls itself
        // https://example.com/…: a verifier must refuse to read one list for another.
        #expect(throws: StatusListError.listCredentialMismatch(entry: entry.listCredential, list: listCredential.id)) {
            try listCredential.status(of: entry)
        }
        var sameList = entry
        sameList.listCredential = listCredential.id
        #expect(try listCredential.status(of: sameList).isSet)
        sameList.index = 22
        #expect(try !listCredential.status(of: sameList).isSet)
    }

    @Test func indexZeroIsTheLeftmostBit() throws {
        var list = StatusBitstring()
        list[bit: 0] = true
        list[bit: 15] = true
        #expect(list.bytes[0] == 0x80)
        #expect(list.bytes[1] == 0x01)
        #expect(list.setIndexes == [0, 15])
        try list.setValue(0b10, at: 1, statusSize: 2)   // bits 2 and 3
        #expect(list.bytes[0] == 0xA0)
        #expect(try list.value(at: 1, statusSize: 2) == 2)
    }

    @Test(arguments: [1, 2, 7, 1_000])
    func roundTripsRandomLists(setBits: Int) throws {
        var rng = SystemRandomNumberGenerator()
        var list = StatusBitstring()
        var expected = Set<Int>()
        for _ in 0..<setBits {
            let i = Int.random(in: 0..<list.bitCount, using: &rng)
            list[bit: i] = true
            expected.insert(i)
        }
        let encoded = StatusListEncoding.encode(list)
        #expect(encoded.hasPrefix("u"))
        #expect(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"))
        let decoded = try StatusListEncoding.decode(encoded)
        #expect(decoded == list)
        #expect(Set(decoded.setIndexes) == expected)
    }

    @Test func anEmptyListCompressesToAFewBytes() {
        // GZIP makes the 16 KiB mostly-zero list small enough to publish and cache cheaply.
        #expect(StatusListEncoding.encode(StatusBitstring()).utf8.count < 200)
    }

    @Test func crc32MatchesTheCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func refusesAListWithAnAlteredTrailer() throws {
        var bytes = try #require(Base64URL.decode(Self.specExampleList.dropFirst()))
        bytes[bytes.count - 5] ^= 0x01   // one bit of the CRC
        #expect(throws: StatusListError.self) { _ = try StatusListEncoding.decode("u" + Base64URL.encode(bytes)) }
    }

    @Test func base64URLMatchesRFC4648() {
        // RFC 4648 §10 test vectors, then the two characters that differ from base64.
        let cases: [(String, String)] = [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"),
                                         ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in cases {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xfb, 0xff])
        #expect(Base64URL.decode("Zg==") == Array("f".utf8))
        for bad in ["+/8", "Zm9v Yg", "Z", "Zm9vY", "é"] { #expect(Base64URL.decode(bad) == nil, "\(bad)") }
    }

    @Test func refusesBadEncodedLists() throws {
        #expect(throws: StatusListError.emptyEncodedList) { try StatusListEncoding.decode("") }
        #expect(throws: StatusListError.unsupportedMultibasePrefix("z")) { try StatusListEncoding.decode("zH4sI") }
        #expect(throws: StatusListError.invalidBase64URL) { try StatusListEncoding.decode("uH4s+IAAA") }
        #expect(throws: StatusListError.notGZIP) { try StatusListEncoding.decode("u" + Base64URL.encode(Array(repeating: 0, count: 40))) }
        let valid = Self.specExampleList
        let truncated = String(valid.prefix(valid.count - 12))
        do {
            _ = try StatusListEncoding.decode(truncated)
            Issue.record("a truncated list was accepted")
        } catch {
            switch error {
            case .corruptGZIP, .invalidBase64URL: break
            default: Issue.record("unexpected \(error)")
            }
        }
        // A list that inflates past the limit is refused before it is held in memory whole.
        #expect(throws: StatusListError.decodedListTooLarge(maximumBytes: 1024)) {
            try StatusListEncoding.decode(valid, maximumBytes: 1024)
        }
    }

    @Test func refusesAListShorterThanTheMinimum() throws {
        let short = StatusBitstring(bytes: [UInt8](repeating: 0, count: 1000))
        let encoded = StatusListEncoding.encode(short)
        #expect(try StatusListEncoding.decode(encoded).bitCount == 8000)
        var credential = BitstringStatusListCredential(id: "https://x.test/status/1", issuer: "did:example:1", purpose: .revocation,
                                                       bitstring: StatusBitstring())
        credential.bitstring = short
        #expect(throws: StatusListError.listTooShort(bits: 8000)) { try BitstringStatusListCredential(json: credential.unsigned()) }
        #expect(StatusListError.listTooShort(bits: 8000).specType == "STATUS_LIST_LENGTH_ERROR")
    }
}

@Suite struct StatusListEntryTests {
    @Test func writesTheIndexAsAString() throws {
        let entry = StatusListEntry.make(purpose: .suspension, index: 94567, listCredential: "https://x.test/status/3")
        let json = entry.json
        #expect(json["statusListIndex"] == .string("94567"))
        #expect(json["id"] == .string("https://x.test/status/3#94567"))
        #expect(json["type"] == .string("BitstringStatusListEntry"))
        #expect(try StatusListEntry(json: json) == entry)
    }

    @Test(arguments: [
        (#"{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"-1","statusListCredential":"https://x"}"#, "statusListIndex"),
        (#"{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1.5","statusListCredential":"https://x"}"#, "statusListIndex"),
        (#"{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"","statusListCredential":"https://x"}"#, "statusListIndex"),
        (#"{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"99999999999999999999","statusListCredential":"https://x"}"#, "statusListIndex"),
        (#"{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":1.5,"statusListCredential":"https://x"}"#, "statusListIndex"),
        (#"{"type":"BitstringStatusListEntry","statusPurpose":"archival","statusListIndex":"1","statusListCredential":"https://x"}"#, "statusPurpose"),
        (#"{"type":"BitstringStatusListEntry","statusListIndex":"1","statusListCredential":"https://x"}"#, "statusPurpose"),
        (#"{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1"}"#, "statusListCredential"),
        (#"{"type":"StatusList2021Entry","statusPurpose":"revocation","statusListIndex":"1","statusListCredential":"https://x"}"#, "type"),
        (#"{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1","statusListCredential":"https://x","statusSize":"2"}"#, "statusSize"),
        (#"[]"#, "object"),
    ])
    func refusesMalformedEntries(json: String, mentions: String) throws {
        let value = try JSONParser().parse(Array(json.utf8))
        do {
            _ = try StatusListEntry(json: value)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.description.contains(mentions), "\(error)")
        }
    }

    @Test func refusesAStatusSizeOutOfRange() throws {
        let json = #"{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"1","statusListCredential":"https://x","statusSize":17}"#
        #expect(throws: StatusListError.invalidStatusSize(17)) { try StatusListEntry(json: JSONParser().parse(Array(json.utf8))) }
    }
}

@Suite struct BitstringStatusListCredentialTests {
    let validFrom = DateTimeStamp.parse("2025-01-01T00:00:00Z")!

    @Test func buildsAndReadsBackAListCredential() throws {
        var bits = StatusBitstring()
        bits[bit: 131_071] = true
        bits[bit: 42] = true
        let list = BitstringStatusListCredential(id: "https://issuer.test/status/abc", issuer: "did:web:issuer.test", purpose: .suspension,
                                                 bitstring: bits, validFrom: validFrom, ttl: 300_000)
        let json = list.unsigned()
        #expect(json["type"] == .array([.string("VerifiableCredential"), .string("BitstringStatusListCredential")]))
        #expect(json["credentialSubject"]?["id"] == .string("https://issuer.test/status/abc#list"))
        #expect(json["credentialSubject"]?["statusPurpose"] == .string("suspension"))
        let read = try BitstringStatusListCredential(json: json)
        #expect(read == list)

        let entry = StatusListEntry.make(purpose: .suspension, index: 42, listCredential: list.id)
        #expect(try read.status(of: entry) == StatusCheck(purpose: .suspension, index: 42, value: 1))
        #expect(try !read.status(of: StatusListEntry.make(purpose: .suspension, index: 43, listCredential: list.id)).isSet)
        #expect(throws: StatusListError.purposeMismatch(entry: "revocation", list: ["suspension"])) {
            try read.status(of: StatusListEntry.make(purpose: .revocation, index: 42, listCredential: list.id))
        }
        #expect(throws: StatusListError.indexOutOfRange(index: 131_072, entries: 131_072)) {
            try read.status(of: StatusListEntry.make(purpose: .suspension, index: 131_072, listCredential: list.id))
        }
    }

    @Test(arguments: [ProofSuite.eddsaRdfc2022, .eddsaJcs2022])
    func aSignedListCredentialVerifies(suite: ProofSuite) async throws {
        let key = try Conformance.vectorKey()
        var bits = StatusBitstring()
        bits[bit: 7] = true
        let list = BitstringStatusListCredential(id: "https://issuer.test/status/1", issuer: key.didKey.did, purpose: .revocation,
                                                 bitstring: bits, validFrom: validFrom)
        let signed = try DataIntegritySigner(clock: testClock).sign(list.unsigned(), key: key, options: ProofOptions(suite: suite))
        let report = await CredentialVerifier(clock: testClock).verify(signed)
        #expect(report.isValid, "\(report.failures)")
        // Flipping one bit of the published list must break the proof.
        bits[bit: 7] = false
        var tampered = signed
        if case .object(var o) = signed, case .object(var subject)? = o["credentialSubject"] {
            subject["encodedList"] = .string(StatusListEncoding.encode(bits))
            o["credentialSubject"] = .object(subject)
            tampered = .object(o)
        }
        #expect(!(await CredentialVerifier(clock: testClock).verify(tampered)).isValid)
    }

    @Test func refusesListCredentialsWithoutTheirParts() throws {
        let good = BitstringStatusListCredential(id: "https://x.test/s/1", issuer: "did:example:1", purpose: .revocation,
                                                 bitstring: StatusBitstring()).unsigned()
        let cases: [(JSONValue, String)] = [
            (good.setting("type", .array([.string("VerifiableCredential")])), "type"),
            (good.setting("id", nil), "id"),
            (good.setting("issuer", nil), "issuer"),
            (good.setting("credentialSubject", .string("x")), "credentialSubject"),
        ]
        for (json, mentions) in cases {
            do {
                _ = try BitstringStatusListCredential(json: json)
                Issue.record("accepted a list without \(mentions)")
            } catch {
                #expect(error.description.contains(mentions), "\(error)")
            }
        }
    }
}
