import AsyncHTTPClient
import Credentials
import NIOCore
import NIOHTTP1

/// Fetches did:web documents and status lists over HTTPS for `empass verify --online`, with a
/// deadline for the whole exchange (head and body) and a cap on the body, so a slow or huge
/// answer cannot stall or flood the verifier. Plain http is refused unless `allowInsecureHTTP`
/// (tests on loopback).
public struct HTTPDocumentFetcher: DIDDocumentFetcher, StatusListFetcher {
    public let client: HTTPClient
    public let timeoutSeconds: Double
    public let maximumBytes: Int
    public let allowInsecureHTTP: Bool

    public init(client: HTTPClient = .shared, timeoutSeconds: Double = 10, maximumBytes: Int = 2 * 1024 * 1024,
                allowInsecureHTTP: Bool = false) {
        self.client = client
        self.timeoutSeconds = timeoutSeconds
        self.maximumBytes = maximumBytes
        self.allowInsecureHTTP = allowInsecureHTTP
    }

    public func fetchDIDDocument(at url: String) async throws -> [UInt8] { try await get(url) }
    public func fetchStatusList(at url: String) async throws -> [UInt8] { try await get(url) }

    public func get(_ url: String) async throws(StatusFetchError) -> [UInt8] {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("https://") || (allowInsecureHTTP && lowered.hasPrefix("http://")) else {
            throw .unsupportedScheme(url)
        }
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/vc+ld+json, application/did+ld+json, application/ld+json, application/json")
        let deadline = NIODeadline.now() + .milliseconds(Int64(timeoutSeconds * 1000))
        do {
            let response = try await client.execute(request, deadline: deadline)
            guard response.status == .ok else { throw StatusFetchError.httpStatus(Int(response.status.code)) }
            if let declared = response.headers.first(name: "content-length").flatMap(Int.init), declared > maximumBytes {
                throw StatusFetchError.tooLarge(maximumBytes: maximumBytes)
            }
            let body = try await response.body.collect(upTo: maximumBytes)
            return Array(buffer: body)
        } catch let error as StatusFetchError {
            throw error
        } catch is NIOTooManyBytesError {
            throw .tooLarge(maximumBytes: maximumBytes)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw .timedOut(seconds: timeoutSeconds)
        } catch {
            throw .transport(String(describing: error))
        }
    }
}
