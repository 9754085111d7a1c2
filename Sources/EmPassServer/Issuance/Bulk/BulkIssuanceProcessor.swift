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
/// A row that cannot be issued is marked failed with the reason and the next row goes on.
struct BulkIssuanceProcessor: Sendable {
    let services: AppServices

    var store: any IssuanceBatchStore { services.issuanceBatches }

    static func idempotencyKey(batch: IssuanceBatchID, row: Int) -> String { "bulk:\(batch):\(row)" }

    /// Processes the batch in the background (returns at once).
    func start(_ id: IssuanceBatchID) {
        let processor = self
        Task.detached { await processor.process(id) }
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

    /// Issues the batch's pending rows; true when the batch is complete afterwards.
    @discardableResult
    func process(_ id: IssuanceBatchID) async -> Bool {
        guard await services.bulkIssuanceRuns.claim(id) else { return false }
        let complete = await processClaimed(id)
        await services.bulkIssuanceRuns.release(id)
        return complete
    }

    private func processClaimed(_ id: IssuanceBatchID) async -> Bool {
        do {
            guard let batch = try await store.batch(id: id),
                  let organisation = try await services.organisations.organisation(id: batch.organisationID) else { return false }
            for row in try await store.rows(batchID: id) where row.state == .pending {
                try Task.checkCancellation()
                try await issue(row, of: batch, organisation: organisation)
            }
            let counts = try await store.counts(batchID: id)
            guard counts.pending == 0 else { return false }
            if try await store.completeBatch(id: id, at: services.clock.now()) {
                try await services.audit.record(.issuanceBatchCompleted, actor: batch.createdBy, target: "issuanceBatch:\(id)", context: nil,
                                                details: ["rows": String(counts.total), "issued": String(counts.issued),
                                                          "failed": String(counts.failed), "organisation": organisation.slug])
            }
            return true
        } catch {
            // The database is unreachable or the task was cancelled: the rows stay pending and
            // the batch resumes at the next start (or the next call).
            services.logger.warning("issuance batch \(id) paused: \(error)")
            return false
        }
    }

    /// One row: issued (with its credential) or failed (with the reason). Throws only when the
    /// outcome cannot be recorded.
    private func issue(_ row: IssuanceBatchRow, of batch: IssuanceBatchRecord, organisation: Organisation) async throws {
        let outcome: (IssuanceBatchRow.State, String?, IssuedCredentialID?)
        do {
            guard let json = row.inputJSON else { throw IssuanceError.invalidCredential("the row has no award") }
            let award = try BulkIssuancePlanner.decode(json)
            let issued = try await services.issuance.issue(
                award, organisation: organisation,
                options: IssuanceOptions(idempotencyKey: Self.idempotencyKey(batch: batch.id, row: row.number)))
            if !issued.replayed {
                try await services.audit.record(.credentialIssued, actor: batch.createdBy, target: "credential:\(issued.record.id)",
                                                context: nil, details: ["via": "bulk", "batch": batch.id.description,
                                                                        "row": String(row.number), "organisation": organisation.slug])
            }
            outcome = (.issued, nil, issued.record.id)
        } catch let error as IssuanceError {
            outcome = (.failed, error.description, nil)
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as DecodingError {
            outcome = (.failed, "the stored row cannot be read: \(error)", nil)
        }
        try await store.updateRow(batchID: batch.id, number: row.number, state: outcome.0, reason: outcome.1,
                                  credentialID: outcome.2, at: services.clock.now())
    }
}

extension AppServices {
    /// Bulk-issuance batches (the one SQL store over this database).
    var issuanceBatches: any IssuanceBatchStore { SQLStore(database: database, random: random) }
}
