import Foundation

/// Where "now" comes from. Injected everywhere so tests can pin and advance time.
/// (Named `WallClock` so it does not shadow the standard library's `Clock`.)
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The real clock, rounded to whole milliseconds so a value survives a round trip through storage.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Timestamp.roundedToMilliseconds(Date()) }
}

/// A clock tests set and advance by hand.
public final class ManualWallClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.current = Timestamp.roundedToMilliseconds(start)
    }

    public func now() -> Date { lock.withLock { current } }

    public func advance(by seconds: TimeInterval) {
        lock.withLock { current = Timestamp.roundedToMilliseconds(current.addingTimeInterval(seconds)) }
    }
}
