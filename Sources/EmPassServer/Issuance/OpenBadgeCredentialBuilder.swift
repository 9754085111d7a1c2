import Catalogue
import Credentials
import Crypto
import Foundation
import LinkedData
import Storage

/// Assembles the unsigned OpenBadgeCredential for an award (VC 2.0 + OB 3.0.3 + EmPass v1
/// contexts). Pure: every value it needs is passed in, so tests can pin its output.
struct OpenBadgeCredentialBuilder: Sendable {
    /// The OB 3.0 AchievementCredential JSON Schema the credential declares it follows.
    static let ob3SchemaURL = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"

    struct Parts {
        var credentialID: IssuedCredentialID
        var issuerID: String
        var issuerName: String
        var achievement: JSONValue
        var achievementID: String
        var award: AwardInput
        var testCentre: Organisation
        var validFrom: Date
        /// Salt for the hashed email (random per credential, so hashes cannot be linked).
        var identitySalt: String
        var statusEntries: [StatusListEntry]
    }

    /// VC 2.0's JSON Schema validation type (defined by the credentials v2 context, so the proof
    /// covers it; OB 3.0's `1EdTechJsonSchemaValidator2019` is defined by no context we sign with).
    static let schemaType = "JsonSchema"

    static func credentialURI(_ id: IssuedCredentialID) -> String { "urn:uuid:\(id)" }

    func build(_ p: Parts) -> JSONValue {
        var credential = JSONObject()
        credential["@context"] = .array(AchievementMapper.contexts.map(JSONValue.string))
        credential["id"] = .string(Self.credentialURI(p.credentialID))
        credential["type"] = .array([.string("VerifiableCredential"), .string("OpenBadgeCredential")])
        credential["issuer"] = .object(JSONObject([
            ("id", .string(p.issuerID)), ("type", .array([.string("Profile")])), ("name", .string(p.issuerName)),
        ]))
        credential["validFrom"] = .string(DateTimeStamp.format(p.validFrom))
        if let until = p.award.validUntil { credential["validUntil"] = .string(DateTimeStamp.format(until)) }
        if let name = p.achievement["name"] { credential["name"] = name }
        credential["credentialSubject"] = .object(subject(p))
        credential["evidence"] = .array([evidence(p)] + (p.award.rubric ?? []).map { rubricEvidence($0, centre: p.testCentre) })
        credential["credentialSchema"] = .array([.object(JSONObject([
            ("id", .string(Self.ob3SchemaURL)), ("type", .string(Self.schemaType)),
        ]))])
        let entries = p.statusEntries.map(\.json)
        if entries.count == 1 { credential["credentialStatus"] = entries[0] } else if !entries.isEmpty {
            credential["credentialStatus"] = .array(entries)
        }
        return .object(credential)
    }

    private func subject(_ p: Parts) -> JSONObject {
        var s = JSONObject()
        var identifiers: [JSONValue] = []
        switch p.award.learner {
        case .did(let did): s["id"] = .string(did)
        case .email(let email):
            identifiers.append(.object(JSONObject([
                ("type", .string("IdentityObject")),
                ("identityHash", .string(Self.identityHash(email: email, salt: p.identitySalt))),
                ("identityType", .string("emailAddress")),
                ("hashed", .bool(true)),
                ("salt", .string(p.identitySalt)),
            ])))
        }
        // OB 3.0 has no subject name; a name goes in an IdentityObject, and only with consent.
        if p.award.nameConsent, let name = p.award.learnerName?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty {
            identifiers.append(.object(JSONObject([
                ("type", .string("IdentityObject")), ("identityHash", .string(name)), ("identityType", .string("name")),
                ("hashed", .bool(false)),
            ])))
        }
        s["type"] = .array([.string("AchievementSubject")])
        if !identifiers.isEmpty { s["identifier"] = .array(identifiers) }
        s["activityEndDate"] = .string(DateTimeStamp.format(p.award.evidence.assessedAt))
        s["achievement"] = p.achievement
        s["result"] = .array(p.award.results.map { result($0, achievementID: p.achievementID) })
        return s
    }

