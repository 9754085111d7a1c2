import Foundation
import SQLKit

extension SQLStore: CredentialStore {
    /// Random draws in one list before it is sealed as crowded. With random indexes the chance
    /// that 8 draws in a row hit taken entries is f⁸ at fill f, so lists are sealed at around a
    /// third full and allocation stays one or two statements.
    static let drawsBeforeSealing = 8

    public func issue(credentialID: IssuedCredentialID, organisationID: OrganisationID, idempotencyKey: String?,
                      purposes: [StatusListPurpose], at date: Date,
                      build: @escaping @Sendable ([StatusAllocation]) async throws -> IssuedCredentialRecord) async throws -> IssuedCredentialRecord {
        precondition(Set(purposes).count == purposes.count, "one status entry per purpose")
        let what = "credential with idempotency key \(idempotencyKey ?? "-") of organisation \(organisationID)"
        var issued: IssuedCredentialRecord?
        try await insertingUnique(what) {
            issued = try await database.transaction { [self] session in
                // Usually one statement claims an index in every purpose's open list; a purpose it
                // could not serve (no open list yet, a taken index, a crowded list) takes the long way.
                var allocations = try await allocateInOpenLists(in: session, organisationID: organisationID, purposes: purposes,
                                                                credentialID: credentialID)
                for purpose in purposes where !allocations.contains(where: { $0.purpose == purpose }) {
                    allocations.append(try await allocate(in: session, organisationID: organisationID, purpose: purpose,
                                                          credentialID: credentialID, at: date))
                }
                allocations.sort { purposes.firstIndex(of: $0.purpose)! < purposes.firstIndex(of: $1.purpose)! }
                var record = try await build(allocations)
                guard record.id == credentialID, record.organisationID == organisationID else {
                    throw StorageError.corruptRow("the built credential is not \(credentialID) of \(organisationID)")
                }
                record.statusEntries = allocations
                record.idempotencyKey = idempotencyKey
                try await session.raw("""
                    INSERT INTO issued_credentials (id, organisation_id, learner_user_id, subject_id, spec_id, spec_version,
                                                    credential_json, issued_at, valid_until, idempotency_key, request_hash, format)
                    VALUES (\(bind: record.id.description), \(bind: record.organisationID.description),
                            \(bind: record.learnerUserID?.description), \(bind: record.subjectID), \(bind: record.specID),
                            \(bind: record.specVersion), \(bind: record.credentialJSON), \(bind: Timestamp.format(record.issuedAt)),
                            \(bind: record.validUntil.map(Timestamp.format)), \(bind: record.idempotencyKey), \(bind: record.requestHash),
                            \(bind: record.format.rawValue))
                    """).run()
                return record
            }
        }
        guard let issued else { throw StorageError.corruptRow("issuance returned nothing") }
        return issued
    }

    /// One INSERT … SELECT: a random index for each purpose in the organisation's latest list of
    /// that purpose, if it is open and of the configured capacity (the indexes are drawn below it).
    /// A taken index inserts nothing (`ON CONFLICT DO NOTHING`); the caller allocates what is
    /// missing with `allocate`. Same guarantees: the primary key arbitrates, the transaction
    /// rolls it back.
    private func allocateInOpenLists(in session: any SQLDatabase, organisationID: OrganisationID, purposes: [StatusListPurpose],
                                     credentialID: IssuedCredentialID) async throws -> [StatusAllocation] {
        guard !purposes.isEmpty else { return [] }
        let revocationIndex = randomIndex(below: statusListCapacity), suspensionIndex = randomIndex(below: statusListCapacity)
        let rows = try await session.raw("""
            INSERT INTO status_entries (list_id, status_index, credential_id, purpose, is_set)
            SELECT l.id, CASE l.purpose WHEN \(bind: StatusListPurpose.revocation.rawValue) THEN \(bind: revocationIndex)
                                        ELSE \(bind: suspensionIndex) END,
                   \(bind: credentialID.description), l.purpose, \(bind: 0)
            FROM status_lists l
            WHERE l.organisation_id = \(bind: organisationID.description) AND l.purpose IN (\(binds: purposes.map(\.rawValue)))
                  AND l.sealed_at IS NULL AND l.capacity = \(bind: statusListCapacity)
                  AND l.sequence = (SELECT MAX(m.sequence) FROM status_lists m
                                    WHERE m.organisation_id = l.organisation_id AND m.purpose = l.purpose)
            ON CONFLICT DO NOTHING
            RETURNING list_id, status_index, purpose
            """).all()
        return try rows.map {
            StatusAllocation(listID: try $0.id("list_id"), purpose: try $0.enumValue("purpose", as: StatusListPurpose.self),
                             index: try $0.decode(column: "status_index", as: Int.self))
        }
    }

