import LinkedData

/// libFuzzer entry point: any bytes must either parse or fail with `JSONParseError` — no crash,
/// no hang — and whatever parses must survive serialise → parse unchanged (compact and pretty)
/// and canonicalise with JCS to text that re-parses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let value = try? JSONParser().parse(bytes) else { return 0 }
    for pretty in [false, true] {
        let text = JSONSerializer.serialize(value, pretty: pretty)
        guard let again = try? JSONParser().parse(text), again == value else {
            fatalError("serialise/parse round trip changed the value: \(text)")
        }
    }
    if let canonical = try? JCS.canonicalize(value) {
        guard let again = try? JSONParser().parse(canonical), (try? JCS.canonicalize(again)) == canonical else {
            fatalError("JCS output is not a fixed point: \(canonical)")
        }
    }
    return 0
}

/// SwiftPM links an executable target's entry point as `FuzzJSON_main` (so tests can link it) and
/// points `main` at it; hand control to libFuzzer's driver from there.
@_cdecl("FuzzJSON_main")
public func fuzzJSONMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzJSON)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt
