import Credentials
import Foundation
import LinkedData
import Storage

/// The status part of verification for credentials whose lists this platform publishes: read
/// from the database (the same bits `/status/{list}` serves). A list elsewhere is not fetched,
/// and the result says so — it is never reported as "active".
struct CredentialStatusCheck: Sendable {
    struct Outcome: Sendable, Encodable {
        let purpose: String
        let status: String   // active | revoked | suspended | unknown
        let message: String
    }

    let services: AppServices

    func check(_ credential: JSONValue) async -> [Outcome] {
        guard case .object(let object) = credential else { return [] }
        let entries: [StatusListEntry]
        do { entries = try StatusListEntry.entries(in: object) } catch {
            return [Outcome(purpose: "-", status: "unknown", message: error.description)]
        }
        let prefix = IssuanceService.statusListURL(publicURL: services.config.publicURL, list: StatusListID(UUID())).dropLast(36)
        var outcomes: [Outcome] = []
        for entry in entries {
            guard entry.listCredential.hasPrefix(prefix), let listID = StatusListID(String(entry.listCredential.dropFirst(prefix.count))),
                  let list = try? await services.statusLists.statusList(id: listID),
                  list.purpose.rawValue == entry.purpose.rawValue, entry.index < list.capacity,
                  let set = try? await services.statusLists.setIndexes(listID: listID) else {
                outcomes.append(Outcome(purpose: entry.purpose.rawValue, status: "unknown",
                                        message: "status list \(entry.listCredential) could not be checked here"))
                continue
            }
            let isSet = set.contains(entry.index)
            let status = !isSet ? "active" : entry.purpose == .revocation ? "revoked" : "suspended"
            outcomes.append(Outcome(purpose: entry.purpose.rawValue, status: status,
                                    message: isSet ? "the issuer has \(status) this credential" : "not \(entry.purpose == .revocation ? "revoked" : "suspended")"))
        }
        return outcomes
    }
}
