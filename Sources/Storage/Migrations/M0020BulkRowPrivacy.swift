import Foundation
import SQLKit

/// Bulk-issuance rows stop keeping learners' email addresses and English-only reasons:
/// - `reason_code` + `reason_args` (a JSON object of parameters) replace the reason text for new
///   rows, so the report is written in the reader's language; `reason` stays for rows written
///   before (their text is kept as it was);
/// - `attempts`: how many tries a row took (a transient database failure is retried);
/// - existing rows: an email in `learner` becomes its hint (`m•••@example.org`), and a row that
///   is done (issued or failed) drops `input_json`, which held the email only to issue it.
///   Pending rows keep their input so they are still issued; outcomes, reasons and credential
///   links are untouched. Done in Swift: the masking is not SQL both engines share.
let m0020BulkRowPrivacy = Migration(id: 20, name: "bulk rows: reason codes, attempts, no learner emails") { database, _ in
    try await database.raw("ALTER TABLE issuance_batch_rows ADD COLUMN reason_code TEXT").run()
    try await database.raw("ALTER TABLE issuance_batch_rows ADD COLUMN reason_args TEXT").run()
    try await database.raw("ALTER TABLE issuance_batch_rows ADD COLUMN attempts BIGINT NOT NULL DEFAULT 1").run()
    let rows = try await database.raw("SELECT batch_id, row_no, learner, state FROM issuance_batch_rows").all()
    for row in rows {
        let batch = try row.decode(column: "batch_id", as: String.self)
        let number = try row.decode(column: "row_no", as: Int.self)
        let learner = try row.decode(column: "learner", as: String.self)
        let done = try row.decode(column: "state", as: String.self) != "pending"
        let hint = LearnerHint.hint(learner)
        guard hint != learner || done else { continue }
        if done {
            try await database.raw("""
                UPDATE issuance_batch_rows SET learner = \(bind: hint), input_json = NULL
                WHERE batch_id = \(bind: batch) AND row_no = \(bind: number)
                """).run()
        } else {
            try await database.raw("""
                UPDATE issuance_batch_rows SET learner = \(bind: hint) WHERE batch_id = \(bind: batch) AND row_no = \(bind: number)
                """).run()
        }
    }
}

/// What a report may show of a learner: a DID as it is (a public identifier, the credential's
/// subject), an email only as its first character and domain, so rows can be told apart without
/// keeping the address.
public enum LearnerHint {
    public static func hint(_ learner: String) -> String {
        guard !learner.lowercased().hasPrefix("did:"), let at = learner.lastIndex(of: "@") else { return learner }
        let local = learner[..<at]
        return (local.first.map(String.init) ?? "") + "•••" + learner[at...]
    }
}
