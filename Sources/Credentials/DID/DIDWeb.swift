import Foundation

/// did:web (W3C CCG did:web): `did:web:example.org%3A8443:orgs:acme` ↔
/// `https://example.org:8443/orgs/acme/did.json`; a DID without a path lives at
/// `/.well-known/did.json`. Fetching is the caller's business (`DIDDocumentFetcher`).
public struct DIDWeb: Sendable, Hashable, CustomStringConvertible {
    /// Host, with `:port` when there is one (decoded from `%3A`).
    public let host: String
    public let path: [String]

    public init(host: String, path: [String] = []) {
        self.host = host
        self.path = path
    }

    /// Parses a did:web DID or a verification method id on one (`…#key-1`).
    public init(parsing text: String) throws(DIDError) {
        guard text.hasPrefix("did:web:") else { throw .notDIDWeb(text) }
        let did = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let segments = did.dropFirst("did:web:".count).split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let first = segments.first, !first.isEmpty, !segments.contains(where: \.isEmpty) else { throw .invalidDIDWeb(text) }
        let host = first.replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%3a", with: ":")
        // A host is letters, digits, dots, hyphens and an optional port: nothing that could turn
        // the URL into a different origin.
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":" }),
              !segments.dropFirst().contains(where: { $0 == "." || $0 == ".." || $0.contains("/") })
        else { throw .invalidDIDWeb(text) }
        self.host = host
        self.path = Array(segments.dropFirst())
    }

    public var did: String {
        (["did:web:" + host.replacingOccurrences(of: ":", with: "%3A")] + path).joined(separator: ":")
    }

    /// Where the DID document is published.
    public var documentURL: String {
        path.isEmpty ? "https://\(host)/.well-known/did.json" : "https://\(host)/\(path.joined(separator: "/"))/did.json"
    }

    public var description: String { did }
}

/// Fetches the bytes of a did:web document. The offline CLI has none; the server and
/// `verify --online` supply one with timeouts and size limits.
public protocol DIDDocumentFetcher: Sendable {
    func fetchDIDDocument(at url: String) async throws -> [UInt8]
}
