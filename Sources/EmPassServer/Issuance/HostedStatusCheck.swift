import Credentials
import Foundation
import LinkedData
import Storage

/// The one status question both verifiers ask (the VC-API `/credentials/verify` and the public
/// `/verify` page) for lists this platform hosts at `/status/{list}`: "is index i of list L set?",
/// answered from the database that `/status/{list}` is built from — one query for all of a
/// credential's entries (`StatusListStore.setEntries`).
///
/// Why the database and not the signed list: it is the source of the signed list, so reading it
/// is what verifying our own list would tell us, minus the work. Why no bit cache: the lookup is
/// one indexed query, and reading it per request makes a revocation visible to the very next
/// verification in every `empass serve` process sharing the database, with no staleness bound to
/// document. What is cached (per process, in `HostedStatusDirectory`) never changes: a list's
/// organisation, purpose and size, and the names an organisation issues under.
///
/// Entries this platform does not host go to the caller's `others` (the API leaves them "could
/// not be checked"; the page may ask an operator's seam). Nothing is ever "active" by default.
struct HostedStatusCheck: Sendable {
    let services: AppServices

    /// `credential`'s status. `issuer` is the issuer the proof was bound to (a list only speaks
    /// for credentials of its own organisation). `others` checks a copy of the credential whose
    /// `credentialStatus` holds only the entries not hosted here.
    func check(_ credential: JSONObject, issuer: String?,
               others: @Sendable (JSONObject) async -> CredentialStatusReport = Self.notFetched) async -> CredentialStatusReport {
        let values: [JSONValue]
        switch credential["credentialStatus"] {
        case nil: return CredentialStatusReport(state: .noStatus, entries: [])
        case .array(let items)?: values = items
        case let value?: values = [value]
        }
        // First what each entry is (from cached list facts), then every bit in one query.
        var entries: [CredentialStatusReport.Entry] = []
        var lookups: [(position: Int, allocation: StatusAllocation, listURL: String)] = []
        var foreign: [JSONValue] = []
        for value in values {
            guard let listURL = value["statusListCredential"]?.stringValue, let listID = hostedListID(listURL) else {
                foreign.append(value)
                continue
            }
            switch await entry(value, listID: listID, listURL: listURL, issuer: issuer) {
            case .decided(let decided): entries.append(decided)
            case .lookUp(let allocation):
                lookups.append((entries.count, allocation, listURL))
                entries.append(.init(purpose: allocation.purpose.rawValue, listCredential: listURL, index: allocation.index,
                                     outcome: .notChecked, problem: nil))
            }
        }
        if !lookups.isEmpty {
            do {
                let set = try await services.statusLists.setEntries(among: lookups.map(\.allocation))
                for lookup in lookups { entries[lookup.position].outcome = set.contains(lookup.allocation) ? .set : .clear }
            } catch {
                for lookup in lookups { entries[lookup.position].problem = "the status list \(lookup.listURL) could not be read: \(error)" }
            }
        }
        if !foreign.isEmpty {
            var rest = credential
            rest["credentialStatus"] = .array(foreign)
            entries += await others(rest).entries
        }
        return CredentialStatusReport(state: CredentialStatusReport.combine(entries), entries: entries)
    }

    /// What the API says about lists elsewhere: not fetched (the server makes no outbound calls).
    static let notFetched: @Sendable (JSONObject) async -> CredentialStatusReport = { credential in
        let values = credential["credentialStatus"]?.arrayValue ?? []
        let entries = values.map { value in
            let url = value["statusListCredential"]?.stringValue
            return CredentialStatusReport.Entry(purpose: value["statusPurpose"]?.stringValue ?? "unknown", listCredential: url,
                                                index: nil, outcome: .notChecked,
                                                problem: StatusFetchError.notHostedHere(url ?? "(no statusListCredential)").description)
        }
        return CredentialStatusReport(state: CredentialStatusReport.combine(entries), entries: entries)
    }

    /// The list id when `url` is one of ours (`<public URL>/status/<uuid>`).
    func hostedListID(_ url: String) -> StatusListID? {
        let prefix = Self.listURLPrefix(services.config.publicURL)
        guard url.hasPrefix(prefix) else { return nil }
        return StatusListID(String(url.dropFirst(prefix.count)))
    }

