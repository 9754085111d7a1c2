import Foundation

extension MicroCredentialSpec {
    /// The stable id of the EmPass employability micro-credential.
    public static let flagshipID: SpecID = "empass-employability"

    /// The EmPass employability micro-credential, version 1, published — the seeded flagship
    /// specification (bundled resource `flagship-spec.json`).
    public static func flagship() throws -> MicroCredentialSpec {
        try BundledResource.decode(MicroCredentialSpec.self, named: "flagship-spec", extension: "json")
    }
}

extension MicroCredentialSpec {
    /// Decodes a specification from JSON (dates ISO 8601), e.g. a stored row or an API body.
    public static func decode(json: Data) throws -> MicroCredentialSpec {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(MicroCredentialSpec.self, from: json)
    }

    /// Encodes as JSON with sorted keys and ISO 8601 dates: stable text for storage and diffs.
    public func encodedJSON(pretty: Bool = false) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)) ?? Data()
    }
}