    /// One OB3 Result per skill, pointing at the Achievement's ResultDescription and level; θ and
    /// its standard error are EmPass terms (compact IRIs under the EmPass vocabulary), present
    /// only when a test measured the skill (a practical result's evidence is its rubric).
    private func result(_ r: AwardInput.SkillResult, achievementID: String) -> JSONValue {
        let skill = SkillID(rawValue: r.skill)
        var o = JSONObject([
            ("type", .array([.string("Result")])),
            ("resultDescription", .string(AchievementMapper.resultDescriptionID(achievementID: achievementID, skill: skill))),
            ("achievedLevel", .string(AchievementMapper.levelID(achievementID: achievementID, skill: skill, level: r.level))),
            ("value", .string(String(r.level))),
            ("status", .string(r.status.rawValue)),
        ])
        if let theta = r.theta, let se = r.standardError {
            o["empass:theta"] = .number(Self.number(theta))
            o["empass:standardError"] = .number(Self.number(se))
        }
        return .object(o)
    }

    /// One Evidence per rubric assessment, in OB 3.0's own Evidence terms (name, narrative, genre),
    /// so any OB 3.0 consumer can read what the assessor scored.
    private func rubricEvidence(_ r: RubricAssessment, centre: Organisation) -> JSONValue {
        let scores = r.criteria.map { "\($0.name) \($0.score)/\($0.maximum)" }.joined(separator: ", ")
        return .object(JSONObject([
            ("type", .array([.string("Evidence")])),
            ("name", .string("Practical challenge: \(r.skill)")),
            ("genre", .string("Rubric assessment")),
            ("narrative", .string("\(r.task). Scored by an assessor of \(centre.name) on \(DateTimeStamp.format(r.assessedAt)): "
                                  + "\(scores) (total \(r.total) of \(r.maximum)).")),
        ]))
    }

    private func evidence(_ p: Parts) -> JSONValue {
        let e = p.award.evidence
        var o = JSONObject()
        o["type"] = .array([.string("Evidence")])
        o["name"] = .string("EmPass assessment")
        switch p.award.awardedBy {
        case .automatic:
            o["narrative"] = .string("Awarded on the results of the EmPass situational-judgement assessment (form \(e.formID)).")
            o["empass:awardedBy"] = .string("automatic")
        case .assessor(let assessor, let narrative):
            o["narrative"] = .string(narrative)
            o["empass:awardedBy"] = .string("assessor")
            o["empass:assessorId"] = .string("urn:uuid:\(assessor)")
        case .bulkUpload(let uploader, let batch):
            o["narrative"] = .string("Issued from a results file uploaded by the issuer (batch \(batch)).")
            o["empass:awardedBy"] = .string("bulkUpload")
            o["empass:assessorId"] = .string("urn:uuid:\(uploader)")
        }
        o["empass:formId"] = .string(e.formID)
        o["empass:itemBankVersion"] = .string(e.itemBankVersion)
        o["empass:measurementModel"] = .string(e.model)
        o["empass:assessmentDate"] = .string(DateTimeStamp.format(e.assessedAt))
        o["empass:testCentre"] = .string(p.testCentre.name)
        o["empass:testCentreId"] = .string("urn:uuid:\(p.testCentre.id)")
        o["supervisionAndIdentityVerification"] = .string(e.supervision.rawValue)
        return .object(o)
    }

    /// OB 3.0 IdentityHash: `sha256$` + hex SHA-256 of the identifier followed by the salt.
    static func identityHash(email: String, salt: String) -> String {
        let normalised = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let digest = SHA256.hash(data: Array((normalised + salt).utf8))
        return "sha256$" + digest.map { String(format: "%02x", $0) }.joined()
    }

    /// A JSON number for a finite double, in the shortest text that reads back the same.
    static func number(_ value: Double) -> JSONNumber {
        JSONNumber(text: "\(value)".replacingOccurrences(of: "e+", with: "e"))
    }
}
