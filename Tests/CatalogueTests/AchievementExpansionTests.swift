import Foundation
import LinkedData
import Testing
@testable import Catalogue

/// The mapped Achievement, inside a minimal OpenBadgeCredential with the VC 2.0, OB 3.0.3 and
/// EmPass v1 contexts, must expand without losing a single term: every key of the compact document
/// (language-map keys aside) must come out as the IRI its term defines — not dropped, and not
/// caught by VC 2.0's `@vocab` (`https://www.w3.org/ns/credentials/issuer-dependent#`), which is
/// how an undefined term would otherwise survive unnoticed.
@Suite("Achievement JSON-LD expansion")
struct AchievementExpansionTests {
    static let issuerDependent = "https://www.w3.org/ns/credentials/issuer-dependent#"

    static func credential() throws -> JSONValue {
        let achievement = try AchievementMapper(framework: Fixtures.framework())
            .achievement(for: Fixtures.flagship(), id: AchievementMappingTests.achievementID)
        var issuer = JSONObject()
        issuer["id"] = .string("did:example:ja-europe")
        issuer["type"] = .array([.string("Profile")])
        issuer["name"] = .string("JA Europe")
        var subject = JSONObject()
        subject["type"] = .array([.string("AchievementSubject")])
        subject["achievement"] = achievement
        var credential = JSONObject()
        credential["@context"] = .array(AchievementMapper.contexts.map(JSONValue.string))
        credential["id"] = .string("urn:uuid:2f0f6c1e-8d1c-4c0e-9f5a-0a6b1d3e4f50")
        credential["type"] = .array([.string("VerifiableCredential"), .string("OpenBadgeCredential")])
        credential["issuer"] = .object(issuer)
        credential["validFrom"] = .string("2026-01-10T09:00:00Z")
        credential["name"] = .string("EmPass – Employability Skills Pass")
        credential["credentialSubject"] = .object(subject)
        return .object(credential)
    }

    static func expand(_ document: JSONValue) throws -> JSONValue {
        try JSONLDProcessor(loader: EmPassContext.documentLoader()).expand(document)
    }

    /// Term → the absolute IRIs its definitions give, over VC 2.0, OB 3.0.3 and EmPass v1.
    static func termIRIs() throws -> (iris: [String: Set<String>], languageMaps: Set<String>) {
        var defs: [String: [Any]] = [:]
        Conformance.terms(try Conformance.context("credentials-v2.jsonld"), into: &defs)
        Conformance.terms(try Conformance.context("ob-v3p0-context-3.0.3.validator-2026.json"), into: &defs)
        var empass: [String: [Any]] = [:]
        Conformance.terms(try Conformance.empassContext(), into: &empass)
        defs.merge(empass) { $0 + $1 }
        var iris: [String: Set<String>] = [:]
        var languageMaps: Set<String> = []
        for (term, definitions) in defs {
            for def in definitions {
                let raw = (def as? String) ?? ((def as? [String: Any])?["@id"] as? String)
                guard var iri = raw else { continue }
                if iri.hasPrefix("empass:") { iri = EmPassContext.vocabulary + iri.dropFirst("empass:".count) }
                if iri.contains("://") { iris[term, default: []].insert(iri) }
                if (def as? [String: Any])?["@container"] as? String == "@language" { languageMaps.insert(term) }
            }
        }
        return (iris, languageMaps)
    }

    @Test func expansionDropsNoTerm() throws {
        let compact = try Self.credential()
        let expanded = try Self.expand(compact)
        let (iris, languageMaps) = try Self.termIRIs()

        var compactCounts: [String: Int] = [:]
        func walkCompact(_ value: JSONValue) {
            switch value {
            case .object(let o):
                for (key, child) in o where key != "@context" {
                    if !["id", "type"].contains(key) { compactCounts[key, default: 0] += 1 }
                    if !languageMaps.contains(key) { walkCompact(child) }
                }
            case .array(let items): items.forEach(walkCompact)
            default: break
            }
        }
        walkCompact(compact)

        var expandedCounts: [String: Int] = [:]
        func walkExpanded(_ value: JSONValue) {
            switch value {
            case .object(let o):
                for (key, child) in o {
                    if !key.hasPrefix("@") { expandedCounts[key, default: 0] += 1 }
                    walkExpanded(child)
                }
            case .array(let items): items.forEach(walkExpanded)
            default: break
            }
        }
        walkExpanded(expanded)

        let fallback = expandedCounts.keys.filter { $0.hasPrefix(Self.issuerDependent) }
        #expect(fallback.isEmpty, "terms caught by the VC 2.0 @vocab: \(fallback.sorted())")
        #expect(expandedCounts.keys.allSatisfy { $0.contains("://") }, "every property expands to an absolute IRI")

        var dropped: [String] = []
        for (key, count) in compactCounts {
            guard let candidates = iris[key] else { dropped.append("\(key) (no definition)"); continue }
            let present = candidates.filter { expandedCounts[$0] != nil }
            if present.isEmpty { dropped.append(key); continue }
            // A key with a single possible IRI must appear as often expanded as compact.
            if candidates.count == 1, let iri = candidates.first, compactCounts.filter({ iris[$0.key] == [iri] }).values.reduce(0, +) != expandedCounts[iri] {
                dropped.append("\(key) (\(count)× compact, \(expandedCounts[iri] ?? 0)× expanded)")
            }
        }
        #expect(dropped.isEmpty, "\(dropped.sorted())")
        #expect(compactCounts.count > 60, "the walk saw the whole achievement")
    }

    @Test func emPassTermsExpandUnderTheVocabulary() throws {
        let text = CatalogueJSONWriter.write(try Self.expand(Self.credential()), pretty: false)
        for term in ["ectsCredits", "workloadHours", "eqfLevel", "participationForm", "supervisionAndIdentityVerification", "stackability", "awardingBody"] {
            #expect(text.contains("\"\(EmPassContext.vocabulary)\(term)\""), "\(term)")
        }
        #expect(text.contains("\"https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievementType\""))
    }
}
