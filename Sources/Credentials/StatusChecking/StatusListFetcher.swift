/// Fetches a status list credential's bytes by URL. The caller's implementation enforces a size
/// limit and a timeout (the CLI's HTTP fetcher does; the server serves its own lists locally and
/// fetches no foreign URL). Errors are reported as "could not be checked", never as "active".
public protocol StatusListFetcher: Sendable {
    func fetchStatusList(at url: String) async throws -> [UInt8]
}

/// The offline verifier's fetcher: it has no network, so every status is "could not be checked".
public struct OfflineStatusListFetcher: StatusListFetcher {
    public init() {}
    public func fetchStatusList(at url: String) async throws -> [UInt8] { throw StatusFetchError.offline }
}

public enum StatusFetchError: Error, Sendable, Hashable, CustomStringConvertible {
    case offline
    case notHostedHere(String)
    case tooLarge(maximumBytes: Int)
    case timedOut(seconds: Double)
    case httpStatus(Int)
    case unsupportedScheme(String)
    case transport(String)

    public var description: String {
        switch self {
        case .offline: "this verifier is offline (use --online to fetch status lists)"
        case .notHostedHere(let url): "\(url) is not a status list this server publishes, and it does not fetch other sites' lists"
        case .tooLarge(let max): "the response is larger than \(max) bytes"
        case .timedOut(let seconds): "no complete response within \(seconds) seconds"
        case .httpStatus(let code): "the server answered HTTP \(code)"
        case .unsupportedScheme(let url): "\(url) is not an https URL"
        case .transport(let why): why
        }
    }
}
