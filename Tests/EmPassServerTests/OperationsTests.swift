import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Storage
import Testing
@testable import EmPassServer

@Suite("Health, readiness, metrics, request ids")
struct OperationsTests {
    @Test("healthz, readyz and metrics answer; metrics count requests by route and status", arguments: TestEngines.all)
    func probesAndMetrics(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let health = try await app.client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(health.text == "ok\n")
            #expect(try await app.client.execute(uri: "/readyz", method: .get).status == .ok)
            _ = try await app.client.execute(uri: "/api/v1/users/not-a-uuid", method: .get, headers: .bearer(TestHarness.adminToken))
            _ = try await app.client.execute(uri: "/nowhere", method: .get)
            let metrics = try await app.client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = metrics.text
            #expect(text.contains(#"empass_http_requests_total{route="/healthz",method="GET",status="200"} 1"#))
            #expect(text.contains(#"empass_http_requests_total{route="/api/v1/users/{id}",method="GET",status="404"} 1"#))
            #expect(text.contains(#"empass_http_requests_total{route="unmatched",method="GET",status="404"} 1"#))
            #expect(text.contains("empass_http_request_duration_seconds_bucket"))
        }
    }

    @Test("readyz says 503 when the database is gone")
    func readinessFailsWithoutDatabase() async throws {
        try await TestHarness.withScratch(.sqlite, test: #function) { location in
            let config = try TestHarness.config(location)
            let database = try await Database.open(location, logger: TestHarness.quietLogger)
            try await MigrationRunner(database: database, logger: TestHarness.quietLogger).run()
            let services = try await makeServices(config: config, database: database, clock: SystemWallClock(), random: SystemRandomSource(),
                                                  logger: TestHarness.quietLogger)
            let app = Application(router: try await buildRouter(services: services))
            try await app.test(.router) { client in
                #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
                await database.shutdown()
                let response = try await client.execute(uri: "/readyz", method: .get)
                #expect(response.status == .serviceUnavailable)
                #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            }
        }
    }

    @Test("a well-formed X-Request-Id is echoed; anything else is replaced")
    func requestIDs() async throws {
        try await TestHarness.withApp(.sqlite) { app in
            var headers = HTTPFields()
            headers[HTTPField.Name("X-Request-Id")!] = "abc-123.test"
            let echoed = try await app.client.execute(uri: "/healthz", method: .get, headers: headers)
            #expect(echoed.headers[HTTPField.Name("X-Request-Id")!] == "abc-123.test")
            headers[HTTPField.Name("X-Request-Id")!] = "<script>"
            let replaced = try await app.client.execute(uri: "/api/nope", method: .get, headers: headers)
            let id = try #require(replaced.headers[HTTPField.Name("X-Request-Id")!])
            #expect(UUID(uuidString: id) != nil)
            #expect(try replaced.json()["requestId"] as? String == id)
        }
    }

    @Test("static files are served with their type")
    func staticFiles() async throws {
        try await TestHarness.withApp(.sqlite) { app in
            let css = try await app.client.execute(uri: "/static/empass.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await app.client.execute(uri: "/static/nope.css", method: .get).status == .notFound)
        }
    }
}

@Suite("JSON logs")
struct JSONLogTests {
    final class Lines: @unchecked Sendable {
        let lock = NSLock()
        var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
    }

    @Test("one JSON object per line with level, message, time and metadata as fields")
    func jsonLines() throws {
        let lines = Lines()
        var logger = Logger(label: "empass") { JSONLogHandler(label: $0, write: { lines.add($0) }) }
        logger[metadataKey: "request_id"] = "r-1"
        logger.info("request", metadata: ["status": .stringConvertible(200), "path": "/healthz"])
        let line = try #require(lines.lines.first)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["message"] as? String == "request")
        #expect(object["request_id"] as? String == "r-1")
        #expect(object["status"] as? String == "200")
        #expect(object["path"] as? String == "/healthz")
        #expect((object["time"] as? String)?.hasSuffix("Z") == true)
    }
}
