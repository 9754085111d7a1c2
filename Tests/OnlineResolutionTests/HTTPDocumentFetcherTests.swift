import Foundation
import Hummingbird
import LinkedData
import NIOCore
import Testing
@testable import Credentials
@testable import OnlineResolution

/// Runs a real HTTP server on loopback for the fetcher: a status list, a body over the limit, a
/// slow answer and a 404.
struct LoopbackServer {
    static func with(_ routes: [String: [UInt8]], slowSeconds: Double = 3,
                     _ body: @Sendable (_ base: String) async throws -> Void) async throws {
        let router = Router()
        for (path, bytes) in routes {
            router.get(RouterPath(path)) { _, _ in
                Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
        router.get("slow") { _, _ -> String in
            try await Task.sleep(for: .seconds(slowSeconds))
            return "{}"
        }
        let port = PortBox()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in await port.set(channel.localAddress?.port ?? 0) })
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var p = 0
        for _ in 0..<200 where p == 0 { try await Task.sleep(for: .milliseconds(20)); p = await port.value }
        try #require(p != 0)
        try await body("http://127.0.0.1:\(p)")
    }
}

actor PortBox {
    var value = 0
    func set(_ v: Int) { value = v }
}

@Suite struct HTTPDocumentFetcherTests {
    static let key = try! Ed25519KeyPair(seed: [UInt8](repeating: 3, count: 32))
    static let clock = FixedWallClock(DateTimeStamp.parse("2026-01-01T00:00:00Z")!)

    static func list(id: String, revoked: [Int]) throws -> [UInt8] {
        var bits = StatusBitstring()
        for i in revoked { try bits.setValue(1, at: i) }
        let list = BitstringStatusListCredential(id: id, issuer: key.didKey.did, purpose: .revocation, bitstring: bits)
        return JSONSerializer.serializeBytes(try DataIntegritySigner(clock: clock).sign(list.unsigned(), key: key))
    }

    @Test func fetchesWithinLimitsAndRefusesTheRest() async throws {
        try await LoopbackServer.with(["ok": Array("{\"a\":1}".utf8), "big": [UInt8](repeating: 0x20, count: 4096)], slowSeconds: 6) { base in
            // A deadline generous enough for a loaded CI machine; only the slow route may hit it.
            let fetcher = HTTPDocumentFetcher(timeoutSeconds: 10, maximumBytes: 1024, allowInsecureHTTP: true)
            let fetched = try await fetcher.get("\(base)/ok")
            #expect(fetched == Array("{\"a\":1}".utf8))
            await #expect(throws: StatusFetchError.tooLarge(maximumBytes: 1024)) { try await fetcher.get("\(base)/big") }
            await #expect(throws: StatusFetchError.httpStatus(404)) { try await fetcher.get("\(base)/missing") }
            // The server answers after 6 s; the fetcher gives up at its deadline with a typed error.
            let impatient = HTTPDocumentFetcher(timeoutSeconds: 1, maximumBytes: 1024, allowInsecureHTTP: true)
            await #expect(throws: StatusFetchError.timedOut(seconds: 1)) { try await impatient.get("\(base)/slow") }
            // Plain http is refused unless asked for.
            await #expect(throws: StatusFetchError.unsupportedScheme("\(base)/ok")) {
                try await HTTPDocumentFetcher().get("\(base)/ok")
            }
        }
    }

    @Test func statusIsCheckedOverHTTP() async throws {
        // The list's id must be its URL, which holds the port, so the bytes are set once it is known.
        let portless = "/status/r1"
        let router = Router()
        let box = ListBox()
        router.get(RouterPath(portless)) { _, _ in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: await box.bytes)))
        }
        let port = PortBox()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in await port.set(channel.localAddress?.port ?? 0) })
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var p = 0
        for _ in 0..<200 where p == 0 { try await Task.sleep(for: .milliseconds(20)); p = await port.value }
        let url = "http://127.0.0.1:\(p)\(portless)"
        await box.set(try Self.list(id: url, revoked: [7]))

        var credential = JSONObject()
        credential["issuer"] = .string(Self.key.didKey.did)
        credential["credentialStatus"] = StatusListEntry.make(purpose: .revocation, index: 7, listCredential: url).json
        let checker = CredentialStatusChecker(fetcher: HTTPDocumentFetcher(timeoutSeconds: 10, allowInsecureHTTP: true),
                                              verifier: CredentialVerifier(clock: Self.clock))
        #expect(await checker.check(credential).state == .revoked)
        credential["credentialStatus"] = StatusListEntry.make(purpose: .revocation, index: 8, listCredential: url).json
        #expect(await checker.check(credential).state == .active)
        // A list the fetcher may not read (too large for its cap) is "could not check", not "active".
        let tight = CredentialStatusChecker(fetcher: HTTPDocumentFetcher(timeoutSeconds: 10, maximumBytes: 64, allowInsecureHTTP: true),
                                            verifier: CredentialVerifier(clock: Self.clock))
        let report = await tight.check(credential)
        #expect(report.state == .couldNotCheck)
        #expect(report.problems.first?.contains("larger than 64 bytes") == true)
    }
}

actor ListBox {
    var bytes: [UInt8] = []
    func set(_ b: [UInt8]) { bytes = b }
}
