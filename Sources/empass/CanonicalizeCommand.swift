import ArgumentParser
import Credentials
import LinkedData

/// `empass canonicalize`: RDFC-1.0 canonical N-Quads of a JSON-LD or N-Quads document.
struct CanonicalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canonicalize",
        abstract: "Print the RDFC-1.0 canonical N-Quads of a JSON-LD or N-Quads document.",
        discussion: """
        JSON-LD input is converted to RDF with the bundled offline contexts first. --hash chooses \
        the hash RDFC-1.0 uses to label blank nodes (sha256 unless a spec says otherwise). \
        --digest prints, instead of the N-Quads, one line: the hex digest of the canonical N-Quads \
        with that same hash (for eddsa-rdfc-2022 this is the document hash that is signed).
        """
    )

    enum InputFormat: String, ExpressibleByArgument, CaseIterable { case jsonld, nquads }

    @Argument(help: "The document, or - for standard input.")
    var file: String

    @Option(help: "jsonld (default) or nquads.")
    var inputFormat: InputFormat = .jsonld

    @Option(help: "sha256 (default) or sha384.")
    var hash: String = "sha256"

    @Flag(help: "Print the hex digest of the canonical N-Quads instead of the N-Quads.")
    var digest = false

    func run() throws {
        guard let algorithm = RDFCanonicalizer.HashAlgorithm(rawValue: hash) else {
            throw ValidationError("--hash must be sha256 or sha384")
        }
        let bytes = try CommandInput.read(file)
        let quads: [Quad] = switch inputFormat {
        case .nquads: try NQuads.parse(bytes)
        case .jsonld: try JSONLDProcessor(loader: BundledDocumentLoader.shared).toRDF(JSONParser().parse(bytes), base: nil)
        }
        let canonical = try RDFCanonicalizer(hashAlgorithm: algorithm).canonicalize(quads).nquads
        guard digest else {
            print(canonical, terminator: "")
            return
        }
        print(Hex.encode(ContentDigest.digest(Array(canonical.utf8), algorithm: algorithm)))
    }
}
