import Foundation
import Logging
import Storage

/// The batches this process is working on, so a batch is never processed twice at once here
/// (another process may still pick it up: the per-row idempotency keys make that harmless).
public actor BulkIssuanceRuns {
    private var running: Set<IssuanceBatchID> = []

    public init() {}

    func claim(_ id: IssuanceBatchID) -> Bool { running.insert(id).inserted }
    func release(_ id: IssuanceBatchID) { running.remove(id) }
}

/// Issues a batch's pending rows in row order through `IssuanceService`, each with the
/// idempotency key `bulk:<batch>:<row>`: after a crash or restart between issuing a row and
/// recording it, issuing it again returns the credential already made, never a second one.
/// A row that cannot be issued is marked failed with the reason and the next row goes on; a
/// database failure on a row is retried (bounded) before the row is reported.
struct BulkIssuanceProcessor: Sendable {
    let services: AppServices

    var store: any IssuanceBatchStore { services.issuanceBatches }

    static func idempotencyKey(batch: IssuanceBatchID, row: Int) -> String { "bulk:\(batch):\(row)" }

    /// Passes over a batch that paused because the database failed outside a row (reading the
    /// batch, recording an outcome), before it is left to the next start or retry.
    static let maximumPasses = 3

    /// Processes the batch in the background (returns at once). A pass the database interrupted
    /// is run again after 1 s, then 2 s (bounded); a stop (cancellation) is not.
    func start(_ id: IssuanceBatchID) {
        let processor = self
        Task.detached {
            for pass in 1...Self.maximumPasses {
                guard case .paused = await processor.run(id) else { return }
                guard pass < Self.maximumPasses else { return }
                try? await Task.sleep(for: .seconds(pass))
            }
        }
    }

    /// `resumeUnfinished` in the background, so the server answers while old batches finish.
    func startUnfinished() {
        let processor = self
        Task.detached { await processor.resumeUnfinished() }
    }

    /// Processes every unfinished batch (at start-up: batches a stop interrupted). Returns how
    /// many batches it completed.
    @discardableResult
    func resumeUnfinished() async -> Int {
        var completed = 0
        do {
            for batch in try await store.unfinishedBatches() where await process(batch.id) { completed += 1 }
        } catch {
            services.logger.warning("unfinished issuance batches could not be read: \(error)")
        }
        return completed
    }

    /// How a pass over a batch ended.
    enum PassOutcome: Sendable, Equatable {
        case complete
        /// Another run in this process has it, or it does not exist.
        case notRun
        /// The database failed outside a row; rows left pending.
        case paused
        /// Stopped (cancellation): rows left pending for the next start.
        case stopped
    }

    /// Issues the batch's pending rows; true when the batch is complete afterwards.
    @discardableResult
    func process(_ id: IssuanceBatchID) async -> Bool {
        await run(id) == .complete
    }

    func run(_ id: IssuanceBatchID) async -> PassOutcome {
        guard await services.bulkIssuanceRuns.claim(id) else { return .notRun }
        let outcome = await processClaimed(id)
        await services.bulkIssuanceRuns.release(id)
        return outcome
    }

    private func processClaimed(_ id: IssuanceBatchID) async -> PassOutcome {
        do {
            guard let batch = try await store.batch(id: id),
                  let organisation = try await services.organisations.organisation(id: batch.organisationID) else { return .notRun }
            for row in try await store.rows(batchID: id) where row.state == .pending {
                try Task.checkCancellation()
                try await issue(row, of: batch, organisation: organisation)
            }
            let counts = try await store.counts(batchID: id)
            guard counts.pending == 0 else { return .paused }
            if try await store.completeBatch(id: id, at: services.clock.now()) {
                try await services.audit.record(.issuanceBatchCompleted, actor: batch.createdBy, target: "issuanceBatch:\(id)", context: nil,
                                                details: ["rows": String(counts.total), "issued": String(counts.issued),
                                                          "failed": String(counts.failed), "organisation": organisation.slug])
            }
            return .complete
        } catch is CancellationError {
            services.logger.warning("issuance batch \(id) stopped; it resumes at the next start")
            return .stopped
        } catch {
            // The database failed outside a row: the rows stay pending; `start` runs another
            // pass shortly, and the batch also resumes at the next start (or retry).
            services.logger.warning("issuance batch \(id) paused: \(error)")
            return .paused
        }
    }

    /// Tries per row when the database (or anything that is not a refusal of the row) fails:
    /// a brief outage costs a pause, not the row.
    static let maximumAttempts = 3

    /// Pause before attempt `attempt` (2, 3, …): 50 ms, 100 ms, …
    static func backoff(before attempt: Int) -> Duration { .milliseconds(50 << (attempt - 2)) }

