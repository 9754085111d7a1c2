/// Keys an issuer has published out of band (on its website, in a registry) that the caller
/// vouches for: verification method id → key and the issuer it belongs to. This is how the 1EdTech
/// samples' https verification methods become verifiable: someone must have said which key the
/// issuer uses; the `z6Mk…` fragment in the document is never enough on its own.
public struct TrustedKeyStore: Sendable, Hashable {
    public struct Entry: Sendable, Hashable, Codable {
        public var verificationMethod: String
        public var publicKeyMultibase: String
        /// The issuer id this key speaks for.
        public var issuer: String

        /// `issuer` defaults to the verification method without its fragment, the usual layout
        /// (`https://example.com/issuers/1#key` belongs to `https://example.com/issuers/1`).
        public init(verificationMethod: String, publicKeyMultibase: String, issuer: String? = nil) {
            self.verificationMethod = verificationMethod
            self.publicKeyMultibase = publicKeyMultibase
            self.issuer = issuer ?? String(verificationMethod.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
        }
    }

    private var entries: [String: Entry] = [:]

    public init(_ entries: [Entry] = []) {
        for entry in entries { add(entry) }
    }

    public mutating func add(_ entry: Entry) { entries[entry.verificationMethod] = entry }
    public func entry(for verificationMethod: String) -> Entry? { entries[verificationMethod] }
    public var isEmpty: Bool { entries.isEmpty }
}
