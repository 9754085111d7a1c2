import Foundation

/// Every security-relevant act. Append new cases at will; never rename one (the raw value is stored).
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    case login
    case loginFailed
    case loginThrottled
    case logout
    case userCreated
    case roleChanged
    case apiTokenCreated
    case apiTokenRevoked
    case adminTokenEnsured
    case demoDataSeeded
    case specDraftCreated
    case specDraftEdited
    case specPublished
    case specRevised
    case qaRecordCreated
    case qaRecordUpdated
    case qaRecordWithdrawn
    case cohortCreated
    case learnersEnrolled
    case sittingOpened
    case sittingClosed
    case awardDecided
    case practicalScored
    case credentialIssued
    case credentialRevoked
    case credentialSuspended
    case credentialUnsuspended
    case issuerKeyRotated
    case shareLinkCreated
    case shareLinkRevoked
    case issuanceBatchCreated
    case issuanceBatchCompleted
    case issuanceSettingsChanged
}

/// One entry of the append-only audit log. There is no API to change or delete one.
public struct AuditEvent: Sendable, Codable, Hashable {
    public var id: AuditEventID
    public var occurredAt: Date
    public var action: AuditAction
    /// Who did it (nil: anonymous or the system).
    public var actorUserID: UserID?
    /// What it was done to, e.g. `user:<uuid>`, `apiToken:<uuid>`, `email:<address>`.
    public var target: String?
    public var ip: String?
    public var requestID: String?
    /// A JSON object with details (serialised text).
    public var detailsJSON: String

    public init(id: AuditEventID, occurredAt: Date, action: AuditAction, actorUserID: UserID?, target: String?,
                ip: String?, requestID: String?, detailsJSON: String = "{}") {
        self.id = id
        self.occurredAt = occurredAt
        self.action = action
        self.actorUserID = actorUserID
        self.target = target
        self.ip = ip
        self.requestID = requestID
        self.detailsJSON = detailsJSON
    }
}
