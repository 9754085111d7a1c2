import LinkedData

/// The VC data model generation a credential follows, from its first @context entry.
public enum CredentialModel: String, Sendable, Codable {
    case v2 = "https://www.w3.org/ns/credentials/v2"
    case v1 = "https://www.w3.org/2018/credentials/v1"
}

/// Structural rules of VC 2.0 (and VC 1.1 for legacy credentials) and Open Badges 3.0 that need
/// no cryptography: required members and their forms. Each broken rule is its own failed check.
enum CredentialShape {
    static let openBadgeTypes: Set<String> = ["OpenBadgeCredential", "AchievementCredential", "EndorsementCredential"]
    static let openBadgeContextPrefix = "https://purl.imsglobal.org/spec/ob/v3p0/"

    /// A credential's `type` values (a string or an array of strings).
    static func types(_ credential: JSONObject) -> [String]? {
        switch credential["type"] {
        case .string(let t): [t]
        case .array(let items): items.compactMap(\.stringValue)
        default: nil
        }
    }

    static func contextURLs(_ credential: JSONObject) -> [String] {
        switch credential["@context"] {
        case .string(let s): [s]
        case .array(let items): items.compactMap(\.stringValue)
        default: []
        }
    }

    /// `issuer` is a URL string or an object whose `id` is one.
    static func issuerID(_ credential: JSONObject) -> String? {
        switch credential["issuer"] {
        case .string(let s): s
        case .object(let o): o["id"]?.stringValue
        default: nil
        }
    }

    static func isURL(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
        let scheme = s[..<colon]
        return scheme.first!.isLetter && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
            && !s.contains(where: \.isWhitespace)
    }

    static func isOpenBadge(_ credential: JSONObject) -> Bool {
        (types(credential) ?? []).contains(where: openBadgeTypes.contains)
            || contextURLs(credential).contains { $0.hasPrefix(openBadgeContextPrefix) }
    }

    static func check(_ credential: JSONObject, model: CredentialModel, into report: inout VerificationReport) {
        var failures: [(VerificationCheck.Reason, String)] = []
        if let types = types(credential) {
            if !types.contains("VerifiableCredential") {
                failures.append((.missingVerifiableCredentialType, "type does not include VerifiableCredential"))
            }
            if isOpenBadge(credential), !types.contains(where: openBadgeTypes.contains) {
                failures.append((.missingOpenBadgeType, "an Open Badges 3.0 credential's type must include OpenBadgeCredential, AchievementCredential or EndorsementCredential"))
            }
        } else {
            failures.append((.missingType, "type is missing or not a string or array of strings"))
        }
        if credential["issuer"] == nil {
            failures.append((.missingIssuer, "issuer is missing"))
        } else if let issuer = issuerID(credential), isURL(issuer) {
            // fine
        } else {
            failures.append((.invalidIssuer, "issuer must be a URL or an object whose id is a URL"))
        }
        switch credential["credentialSubject"] {
        case .object: break
        case .array(let subjects) where !subjects.isEmpty && subjects.allSatisfy({ $0.objectValue != nil }): break
        case .none: failures.append((.missingCredentialSubject, "credentialSubject is missing"))
        default: failures.append((.invalidCredentialSubject, "credentialSubject must be an object or a non-empty array of objects"))
        }
        switch model {
        case .v2:
            if let value = credential["validFrom"] {
                if value.stringValue.flatMap({ DateTimeStamp.parse($0) }) == nil {
                    failures.append((.invalidValidFrom, "validFrom is not an XML Schema dateTimeStamp (e.g. 2024-01-01T00:00:00Z)"))
                }
            } else if isOpenBadge(credential) {
                failures.append((.invalidValidFrom, "validFrom is required in an Open Badges 3.0 credential"))
            }
            if let value = credential["validUntil"], value.stringValue.flatMap({ DateTimeStamp.parse($0) }) == nil {
                failures.append((.invalidValidUntil, "validUntil is not an XML Schema dateTimeStamp"))
            }
        case .v1:
            if let value = credential["issuanceDate"] {
                if value.stringValue.flatMap({ DateTimeStamp.parse($0, requireTimeZone: false) }) == nil {
                    failures.append((.invalidIssuanceDate, "issuanceDate is not an XML Schema dateTime"))
                }
            } else {
                failures.append((.missingIssuanceDate, "issuanceDate is required in a VC 1.1 credential"))
            }
            if let value = credential["expirationDate"], value.stringValue.flatMap({ DateTimeStamp.parse($0, requireTimeZone: false) }) == nil {
                failures.append((.invalidExpirationDate, "expirationDate is not an XML Schema dateTime"))
            }
        }
        if failures.isEmpty {
            let kind = isOpenBadge(credential) ? "VC \(model == .v2 ? "2.0" : "1.1") + Open Badges 3.0" : "VC \(model == .v2 ? "2.0" : "1.1")"
            report.add(.shape, .pass, .ok, "required \(kind) members are present and well formed")
        } else {
            for (reason, message) in failures { report.add(.shape, .fail, reason, message) }
        }
    }
}
