import LinkedData

/// libFuzzer entry point for JSON-LD: any bytes that parse as JSON must expand and deserialise to
/// RDF or fail with a `JSONLDError` — no crash, no hang, no other error type. Contexts come from
/// the bundled offline loader plus one small registered document, so `@context` URLs,
/// `@import` and scoped contexts are exercised without I/O; the processed-context cache is shared
/// across inputs, as in a long-running verifier.
let loader = BundledDocumentLoader(extraDocuments: [
    "https://fuzz.example/context.jsonld": .text(#"""
    {"@context": {"@vocab": "https://fuzz.example/vocab#", "@protected": true,
      "Thing": {"@id": "https://fuzz.example/Thing", "@context": {"name": {"@id": "https://schema.org/name"}}},
      "list": {"@container": "@list"}, "json": {"@type": "@json"}}}
    """#),
])
let processors = [
    JSONLDProcessor(loader: loader),
    JSONLDProcessor(loader: loader, options: JSONLDOptions(processingMode: .jsonLD10)),
    JSONLDProcessor(loader: loader, options: JSONLDOptions(base: "https://fuzz.example/doc",
                                                            rdfDirection: .compoundLiteral)),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLD(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let document = try? JSONParser().parse(bytes) else { return 0 }
    for processor in processors {
        do {
            _ = try processor.expand(document)
            _ = try processor.toRDF(document)
        } catch is JSONLDError {
            continue
        } catch {
            fatalError("JSON-LD processing threw a non-JSONLDError: \(error)")
        }
    }
    return 0
}

/// SwiftPM links an executable target's entry point as `FuzzJSONLD_main`; hand control to
/// libFuzzer's driver from there.
@_cdecl("FuzzJSONLD_main")
public func fuzzJSONLDMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzJSONLD)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt
