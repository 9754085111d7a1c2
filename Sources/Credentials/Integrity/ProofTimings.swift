/// Where the time of one sign or verify goes, for `empass bench` and for routing slowness to the
/// right module: JSON-LD expansion + toRdf, RDFC-1.0 (or JCS), SHA-256, Ed25519.
public struct ProofTimings: Sendable, Hashable {
    public var toRDF: Duration = .zero
    public var canonicalization: Duration = .zero
    public var hashing: Duration = .zero
    public var signature: Duration = .zero

    public init() {}

    public var total: Duration { toRDF + canonicalization + hashing + signature }

    public static func + (a: ProofTimings, b: ProofTimings) -> ProofTimings {
        var r = ProofTimings()
        r.toRDF = a.toRDF + b.toRDF
        r.canonicalization = a.canonicalization + b.canonicalization
        r.hashing = a.hashing + b.hashing
        r.signature = a.signature + b.signature
        return r
    }
}

/// Times a closure into one field of `ProofTimings` (a few ns per call with `ContinuousClock`).
@inline(__always)
func timed<T, E: Error>(_ slot: inout Duration, _ body: () throws(E) -> T) throws(E) -> T {
    let start = ContinuousClock.now
    defer { slot += ContinuousClock.now - start }
    return try body()
}
