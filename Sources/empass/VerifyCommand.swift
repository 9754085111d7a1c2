import ArgumentParser
import Catalogue
import Credentials
import Foundation
import LinkedData
import OnlineResolution

/// `empass verify`: offline verification of one or more credentials, one verdict per file.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify credentials offline; exit 0 only when every file verifies.",
        discussion: """
        Keys are resolved from did:key, or from --trusted-key; did:web needs the network and fails \
        offline. A key must belong to the credential's issuer (its controller is the issuer id). \
        A FILE may be JSON, a VC-JWT (a compact JWS, or an EnvelopedVerifiableCredential holding \
        one; alg EdDSA only, key from the kid) or a baked Open Badges PNG/SVG. Offline (the default) revocation and \
        suspension are not checked and the output says so; --online fetches did:web documents and \
        status lists over HTTPS (with --timeout and --max-bytes) and fails a credential whose status \
        is revoked, suspended or could not be checked.
        """
    )

    @Argument(help: "Credential files, or - for standard input.")
    var files: [String]

    @Option(name: .customLong("trusted-key"), help: ArgumentHelp(
        "A key you know the issuer publishes: VM=z6Mk… or VM=z6Mk…@ISSUER (repeatable).",
        discussion: "ISSUER defaults to VM without its #fragment."))
    var trustedKeys: [String] = []

    @Flag(help: "Print the full reports as JSON.")
    var json = false

    @Flag(help: "Fetch did:web documents and status lists over HTTPS.")
    var online = false

    @Option(help: "Seconds allowed for each HTTP fetch (with --online).")
    var timeout: Double = 10

    @Option(name: .customLong("max-bytes"), help: "Largest HTTP response accepted, in bytes (with --online).")
    var maxBytes: Int = 2 * 1024 * 1024

    func run() async throws {
        HeapTuning.keepFreedHeap()
        var trust = TrustedKeyStore()
        for spec in trustedKeys { trust.add(try Self.parseTrustedKey(spec)) }
        guard timeout > 0, maxBytes > 0 else { throw ValidationError("--timeout and --max-bytes must be positive") }
        let fetcher = online ? HTTPDocumentFetcher(timeoutSeconds: timeout, maximumBytes: maxBytes) : nil
        // The EmPass extension context is served from the bundle, like the W3C and 1EdTech ones.
        let canonicalizer = DocumentCanonicalizer(loader: try EmPassContext.documentLoader())
        let verifier = CredentialVerifier(canonicalizer: canonicalizer,
                                          keyResolver: StandardKeyResolver(trustedKeys: trust, didWebFetcher: fetcher))
        let statusChecker = fetcher.map { CredentialStatusChecker(fetcher: $0, verifier: verifier) }
        let jwtVerifier = VCJWTVerifier(keyResolver: verifier.keyResolver)
        var allValid = true
        var outputs: [(String, VerificationReport)] = []
        for file in files {
            let report: VerificationReport
            do { report = await Self.verify(try CommandInput.read(file), verifier: verifier, jwtVerifier: jwtVerifier,
                                                statusChecker: statusChecker) } catch {
                var unreadable = VerificationReport()
                unreadable.checks.append(VerificationCheck(kind: .parse, status: .fail, reason: .invalidJSON, message: "\(error)"))
                report = unreadable
            }
            allValid = allValid && report.isValid
            outputs.append((file, report))
            if !json {
                if report.isValid {
                    print("\(file): VALID")
                } else {
                    print("\(file): INVALID")
                    for check in report.failures { print("  \(check)") }
                }
                for check in report.warnings { print("  \(check)") }
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            struct Entry: Encodable { let file: String; let report: VerificationReport }
            let data = try encoder.encode(outputs.map { Entry(file: $0.0, report: $0.1) })
            print(String(decoding: data, as: UTF8.self))
        }
        if !allValid { throw ExitCode(1) }
    }

    /// Verifies JSON or a baked image; then the status, online, or a warning that it was not checked.
    static func verify(_ bytes: [UInt8], verifier: CredentialVerifier, jwtVerifier: VCJWTVerifier,
                       statusChecker: CredentialStatusChecker?) async -> VerificationReport {
        var input = bytes
        if let token = VCJWT.compactJWS(in: bytes, parser: verifier.parser) {
            return await verifyJWT(token, verifier: jwtVerifier, statusChecker: statusChecker)
        }
        if BadgeImageFormat.detect(bytes) != nil {
            do {
                switch try CredentialBaker.unbake(bytes) {
                case .json(let text): input = Array(text.utf8)
                case .compactJWS(let token):
                    return await verifyJWT(token, verifier: jwtVerifier, statusChecker: statusChecker)
                }
            } catch {
                var report = VerificationReport()
                report.checks.append(VerificationCheck(kind: .parse, status: .fail, reason: .invalidJSON, message: "baked image: \(error)"))
                return report
            }
        }
        let report = await verifier.verify(bytes: input)
        guard case .object(let credential)? = try? verifier.parser.parse(input) else { return report }
        return await addStatus(of: credential, to: report, statusChecker: statusChecker)
    }

    /// A VC-JWT: the same checks, then the status of the credential in its payload.
    static func verifyJWT(_ token: String, verifier: VCJWTVerifier, statusChecker: CredentialStatusChecker?) async -> VerificationReport {
        let report = await verifier.verify(token)
        guard let credential = VCJWT.unverifiedCredential(in: token, parser: verifier.parser) else { return report }
        return await addStatus(of: credential, to: report, statusChecker: statusChecker)
    }

    static func addStatus(of credential: JSONObject, to verified: VerificationReport, statusChecker: CredentialStatusChecker?) async -> VerificationReport {
        var report = verified
        if let statusChecker {
            report.add(status: await statusChecker.check(credential))
        } else if credential["credentialStatus"] != nil {
            report.checks.append(VerificationCheck(kind: .status, status: .warning, reason: .statusNotChecked,
                                                   message: "revocation and suspension were not checked (offline; use --online)"))
        }
        return report
    }

    /// `VM=KEY` or `VM=KEY@ISSUER`; the key is after the last `=` (base58 has no `=` or `@`).
    static func parseTrustedKey(_ spec: String) throws -> TrustedKeyStore.Entry {
        guard let eq = spec.lastIndex(of: "="), eq != spec.startIndex else {
            throw ValidationError("--trusted-key '\(spec)': expected VM=z6Mk… or VM=z6Mk…@ISSUER")
        }
        let vm = String(spec[..<eq])
        let rest = spec[spec.index(after: eq)...]
        let parts = rest.split(separator: "@", maxSplits: 1)
        let key = parts.first.map(String.init) ?? ""
        do { _ = try Multikey.decodeEd25519PublicKey(key) } catch {
            throw ValidationError("--trusted-key '\(spec)': \(error)")
        }
        return .init(verificationMethod: vm, publicKeyMultibase: key, issuer: parts.count == 2 ? String(parts[1]) : nil)
    }
}