    /// One row: issued (with its credential), refused (with the reason's code; the input is
    /// dropped), or — after `maximumAttempts` failures that were not refusals — failed as
    /// `transient_failure` keeping its input, so "retry" can put it back. Throws only when the
    /// outcome cannot be recorded (the batch then pauses and resumes later).
    private func issue(_ row: IssuanceBatchRow, of batch: IssuanceBatchRecord, organisation: Organisation) async throws {
        var outcome = IssuanceBatchRowOutcome(state: .failed)
        var attempt = 0
        while outcome.state == .failed && outcome.reasonCode == nil {
            attempt += 1
            do {
                try await services.bulkIssuanceFaults?.beforeAttempt(batch.id, row.number, attempt)
                guard let json = row.inputJSON else { throw BulkRowReason.noAward }
                let award: AwardInput
                do { award = try BulkIssuancePlanner.decode(json) } catch { throw BulkRowReason.unreadableRow }
                let issued = try await services.issuance.issue(
                    award, organisation: organisation,
                    options: IssuanceOptions(idempotencyKey: Self.idempotencyKey(batch: batch.id, row: row.number)))
                if !issued.replayed {
                    try await services.audit.record(.credentialIssued, actor: batch.createdBy, target: "credential:\(issued.record.id)",
                                                    context: nil, details: ["via": "bulk", "batch": batch.id.description,
                                                                            "row": String(row.number), "organisation": organisation.slug])
                }
                try await services.bulkIssuanceFaults?.afterIssue(batch.id, row.number, issued.record.id)
                outcome = IssuanceBatchRowOutcome(state: .issued, credentialID: issued.record.id, attempts: attempt)
            } catch let reason as BulkRowReason {
                outcome = IssuanceBatchRowOutcome(state: .failed, reasonCode: reason.code, reasonArguments: reason.arguments, attempts: attempt)
            } catch let error as IssuanceError {
                let reason = BulkRowReason(error)
                outcome = IssuanceBatchRowOutcome(state: .failed, reasonCode: reason.code, reasonArguments: reason.arguments, attempts: attempt)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // Not a refusal of the row: the database (or the process) failed. The row's
                // idempotency key makes a retry return what an attempt may already have issued.
                services.logger.warning("issuance batch \(batch.id) row \(row.number) attempt \(attempt) failed: \(error)")
                if attempt >= Self.maximumAttempts {
                    let reason = BulkRowReason.transient(attempts: attempt)
                    outcome = IssuanceBatchRowOutcome(state: .failed, reasonCode: reason.code, reasonArguments: reason.arguments,
                                                      attempts: attempt, keepsInput: true)
                } else {
                    try await Task.sleep(for: Self.backoff(before: attempt + 1))
                }
            }
        }
        try await services.bulkIssuanceFaults?.beforeRecord(batch.id, row.number)
        try await store.finishRow(batchID: batch.id, number: row.number, outcome, at: services.clock.now())
    }

    /// Puts the batch's rows that failed on the database back to pending and processes the batch
    /// again in the background; returns how many rows.
    func retryTransientFailures(_ id: IssuanceBatchID) async throws -> Int {
        let count = try await store.retryKeptRows(batchID: id, at: services.clock.now())
        if count > 0 {
            try await store.reopenBatch(id: id)
            start(id)
        }
        return count
    }
}

/// Test seam: `beforeAttempt` runs before each attempt at a bulk row, `afterIssue` after its
/// credential is stored, `beforeRecord` before the row's outcome is written. A throw in the first
/// two counts as a database failure of the row (retried); in `beforeRecord` as one outside the
/// row (the pass pauses). A `CancellationError` stops the batch there, as a crash would.
public struct BulkIssuanceFaults: Sendable {
    public var beforeAttempt: @Sendable (_ batch: IssuanceBatchID, _ row: Int, _ attempt: Int) async throws -> Void
    public var afterIssue: @Sendable (_ batch: IssuanceBatchID, _ row: Int, _ credential: IssuedCredentialID) async throws -> Void
    public var beforeRecord: @Sendable (_ batch: IssuanceBatchID, _ row: Int) async throws -> Void

    public init(beforeAttempt: @escaping @Sendable (IssuanceBatchID, Int, Int) async throws -> Void = { _, _, _ in },
                afterIssue: @escaping @Sendable (IssuanceBatchID, Int, IssuedCredentialID) async throws -> Void = { _, _, _ in },
                beforeRecord: @escaping @Sendable (IssuanceBatchID, Int) async throws -> Void = { _, _ in }) {
        self.beforeAttempt = beforeAttempt
        self.afterIssue = afterIssue
        self.beforeRecord = beforeRecord
    }
}

extension AppServices {
    /// Bulk-issuance batches (the one SQL store over this database).
    var issuanceBatches: any IssuanceBatchStore { SQLStore(database: database, random: random) }
}