    /// Picks a random free index in the organisation's open list for `purpose` (opening one when
    /// there is none) and claims it with an insert the primary key arbitrates; see M0013To0016.
    private func allocate(in session: any SQLDatabase, organisationID: OrganisationID, purpose: StatusListPurpose,
                          credentialID: IssuedCredentialID, at date: Date) async throws -> StatusAllocation {
        // Each round either allocates, opens a list, or seals a crowded one; a handful suffices.
        for _ in 0..<16 {
            let latest = try await latestList(in: session, organisationID: organisationID, purpose: purpose)
            guard let list = latest, list.sealedAt == nil else {
                try await openList(number: (latest?.sequence ?? 0) + 1, in: session, organisationID: organisationID,
                                   purpose: purpose, at: date)
                continue
            }
            for _ in 0..<Self.drawsBeforeSealing {
                let index = randomIndex(below: list.capacity)
                let claimed = try await session.raw("""
                    INSERT INTO status_entries (list_id, status_index, credential_id, purpose, is_set)
                    VALUES (\(bind: list.id.description), \(bind: index), \(bind: credentialID.description),
                            \(bind: purpose.rawValue), \(bind: 0))
                    ON CONFLICT DO NOTHING
                    RETURNING status_index
                    """).first()
                if claimed != nil { return StatusAllocation(listID: list.id, purpose: purpose, index: index) }
            }
            try await session.raw("""
                UPDATE status_lists SET sealed_at = \(bind: Timestamp.format(date))
                WHERE id = \(bind: list.id.description) AND sealed_at IS NULL
                """).run()
        }
        throw StorageError.corruptRow("no status index could be allocated for \(purpose.rawValue) lists of \(organisationID)")
    }

    /// The organisation's list for `purpose` with the highest sequence, sealed or not.
    private func latestList(in session: any SQLDatabase, organisationID: OrganisationID,
                            purpose: StatusListPurpose) async throws -> StatusListRecord? {
        try await session.raw("""
            SELECT \(unsafeRaw: Self.statusListColumns) FROM status_lists
            WHERE organisation_id = \(bind: organisationID.description) AND purpose = \(bind: purpose.rawValue)
            ORDER BY sequence DESC LIMIT 1
            """).first().map(Self.statusList(from:))
    }

    /// Opens list `number`, decided only after seeing list number-1 sealed (or no list at all):
    /// processes racing here insert the same (organisation, purpose, sequence), the unique key keeps
    /// one and the others' inserts do nothing, and all then use the list that won. So at most one
    /// list per organisation and purpose is open at a time.
    private func openList(number: Int, in session: any SQLDatabase, organisationID: OrganisationID,
                          purpose: StatusListPurpose, at date: Date) async throws {
        let id = StatusListID(UUID.v7(at: date, random: random))
        try await session.raw("""
            INSERT INTO status_lists (id, organisation_id, purpose, sequence, capacity, created_at, sealed_at)
            VALUES (\(bind: id.description), \(bind: organisationID.description), \(bind: purpose.rawValue), \(bind: number),
                    \(bind: statusListCapacity), \(bind: Timestamp.format(date)), \(bind: String?.none))
            ON CONFLICT DO NOTHING
            """).run()
    }

