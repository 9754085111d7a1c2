import Testing
@testable import Credentials

/// RFC 4648 §10 vectors in the URL-safe alphabet without padding, and the strict decoder.
@Suite struct StrictBase64URLTests {
    @Test(arguments: [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")])
    func rfc4648Vectors(_ plain: String, _ encoded: String) throws {
        #expect(StrictBase64URL.encode(Array(plain.utf8)) == encoded)
        #expect(try StrictBase64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test func urlSafeAlphabet() throws {
        #expect(StrictBase64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(try StrictBase64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
    }

    @Test func roundTripsEveryLength() throws {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(try StrictBase64URL.decode(StrictBase64URL.encode(bytes)) == bytes)
        }
    }

    @Test(arguments: ["Zg==", "Zm9v YmFy", "Zm9+", "Zm9/", "Z", "Zm9vY", "Zh", "Zm9"])
    func refusesWhatIsNotCanonicalBase64URL(_ text: String) {
        #expect(throws: Base64URLError.self) { try StrictBase64URL.decode(text) }
    }
}
