import Foundation
import Storage

/// The status lists this platform publishes at `/status/{list}`, read in-process through the same
/// publisher that serves them (signed, cached), so the verification page checks our own
/// credentials' revocation and suspension exactly as an outside verifier would — signature and
/// issuer of the list included. Any other URL goes to `fallback` (an operator's seam).
struct PlatformPublishedDocuments: PublishedDocuments {
    let services: AppServices
    let fallback: any PublishedDocuments

    func document(at url: String) async throws -> [UInt8]? {
        let sample = IssuanceService.statusListURL(publicURL: services.config.publicURL, list: StatusListID(UUID()))
        let prefix = sample.dropLast(36)   // the list id is the last path segment (a UUID)
        guard url.hasPrefix(prefix), let listID = StatusListID(String(url.dropFirst(prefix.count))) else {
            return try await fallback.document(at: url)
        }
        guard try await services.statusLists.statusList(id: listID) != nil else { return nil }
        return try await StatusListPublisher(services: services).publish(listID: listID).body
    }
}
