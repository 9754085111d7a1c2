import ArgumentParser
import Credentials
import LinkedData

/// `empass keys generate`: a new Ed25519 key pair in the W3C keyPair.json form.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage Ed25519 signing keys.",
        subcommands: [Generate.self]
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new Ed25519 key pair as JSON (publicKeyMultibase z6Mk…, secretKeyMultibase z3u2…).",
            discussion: "The key comes from the system's secure random source. The output contains the secret key: redirect it to a file only you can read."
        )

        func run() throws {
            let key = Ed25519KeyPair.generate()
            print(JSONSerializer.serialize(key.json, pretty: true))
        }
    }
}
