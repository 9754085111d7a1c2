import ArgumentParser
import Credentials
import Foundation
import LinkedData

/// `empass bench`: sign and verify one credential many times on one core and show where the time
/// goes, then canonicalise synthetic documents of growing size to show the cost is linear.
/// A benchmark, not a test: it prints figures and never fails on them.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark eddsa-rdfc-2022 sign and verify on a credential, and canonicalisation by size.",
        discussion: "The credential is re-signed with a fresh did:key that is also made its issuer, so verification runs the full pipeline (context, shape, key binding, signature, validity)."
    )

    @Option(help: "The credential (its proof, if any, is replaced).")
    var file: String

    @Option(help: "Sign and verify this many times.")
    var iterations: Int = 1000

    @Option(help: "Largest synthetic document for the linearity run, in KiB (0 skips it).")
    var maxSizeKib: Int = 1024

    @Option(help: "Cryptosuite to measure.")
    var suite: String = ProofSuite.eddsaRdfc2022.rawValue

    func run() async throws {
        HeapTuning.keepFreedHeap()
        guard let suite = ProofSuite(rawValue: suite), ProofSuite.signable.contains(suite) else {
            throw ValidationError("--suite must be eddsa-rdfc-2022 or eddsa-jcs-2022")
        }
        guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
        let key = Ed25519KeyPair.generate()
        var credential = try JSONParser().parse(CommandInput.read(file)).objectValue.orThrow("\(file) is not a JSON object")
        credential["proof"] = nil
        credential["issuer"] = Self.replacingID(credential["issuer"], with: key.didKey.did)
        let unsigned = JSONValue.object(credential)
        let signer = DataIntegritySigner()
        let verifier = CredentialVerifier()
        let options = ProofOptions(suite: suite)

        // Warm up: contexts loaded and processed once, code paged in.
        var signed = try signer.sign(unsigned, key: key, options: options)
        let warm = await verifier.verify(signed)
        guard warm.isValid else { throw CommandInputError.invalid("re-signed credential does not verify: \(warm.failures)") }
        for _ in 0..<min(iterations, 20) { _ = try signer.sign(unsigned, key: key, options: options); _ = await verifier.verify(signed) }

        var signTimings = ProofTimings()
        let signStart = ContinuousClock.now
        for _ in 0..<iterations { signed = try signer.sign(unsigned, key: key, options: options, timings: &signTimings) }
        let signTotal = ContinuousClock.now - signStart

        let bytes = JSONSerializer.serializeBytes(signed)
        var verifyTimings = ProofTimings()
        var valid = 0
        let verifyStart = ContinuousClock.now
        for _ in 0..<iterations {
            if await verifier.verify(bytes: bytes, timings: &verifyTimings).isValid { valid += 1 }
        }
        let verifyTotal = ContinuousClock.now - verifyStart
        guard valid == iterations else { throw CommandInputError.invalid("only \(valid)/\(iterations) verifications passed") }

        let n = Double(iterations)
        print("empass \(suite.rawValue) on \(URL(fileURLWithPath: file).lastPathComponent) (\(bytes.count) bytes signed), n=\(iterations), one core")
        print(Self.row("operation", "ms/op", "toRdf", "canon", "sha256", "ed25519", "other"))
        for (name, total, t) in [("sign", signTotal, signTimings), ("verify", verifyTotal, verifyTimings)] {
            let other = total - t.total
            print(Self.row(name, Self.ms(total, n), Self.ms(t.toRDF, n), Self.ms(t.canonicalization, n),
                           Self.ms(t.hashing, n), Self.ms(t.signature, n), Self.ms(other, n)))
        }
        print("sign: \(Self.ms(signTotal, n)) ms, verify: \(Self.ms(verifyTotal, n)) ms")

        if maxSizeKib > 0 { try linearity(maxBytes: maxSizeKib * 1024) }
    }

    /// Canonicalisation (toRdf + RDFC-1.0) of documents with more and more subject entries.
    func linearity(maxBytes: Int) throws {
        let canonicalizer = DocumentCanonicalizer()
        print("\ncanonicalisation (toRdf + RDFC-1.0) by document size")
        print(Self.row("size KiB", "quads", "ms", "µs/KiB", "toRdf ms", "canon ms"))
        var size = 4 * 1024
        while size <= maxBytes {
            let document = Self.syntheticDocument(approximateBytes: size)
            let actual = JSONSerializer.serializeBytes(document).count
            var timings = ProofTimings()
            let runs = max(1, 2_000_000 / actual)
            var canonical: [UInt8] = []
            let start = ContinuousClock.now
            for _ in 0..<runs { canonical = try canonicalizer.canonicalNQuadsBytes(document, timings: &timings) }
            let perRun = (ContinuousClock.now - start) / runs
            let quads = canonical.reduce(0) { $1 == 10 ? $0 + 1 : $0 }
            let ms = Double(perRun.components.attoseconds) / 1e15 + Double(perRun.components.seconds) * 1e3
            print(Self.row(String(actual / 1024), String(quads), String(format: "%.3f", ms), String(format: "%.1f", ms * 1000 / (Double(actual) / 1024)),
                           Self.ms(timings.toRDF, Double(runs)), Self.ms(timings.canonicalization, Double(runs))))
            size *= 4
        }
    }

    /// A VC 2.0 credential whose subject holds `n` skill records (each a blank node with a few
    /// literals), sized to about `approximateBytes`.
    static func syntheticDocument(approximateBytes: Int) -> JSONValue {
        let perRecord = 190
        let count = max(1, approximateBytes / perRecord)
        let records: [JSONValue] = (0..<count).map { i in
            .object(JSONObject([
                ("type", .string("https://example.org/vocab#SkillRecord")),
                ("https://schema.org/name", .string("Skill number \(i) of the synthetic benchmark")),
                ("https://example.org/vocab#level", .number(JSONNumber(i % 7))),
                ("https://example.org/vocab#score", .string(String(format: "%.4f", Double(i % 1000) / 997))),
            ]))
        }
        return .object(JSONObject([
            ("@context", .array([.string("https://www.w3.org/ns/credentials/v2")])),
            ("id", .string("urn:uuid:00000000-0000-4000-8000-000000000000")),
            ("type", .array([.string("VerifiableCredential")])),
            ("issuer", .string("did:example:issuer")),
            ("validFrom", .string("2025-01-01T00:00:00Z")),
            ("credentialSubject", .object(JSONObject([("id", .string("did:example:subject")), ("https://example.org/vocab#skill", .array(records))]))),
        ]))
    }

    static func replacingID(_ issuer: JSONValue?, with id: String) -> JSONValue {
        guard case .object(var o) = issuer else { return .string(id) }
        o["id"] = .string(id)
        return .object(o)
    }

    static func ms(_ d: Duration, _ n: Double) -> String {
        let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return String(format: "%.4f", seconds * 1000 / n)
    }

    static func row(_ cells: String...) -> String {
        cells.enumerated().map { i, c in i == 0 ? c.padding(toLength: 10, withPad: " ", startingAt: 0) : String(repeating: " ", count: max(0, 10 - c.count)) + c }
            .joined(separator: " ")
    }
}

extension Optional {
    func orThrow(_ message: @autoclosure () -> String) throws -> Wrapped {
        guard let self else { throw CommandInputError.invalid(message()) }
        return self
    }
}
