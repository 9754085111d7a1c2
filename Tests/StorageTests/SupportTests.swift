import Foundation
import Storage
import Testing

@Suite("Identifiers and time")
struct SupportTests {
    @Test func uuidV7CarriesVersionVariantAndTimeOrder() {
        let random = SeededRandomSource(seed: 1)
        let ids = (0..<100).map { UUID.v7(at: Date(timeIntervalSince1970: 1_800_000_000 + Double($0) / 10), random: random) }
        for id in ids {
            let text = id.uuidString.lowercased()
            #expect(Array(text)[14] == "7")
            #expect("89ab".contains(Array(text)[19]))
        }
        let texts = ids.map { $0.uuidString.lowercased() }
        // Different milliseconds sort by time regardless of the random tail.
        #expect(texts == texts.sorted())
    }

    @Test func timestampsAreUTCMillisecondsWithZ() throws {
        let date = Date(timeIntervalSince1970: 1_800_000_000.1231)
        let text = Timestamp.format(date)
        #expect(text == "2027-01-15T08:00:00.123Z")
        #expect(Timestamp.parse(text) == Timestamp.roundedToMilliseconds(date))
        #expect(Timestamp.parse("yesterday") == nil)
    }

    @Test func seededRandomIsReproducibleAndSystemRandomIsNot() {
        #expect(SeededRandomSource(seed: 9).bytes(32) == SeededRandomSource(seed: 9).bytes(32))
        #expect(SystemRandomSource().bytes(32) != SystemRandomSource().bytes(32))
        #expect(SystemRandomSource().base64URLToken(byteCount: 32).count == 43)
    }

    @Test func manualClockAdvances() {
        let clock = ManualWallClock(Date(timeIntervalSince1970: 0))
        clock.advance(by: 1.5)
        #expect(clock.now() == Date(timeIntervalSince1970: 1.5))
    }
}

@Suite("PostgreSQL availability")
struct PostgresAvailabilityTests {
    /// CI sets EMPASS_REQUIRE_POSTGRES=1: then the PostgreSQL cases must exist and run.
    @Test func postgresRunsWhenRequired() {
        if TestEngines.postgresRequired {
            #expect(TestEngines.postgresURL != nil, "EMPASS_REQUIRE_POSTGRES=1 but EMPASS_TEST_POSTGRES_URL is not set")
            #expect(TestEngines.all.contains(.postgres))
        }
    }
}

@Suite("Monotonic UUIDv7")
struct UUIDv7GeneratorTests {
    @Test func idsMadeInOneMillisecondStillIncrease() {
        let generator = UUIDv7Generator(random: SeededRandomSource(seed: 3))
        let instant = Date(timeIntervalSince1970: 1_800_000_000)
        let ids = (0..<1000).map { _ in generator.next(at: instant).uuidString.lowercased() }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { Array($0)[14] == "7" && "89ab".contains(Array($0)[19]) })
        // A clock going backwards does not break the order either.
        let earlier = generator.next(at: instant.addingTimeInterval(-10)).uuidString.lowercased()
        #expect(earlier > ids.last!)
    }
}
