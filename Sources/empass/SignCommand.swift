import ArgumentParser
import Credentials
import LinkedData

/// `empass sign`: adds a Data Integrity proof to a JSON-LD document and prints the result, or
/// (`--format vc-jwt`) secures it as a VC-JWT and prints the compact JWS.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a credential with a Data Integrity EdDSA proof (or as a VC-JWT) and print it.",
        discussion: """
        A document that already has proofs gets one more (a proof set). Contexts come only from the bundled offline set. \
        With --format vc-jwt the unsecured VC 2.0 credential becomes the payload of a compact JWS (W3C VC-JOSE-COSE; \
        header alg EdDSA, kid = --verification-method or the key's did:key, typ vc+jwt, cty vc), printed on one line.
        """
    )

    @Argument(help: "The JSON-LD document to sign, or - for standard input.")
    var file: String

    @Option(help: "Key file in the W3C keyPair.json form (from `empass keys generate`).")
    var key: String

    @Option(help: "Securing mechanism: data-integrity (default) or vc-jwt.")
    var format: String = "data-integrity"

    @Option(help: "Cryptosuite: eddsa-rdfc-2022 (default) or eddsa-jcs-2022 (data-integrity only).")
    var suite: String = ProofSuite.eddsaRdfc2022.rawValue

    @Option(help: "Verification method id, the JWS kid with vc-jwt (default: the key's did:key, did:key:z6Mk…#z6Mk…).")
    var verificationMethod: String?

    @Option(help: "Proof creation time, ISO 8601 with a time zone (default: now).")
    var created: String?

    func run() throws {
        guard format == "data-integrity" || format == "vc-jwt" else { throw ValidationError("--format must be data-integrity or vc-jwt") }
        if format == "vc-jwt" {
            guard created == nil else { throw ValidationError("--created applies to Data Integrity proofs; a VC-JWT carries no proof time") }
            let keyPair = try Ed25519KeyPair(json: JSONParser().parse(CommandInput.read(key)))
            print(try VCJWTSigner().sign(JSONParser().parse(CommandInput.read(file)), key: keyPair, keyID: verificationMethod))
            return
        }
        guard let suite = ProofSuite(rawValue: suite), ProofSuite.signable.contains(suite) else {
            throw ValidationError("--suite must be eddsa-rdfc-2022 or eddsa-jcs-2022")
        }
        let createdDate = try created.map { text in
            guard let date = DateTimeStamp.parse(text) else { throw ValidationError("--created '\(text)' is not ISO 8601 with a time zone") }
            return date
        }
        let keyPair = try Ed25519KeyPair(json: JSONParser().parse(CommandInput.read(key)))
        let document = try JSONParser().parse(CommandInput.read(file))
        let signed = try DataIntegritySigner().sign(document, key: keyPair, options: ProofOptions(
            suite: suite, verificationMethod: verificationMethod, created: createdDate))
        print(JSONSerializer.serialize(signed, pretty: true))
    }
}