    private func randomIndex(below capacity: Int) -> Int {
        let value = random.bytes(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(value % UInt64(capacity))   // bias below 2⁻⁴⁶ for lists of 2¹⁷ entries
    }

    public func credential(id: IssuedCredentialID) async throws -> IssuedCredentialRecord? {
        guard let row = try await sql.raw("SELECT \(unsafeRaw: Self.credentialColumns) FROM issued_credentials WHERE id = \(bind: id.description)").first() else {
            return nil
        }
        return try await withEntries(Self.credential(from: row))
    }

    public func credential(organisationID: OrganisationID, idempotencyKey: String) async throws -> IssuedCredentialRecord? {
        guard let row = try await sql.raw("""
            SELECT \(unsafeRaw: Self.credentialColumns) FROM issued_credentials
            WHERE organisation_id = \(bind: organisationID.description) AND idempotency_key = \(bind: idempotencyKey)
            """).first() else { return nil }
        return try await withEntries(Self.credential(from: row))
    }

    public func credentials(learnerUserID: UserID) async throws -> [IssuedCredentialRecord] {
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: Self.credentialColumns) FROM issued_credentials WHERE learner_user_id = \(bind: learnerUserID.description)
            ORDER BY issued_at DESC, id DESC
            """).all()
        var result: [IssuedCredentialRecord] = []
        for row in rows { result.append(try await withEntries(Self.credential(from: row))) }
        return result
    }

    public func credentials(organisationID: OrganisationID, limit: Int) async throws -> [IssuedCredentialRecord] {
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: Self.credentialColumns) FROM issued_credentials WHERE organisation_id = \(bind: organisationID.description)
            ORDER BY issued_at DESC, id DESC LIMIT \(bind: limit)
            """).all()
        var result: [IssuedCredentialRecord] = []
        for row in rows { result.append(try await withEntries(Self.credential(from: row))) }
        return result
    }

    public func countCredentials() async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM issued_credentials")
    }

    private func withEntries(_ record: IssuedCredentialRecord) async throws -> IssuedCredentialRecord {
        var record = record
        record.statusEntries = try await statusEntries(credentialID: record.id).map(\.allocation)
        return record
    }

    /// Columns named, not `*`: an SQLite connection whose schema cache predates a migration that
    /// added a column expands `*` to the old columns, while a named new column makes SQLite
    /// notice the changed schema and prepare again.
    static let credentialColumns = "id, organisation_id, learner_user_id, subject_id, spec_id, spec_version, credential_json, issued_at, "
        + "valid_until, idempotency_key, request_hash, format"

    static func credential(from row: any SQLRow) throws -> IssuedCredentialRecord {
        IssuedCredentialRecord(
            id: try row.id("id"), organisationID: try row.id("organisation_id"), learnerUserID: try row.optionalID("learner_user_id"),
            subjectID: try row.optionalText("subject_id"), specID: try row.optionalText("spec_id"),
            specVersion: try row.decodeNil(column: "spec_version") ? nil : try row.decode(column: "spec_version", as: Int.self),
            credentialJSON: try row.text("credential_json"), issuedAt: try row.timestamp("issued_at"),
            validUntil: try row.optionalTimestamp("valid_until"), idempotencyKey: try row.optionalText("idempotency_key"),
            requestHash: try row.optionalText("request_hash"), format: try row.enumValue("format", as: StoredCredentialFormat.self)
        )
    }
}

extension SQLStore: StatusListStore {
    public func statusList(id: StatusListID) async throws -> StatusListRecord? {
        try await sql.raw("SELECT \(unsafeRaw: Self.statusListColumns) FROM status_lists WHERE id = \(bind: id.description)").first().map(Self.statusList(from:))
    }

    public func statusLists(organisationID: OrganisationID) async throws -> [StatusListRecord] {
        try await sql.raw("""
            SELECT \(unsafeRaw: Self.statusListColumns) FROM status_lists WHERE organisation_id = \(bind: organisationID.description) ORDER BY purpose, sequence
            """).all().map(Self.statusList(from:))
    }

