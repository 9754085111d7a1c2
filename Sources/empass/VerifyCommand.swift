import ArgumentParser
import Credentials
import Foundation
import LinkedData

/// `empass verify`: offline verification of one or more credentials, one verdict per file.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify credentials offline; exit 0 only when every file verifies.",
        discussion: """
        Keys are resolved from did:key, or from --trusted-key; did:web needs the network and fails \
        offline. A key must belong to the credential's issuer (its controller is the issuer id).
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

    func run() async throws {
        var trust = TrustedKeyStore()
        for spec in trustedKeys { trust.add(try Self.parseTrustedKey(spec)) }
        let verifier = CredentialVerifier(keyResolver: StandardKeyResolver(trustedKeys: trust))
        var allValid = true
        var outputs: [(String, VerificationReport)] = []
        for file in files {
            let report: VerificationReport
            do { report = await verifier.verify(bytes: try CommandInput.read(file)) } catch {
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
