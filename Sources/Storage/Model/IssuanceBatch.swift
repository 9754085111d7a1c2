import Foundation

public typealias IssuanceBatchID = EntityID<IssuanceBatchRecord>

/// A bulk-issuance upload: one results file of an organisation, processed row by row in the
/// background. `processing` until every row is issued or failed, then `completed`.
public struct IssuanceBatchRecord: Sendable, Hashable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case processing, completed
    }

    public var id: IssuanceBatchID
    public var organisationID: OrganisationID
    /// Who uploaded it.
    public var createdBy: UserID?
    /// The uploaded file's name, when the client gave one.
    public var fileName: String?
    /// `sha256:` of the uploaded bytes, to tell a re-upload of the same file.
    public var contentHash: String
    public var rowCount: Int
    public var state: State
    public var createdAt: Date
    public var completedAt: Date?

    public init(id: IssuanceBatchID, organisationID: OrganisationID, createdBy: UserID?, fileName: String?, contentHash: String,
                rowCount: Int, state: State = .processing, createdAt: Date, completedAt: Date? = nil) {
        self.id = id
        self.organisationID = organisationID
        self.createdBy = createdBy
        self.fileName = fileName
        self.contentHash = contentHash
        self.rowCount = rowCount
        self.state = state
        self.createdAt = createdAt
        self.completedAt = completedAt
    }
}

/// One data row of a batch: what to issue (`inputJSON`, absent when the row was refused on
/// upload) and what became of it.
public struct IssuanceBatchRow: Sendable, Hashable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case pending, issued, failed
    }

    public var batchID: IssuanceBatchID
    /// 1-based position among the data rows (the order of processing).
    public var number: Int
    /// The line of the file the row starts on.
    public var line: Int
    /// The learner as the report shows them: a DID as written, an email only as its hint
    /// (`LearnerHint`); the address itself is only in `inputJSON`, until the row is done.
    public var learner: String
    /// The award to issue, as the server encoded it (opaque to Storage); dropped once the row is
    /// issued or has failed for good, so learners' emails are not kept.
    public var inputJSON: String?
    public var state: State
    /// Why the row failed, as English text (rows stored before reason codes; new rows use `reasonCode`).
    public var reason: String?
    /// Why the row failed (or what happened on the way), as a message code the server renders in
    /// the reader's language with `reasonArguments`.
    public var reasonCode: String?
    public var reasonArguments: [String: String]
    public var credentialID: IssuedCredentialID?
    /// Tries it took (more than 1 after a transient failure was retried).
    public var attempts: Int
    public var updatedAt: Date

    public init(batchID: IssuanceBatchID, number: Int, line: Int, learner: String, inputJSON: String?, state: State,
                reason: String? = nil, reasonCode: String? = nil, reasonArguments: [String: String] = [:],
                credentialID: IssuedCredentialID? = nil, attempts: Int = 1, updatedAt: Date) {
        self.batchID = batchID
        self.number = number
        self.line = line
        self.learner = learner
        self.inputJSON = inputJSON
        self.state = state
        self.reason = reason
        self.reasonCode = reasonCode
        self.reasonArguments = reasonArguments
        self.credentialID = credentialID
        self.attempts = attempts
        self.updatedAt = updatedAt
    }
}

/// What became of a row: stored by `IssuanceBatchStore.finishRow`.
public struct IssuanceBatchRowOutcome: Sendable, Hashable {
    public var state: IssuanceBatchRow.State
    public var reasonCode: String?
    public var reasonArguments: [String: String]
    public var credentialID: IssuedCredentialID?
    public var attempts: Int
    /// Keep `inputJSON` (a row that will be tried again); otherwise it is dropped.
    public var keepsInput: Bool

    public init(state: IssuanceBatchRow.State, reasonCode: String? = nil, reasonArguments: [String: String] = [:],
                credentialID: IssuedCredentialID? = nil, attempts: Int = 1, keepsInput: Bool = false) {
        self.state = state
        self.reasonCode = reasonCode
        self.reasonArguments = reasonArguments
        self.credentialID = credentialID
        self.attempts = attempts
        self.keepsInput = keepsInput
    }
}

/// Row counts of a batch by state.
public struct IssuanceBatchCounts: Sendable, Hashable {
    public var pending: Int
    public var issued: Int
    public var failed: Int

    public init(pending: Int = 0, issued: Int = 0, failed: Int = 0) {
        self.pending = pending
        self.issued = issued
        self.failed = failed
    }

    public var total: Int { pending + issued + failed }
    public var done: Int { issued + failed }
}
