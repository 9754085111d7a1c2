import LinkedData

/// libFuzzer entry point: any bytes must either parse as N-Quads or fail with `NQuadsError`; what
/// parses must survive serialise → parse unchanged, and small datasets must canonicalise (or hit
/// the poison-graph bound) with a canonical form that is a fixed point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNQuads(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let quads = try? NQuads.parse(bytes) else { return 0 }
    let text = NQuads.serialize(quads)
    guard let again = try? NQuads.parse(text), again == quads else {
        fatalError("serialise/parse round trip changed the quads: \(text)")
    }
    if quads.count <= 64 {
        let canonicalizer = RDFCanonicalizer(maxHashNDegreeQuadsCalls: 200, maxPermutations: 5_000)
        if let canonical = try? canonicalizer.canonicalize(quads) {
            guard let twice = try? canonicalizer.canonicalize(canonical.quads), twice.nquads == canonical.nquads else {
                fatalError("RDFC output is not a fixed point:\n\(canonical.nquads)")
            }
        }
    }
    return 0
}

/// SwiftPM links an executable target's entry point as `FuzzNQuads_main` (so tests can link it) and
/// points `main` at it; hand control to libFuzzer's driver from there.
@_cdecl("FuzzNQuads_main")
public func fuzzNQuadsMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzNQuads)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt
