import Foundation
import SQLKit
import Storage
import Testing

@Suite("Session, token, audit and throttle stores")
struct AuthStoreContractTests {
    @Test("sessions are found until they expire", arguments: TestEngines.all)
    func sessions(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let user = Fixtures.user()
            try await store.insert(user)
            let t0 = Fixtures.t0
            let session = SessionRecord(idHash: "h1", userID: user.id, csrfToken: "c1", createdAt: t0, expiresAt: t0.addingTimeInterval(3600))
            try await store.insert(session)
            try await store.insert(SessionRecord(idHash: "h2", userID: user.id, csrfToken: "c2", createdAt: t0, expiresAt: t0.addingTimeInterval(60)))
            #expect(try await store.session(idHash: "h1", now: t0.addingTimeInterval(10)) == session)
            #expect(try await store.session(idHash: "h1", now: t0.addingTimeInterval(3600)) == nil)
            #expect(try await store.deleteExpired(now: t0.addingTimeInterval(120)) == 1)
            #expect(try await store.countSessions() == 1)
            try await store.delete(idHash: "h1")
            #expect(try await store.countSessions() == 0)
        }
    }

    @Test("API tokens are found by hash, revoked once, reinstated", arguments: TestEngines.all)
    func apiTokens(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let user = Fixtures.user()
            try await store.insert(user)
            let token = ApiToken(id: .init(UUID()), userID: user.id, name: "ci", tokenHash: "abc", createdAt: Fixtures.t0)
            try await store.insert(token)
            #expect(try await store.token(hash: "abc") == token)
            await #expect(throws: StorageError.self) {
                try await store.insert(ApiToken(id: .init(UUID()), userID: user.id, name: "dup", tokenHash: "abc", createdAt: Fixtures.t0))
            }
            let first = Fixtures.t0.addingTimeInterval(5)
            try await store.revoke(id: token.id, at: first)
            try await store.revoke(id: token.id, at: first.addingTimeInterval(5))
            #expect(try await store.token(id: token.id)?.revokedAt == first)
            try await store.reinstate(id: token.id)
            #expect(try await store.token(id: token.id)?.isActive == true)
            #expect(try await store.tokens(userID: user.id).map(\.id) == [token.id])
            await #expect(throws: StorageError.self) { try await store.revoke(id: .init(UUID()), at: first) }
        }
    }

    @Test("the audit log pages newest first and filters by action", arguments: TestEngines.all)
    func auditLog(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            var events: [AuditEvent] = []
            for index in 0..<5 {
                let at = Fixtures.t0.addingTimeInterval(Double(index))
                let event = AuditEvent(id: .init(UUID.v7(at: at, random: Fixtures.random)), occurredAt: at,
                                       action: index.isMultiple(of: 2) ? .login : .loginFailed, actorUserID: nil,
                                       target: "email:x@example.org", ip: "127.0.0.1", requestID: "r\(index)",
                                       detailsJSON: #"{"n":\#(index)}"#)
                try await store.append(event)
                events.append(event)
            }
            #expect(try await store.events(limit: 10, before: nil, action: nil) == events.reversed())
            #expect(try await store.events(limit: 2, before: events[3].id, action: nil).map(\.id) == [events[2].id, events[1].id])
            #expect(try await store.events(limit: 10, before: nil, action: .loginFailed).map(\.id) == [events[3].id, events[1].id])
            #expect(try await store.countEvents(action: .login) == 3)
            #expect(try await store.countEvents(action: nil) == 5)
        }
    }

    @Test("the database itself refuses to update or delete audit events", arguments: TestEngines.all)
    func auditLogIsAppendOnly(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, database in
            let event = AuditEvent(id: .init(UUID()), occurredAt: Fixtures.t0, action: .logout, actorUserID: nil,
                                   target: nil, ip: nil, requestID: nil)
            try await store.append(event)
            await #expect(throws: (any Error).self) {
                try await database.sql.raw("UPDATE audit_events SET action = 'login'").run()
            }
            await #expect(throws: (any Error).self) {
                try await database.sql.raw("DELETE FROM audit_events").run()
            }
            #expect(try await store.events(limit: 10, before: nil, action: nil) == [event])
        }
    }

    @Test("login failures are counted per key within a window", arguments: TestEngines.all)
    func loginThrottle(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let t0 = Fixtures.t0
            for second in 0..<3 { try await store.recordFailure(key: "account:a", at: t0.addingTimeInterval(Double(second))) }
            try await store.recordFailure(key: "ip:1.2.3.4", at: t0)
            let counted = try await store.failures(key: "account:a", since: t0.addingTimeInterval(1))
            #expect(counted.count == 2)
            #expect(counted.earliest == t0.addingTimeInterval(1))
            try await store.clear(key: "account:a")
            #expect(try await store.failures(key: "account:a", since: t0).count == 0)
            try await store.prune(before: t0.addingTimeInterval(1))
            #expect(try await store.failures(key: "ip:1.2.3.4", since: t0).count == 0)
            #expect(try await store.failures(key: "nobody", since: t0).earliest == nil)
        }
    }
}