    static func listURLPrefix(_ publicURL: URL) -> String {
        // The list id is the last path segment (a UUID, 36 characters).
        String(IssuanceService.statusListURL(publicURL: publicURL, list: StatusListID(UUID())).dropLast(36))
    }

    /// An entry answered without its bit (not checkable), or the bit to look up.
    private enum Step {
        case decided(CredentialStatusReport.Entry)
        case lookUp(StatusAllocation)
    }

    private func entry(_ value: JSONValue, listID: StatusListID, listURL: String, issuer: String?) async -> Step {
        let purposeText = value["statusPurpose"]?.stringValue ?? "unknown"
        func notChecked(_ why: String, index: Int? = nil) -> Step {
            .decided(.init(purpose: purposeText, listCredential: listURL, index: index, outcome: .notChecked, problem: why))
        }
        guard value["type"]?.stringValue == StatusListEntry.type else {
            return notChecked("status type \(value["type"]?.stringValue ?? "(no type)") is not supported (only \(StatusListEntry.type))")
        }
        let entry: StatusListEntry
        do { entry = try StatusListEntry(json: value) } catch { return notChecked(error.description) }
        let directory = services.hostedStatus
        do {
            guard let list = try await directory.list(listID, store: services.statusLists) else {
                return notChecked("the status list \(listURL) does not exist on this platform", index: entry.index)
            }
            guard list.purpose.rawValue == entry.purpose.rawValue else {
                return notChecked("the status list \(listURL) is a \(list.purpose.rawValue) list, not \(entry.purpose.rawValue)", index: entry.index)
            }
            guard entry.statusSize == 1, entry.index >= 0, entry.index < list.capacity else {
                return notChecked("index \(entry.index) (size \(entry.statusSize)) is outside the status list \(listURL)", index: entry.index)
            }
            // Anyone can point at a list; only the list's own organisation decides its credentials' status.
            guard let issuer, try await directory.issues(as: issuer, organisation: list.organisationID, services: services) else {
                return notChecked("the status list \(listURL) belongs to another issuer than this credential's (\(issuer ?? "none"))",
                                  index: entry.index)
            }
            return .lookUp(StatusAllocation(listID: listID, purpose: list.purpose, index: entry.index))
        } catch {
            return notChecked("the status list \(listURL) could not be read: \(error)", index: entry.index)
        }
    }
}

/// Per-process facts about hosted lists that never change once written: a list's organisation,
/// purpose and capacity, and the issuer names (did:web, and did:key of each of its keys) of an
/// organisation. Keys are only ever added (rotation retires, never deletes), so a name not yet
/// known is looked up again before it is refused; nothing here can turn "revoked" into "active".
actor HostedStatusDirectory {
    struct List: Sendable {
        let organisationID: OrganisationID
        let purpose: StatusListPurpose
        let capacity: Int
    }

    /// Bounds memory against requests naming many lists; a platform has a handful per issuer.
    static let maximumEntries = 10_000
    private var lists: [StatusListID: List] = [:]
    private var issuerNames: [OrganisationID: Set<String>] = [:]

    init() {}

    /// The list, or nil when it does not exist (not remembered: it may be created later).
    func list(_ id: StatusListID, store: any StatusListStore) async throws -> List? {
        if let known = lists[id] { return known }
        guard let record = try await store.statusList(id: id) else { return nil }
        let list = List(organisationID: record.organisationID, purpose: record.purpose, capacity: record.capacity)
        if lists.count >= Self.maximumEntries { lists.removeAll(keepingCapacity: true) }
        lists[id] = list
        return list
    }

    /// Whether `issuer` names `organisation` (its did:web, or the did:key of one of its keys).
    func issues(as issuer: String, organisation: OrganisationID, services: AppServices) async throws -> Bool {
        if issuerNames[organisation]?.contains(issuer) == true { return true }
        guard let record = try await services.organisations.organisation(id: organisation) else { return false }
        var names: Set<String> = [IssuerIdentity.didWeb(publicURL: services.config.publicURL, slug: record.slug).did]
        for key in try await services.issuerKeys.issuerKeys(organisationID: organisation) {
            names.insert("did:key:" + key.publicKeyMultibase)
        }
        if issuerNames.count >= Self.maximumEntries { issuerNames.removeAll(keepingCapacity: true) }
        issuerNames[organisation] = names
        return names.contains(issuer)
    }
}