    public func setIndexes(listID: StatusListID) async throws -> [Int] {
        try await sql.raw("""
            SELECT status_index FROM status_entries WHERE list_id = \(bind: listID.description) AND is_set = \(bind: 1)
            ORDER BY status_index
            """).all().map { try $0.decode(column: "status_index", as: Int.self) }
    }

    public func setEntries(among entries: [StatusAllocation]) async throws -> Set<StatusAllocation> {
        guard !entries.isEmpty else { return [] }
        let rows = try await sql.select().column("list_id").column("status_index").from("status_entries")
            .where("is_set", .equal, 1)
            .where { group in
                entries.reduce(group) { group, entry in
                    group.orWhere { $0.where("list_id", .equal, entry.listID.description).where("status_index", .equal, entry.index) }
                }
            }
            .all()
        var set = Set<StatusAllocation>()
        for row in rows {
            let listID: StatusListID = try row.id("list_id")
            let index = try row.decode(column: "status_index", as: Int.self)
            // The purpose is the list's: report back the asked-for allocation that matches.
            if let asked = entries.first(where: { $0.listID == listID && $0.index == index }) { set.insert(asked) }
        }
        return set
    }

    public func allocatedCount(listID: StatusListID) async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM status_entries WHERE list_id = \(bind: listID.description)")
    }

    public func statusEntries(credentialID: IssuedCredentialID) async throws -> [StatusEntryRecord] {
        try await sql.raw("""
            SELECT * FROM status_entries WHERE credential_id = \(bind: credentialID.description) ORDER BY purpose
            """).all().map(Self.statusEntry(from:))
    }

    public func setStatus(credentialID: IssuedCredentialID, purpose: StatusListPurpose, isSet: Bool, reason: String?,
                          at date: Date) async throws -> Bool {
        try await database.transaction { session in
            guard let row = try await session.raw("""
                SELECT * FROM status_entries
                WHERE credential_id = \(bind: credentialID.description) AND purpose = \(bind: purpose.rawValue)
                """).first() else {
                throw StorageError.notFound("\(purpose.rawValue) entry of credential \(credentialID)")
            }
            let entry = try Self.statusEntry(from: row)
            if entry.isSet == isSet { return false }
            if purpose == .revocation && !isSet {
                throw StorageError.immutable("credential \(credentialID) is revoked; revocation is permanent")
            }
            try await session.raw("""
                UPDATE status_entries SET is_set = \(bind: isSet ? 1 : 0), reason = \(bind: reason),
                       changed_at = \(bind: Timestamp.format(date))
                WHERE list_id = \(bind: entry.allocation.listID.description) AND status_index = \(bind: entry.allocation.index)
                """).run()
            // In the same transaction: the list's version names its content (its ETag), in every process.
            try await session.raw("""
                UPDATE status_lists SET version = version + 1 WHERE id = \(bind: entry.allocation.listID.description)
                """).run()
            return true
        }
    }

    /// Named for the reason `credentialColumns` says.
    static let statusListColumns = "id, organisation_id, purpose, sequence, capacity, created_at, sealed_at, version"

    static func statusList(from row: any SQLRow) throws -> StatusListRecord {
        StatusListRecord(
            id: try row.id("id"), organisationID: try row.id("organisation_id"),
            purpose: try row.enumValue("purpose", as: StatusListPurpose.self), sequence: try row.decode(column: "sequence", as: Int.self),
            capacity: try row.decode(column: "capacity", as: Int.self), createdAt: try row.timestamp("created_at"),
            sealedAt: try row.optionalTimestamp("sealed_at"), version: try row.decode(column: "version", as: Int.self)
        )
    }

    static func statusEntry(from row: any SQLRow) throws -> StatusEntryRecord {
        StatusEntryRecord(
            allocation: StatusAllocation(listID: try row.id("list_id"), purpose: try row.enumValue("purpose", as: StatusListPurpose.self),
                                         index: try row.decode(column: "status_index", as: Int.self)),
            credentialID: try row.id("credential_id"), isSet: try row.decode(column: "is_set", as: Int.self) != 0,
            reason: try row.optionalText("reason"), changedAt: try row.optionalTimestamp("changed_at")
        )
    }
}
