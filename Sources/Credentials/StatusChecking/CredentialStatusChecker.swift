import LinkedData

/// Checks a credential's `credentialStatus` (Bitstring Status List 1.0 §3.2, "Validate
/// Algorithm"): for each entry, fetch its list credential, verify that credential's proof and
/// validity with the same verifier and key resolution as any credential, require that it was
/// issued by the credential's own issuer, decode the list and read the entry's bit(s). Each list
/// is fetched once per check. Nothing is assumed: an entry that cannot be checked says why.
public struct CredentialStatusChecker: Sendable {
    public let fetcher: any StatusListFetcher
    public let verifier: CredentialVerifier
    /// Largest decompressed list accepted (the fetcher bounds the download itself).
    public let maximumListBytes: Int

    public init(fetcher: any StatusListFetcher, verifier: CredentialVerifier,
                maximumListBytes: Int = StatusListEncoding.maximumDecodedBytes) {
        self.fetcher = fetcher
        self.verifier = verifier
        self.maximumListBytes = maximumListBytes
    }

    public func check(_ credential: JSONObject) async -> CredentialStatusReport {
        let issuer = CredentialShape.issuerID(credential)
        return await Self.report(for: credential) { await load($0, issuer: issuer) }
    }

    /// The report for a credential's `credentialStatus` entries, each list loaded once through
    /// `load` (which fetches it, verifies it and binds it to the credential's issuer — over HTTP
    /// here, through the operator's documents on the server). What cannot be loaded or read is
    /// "not checked", with the reason.
    public static func report(
        for credential: JSONObject,
        load: (String) async -> Result<BitstringStatusListCredential, StatusListLoadFailure>
    ) async -> CredentialStatusReport {
        let values: [JSONValue]
        switch credential["credentialStatus"] {
        case nil: return CredentialStatusReport(state: .noStatus, entries: [])
        case .array(let items)?: values = items
        case let value?: values = [value]
        }
        var lists: [String: Result<BitstringStatusListCredential, StatusListLoadFailure>] = [:]
        var entries: [CredentialStatusReport.Entry] = []
        for value in values {
            let type = value["type"]?.stringValue ?? "(no type)"
            let purposeText = value["statusPurpose"]?.stringValue ?? "unknown"
            let url = value["statusListCredential"]?.stringValue
            guard type == StatusListEntry.type else {
                entries.append(.init(purpose: purposeText, listCredential: url, index: nil, outcome: .notChecked,
                                     problem: "status type \(type) is not supported (only \(StatusListEntry.type))"))
                continue
            }
            let entry: StatusListEntry
            do { entry = try StatusListEntry(json: value) } catch {
                entries.append(.init(purpose: purposeText, listCredential: url, index: nil, outcome: .notChecked,
                                     problem: error.description))
                continue
            }
            let list: Result<BitstringStatusListCredential, StatusListLoadFailure>
            if let cached = lists[entry.listCredential] { list = cached } else {
                list = await load(entry.listCredential)
                lists[entry.listCredential] = list
            }
            switch list {
            case .failure(let problem):
                entries.append(.init(purpose: entry.purpose.rawValue, listCredential: entry.listCredential, index: entry.index,
                                     outcome: .notChecked, problem: problem.message))
            case .success(let statusList):
                do {
                    let result = try statusList.status(of: entry)
                    entries.append(.init(purpose: entry.purpose.rawValue, listCredential: entry.listCredential, index: entry.index,
                                         outcome: result.isSet ? .set : .clear, problem: nil))
                } catch {
                    entries.append(.init(purpose: entry.purpose.rawValue, listCredential: entry.listCredential, index: entry.index,
                                         outcome: .notChecked, problem: error.description))
                }
            }
        }
        return CredentialStatusReport(state: CredentialStatusReport.combine(entries), entries: entries)
    }


    private func load(_ url: String, issuer: String?) async -> Result<BitstringStatusListCredential, StatusListLoadFailure> {
        let bytes: [UInt8]
        do { bytes = try await fetcher.fetchStatusList(at: url) } catch {
            return .failure(StatusListLoadFailure("could not fetch the status list \(url): \(error)"))
        }
        let document: JSONValue
        do { document = try verifier.parser.parse(bytes) } catch {
            return .failure(StatusListLoadFailure("the status list \(url) is not JSON: \(error)"))
        }
        let report = await verifier.verify(document)
        guard report.isValid else {
            let why = report.failures.map(\.message).joined(separator: "; ")
            return .failure(StatusListLoadFailure("the status list \(url) did not verify: \(why)"))
        }
        let list: BitstringStatusListCredential
        do { list = try BitstringStatusListCredential(json: document, maximumBytes: maximumListBytes) } catch {
            return .failure(StatusListLoadFailure("the status list \(url) is unusable: \(error)"))
        }
        // Anyone can publish a list; only the credential's issuer may decide its status.
        guard let issuer, list.issuer == issuer else {
            return .failure(StatusListLoadFailure("the status list \(url) was issued by \(list.issuer), not by the credential's issuer \(issuer ?? "(none)")"))
        }
        return .success(list)
    }
}

extension VerificationReport {
    /// Adds the status outcome as checks: revoked and suspended fail; "could not check" fails too
    /// (with its own reason), so an unchecked credential is never reported valid.
    public mutating func add(status: CredentialStatusReport) {
        switch status.state {
        case .noStatus:
            add(.status, .pass, .noStatusDeclared, "the credential declares no status list")
        case .active:
            add(.status, .pass, .ok, "not revoked or suspended (\(status.entries.count) status \(status.entries.count == 1 ? "entry" : "entries") checked)")
        case .revoked:
            add(.status, .fail, .revoked, "the issuer has revoked this credential")
        case .suspended:
            add(.status, .fail, .suspended, "the issuer has suspended this credential")
        case .couldNotCheck:
            add(.status, .fail, .statusNotChecked, "the status could not be checked: " + status.problems.joined(separator: "; "))
        }
    }
}

/// Why a status list could not be used (fetched, parsed, verified or bound to the issuer).
public struct StatusListLoadFailure: Error, Hashable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
