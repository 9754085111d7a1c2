import Foundation
import Testing
@testable import Credentials

/// A PNG we bake is re-read by Python's zlib/struct: every chunk's CRC, the iTXt fields, and the
/// image data still inflating — a second reader that shares no code with ours.
@Suite struct BakedPNGInteropTests {
    static let reader = #"""
    import struct, sys, zlib
    data = open(sys.argv[1], "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "signature"
    i, texts, idat, kinds = 8, [], b"", []
    while i < len(data):
        n, = struct.unpack(">I", data[i:i+4]); kind = data[i+4:i+8]; body = data[i+8:i+8+n]
        crc, = struct.unpack(">I", data[i+8+n:i+12+n])
        assert zlib.crc32(kind + body) & 0xffffffff == crc, "crc of %r" % kind
        kinds.append(kind.decode())
        if kind == b"iTXt":
            keyword, rest = body.split(b"\0", 1)
            flag, method, rest = rest[0], rest[1], rest[2:]
            lang, rest = rest.split(b"\0", 1); translated, text = rest.split(b"\0", 1)
            texts.append((keyword.decode("latin-1"), flag, method, lang, translated, text.decode("utf-8")))
        if kind == b"IDAT": idat += body
        i += 12 + n
    assert kinds[0] == "IHDR" and kinds[-1] == "IEND", kinds
    zlib.decompress(idat)
    found = [t for t in texts if t[0] == "openbadgecredential"]
    assert len(found) == 1, found
    keyword, flag, method, lang, translated, text = found[0]
    assert (flag, method, lang, translated) == (0, 0, b"", b""), found[0]
    sys.stdout.write(text)
    """#

    @Test(arguments: ["tiny", "simple-json.png"])
    func pythonReadsWhatWeBake(_ source: String) throws {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile) else {
            Issue.record("python3 is needed for this interop test"); return
        }
        let image = source == "tiny" ? BakingRoundTripTests.tinyPNG
            : try Conformance.bytes(Conformance.ob3.appendingPathComponent(source))
        let text = #"{"name":"Ευχαριστώ — gracias — mulțumesc","n":1}"#
        let baked = try PNGBaker.bake(.json(text), into: image)
        let (status, output, errors) = try Self.runPython(python, script: Self.reader, input: baked)
        #expect(status == 0, "\(errors)")
        #expect(output == text)
    }

    static let svgReader = #"""
    import sys, xml.etree.ElementTree as ET
    root = ET.parse(sys.argv[1]).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
    found = root.findall("{https://purl.imsglobal.org/ob/v3p0}credential")
    assert len(found) == 1 and list(root)[0] is found[0], found
    sys.stdout.write(found[0].get("verify") or found[0].text)
    """#

    @Test(arguments: ["tiny", "simple-json.svg"])
    func pythonsXMLParserReadsTheBakedSVG(_ source: String) throws {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile) else {
            Issue.record("python3 is needed for this interop test"); return
        }
        let image = source == "tiny" ? BakingRoundTripTests.tinySVG
            : try Conformance.bytes(Conformance.ob3.appendingPathComponent(source))
        let text = #"{"name":"a ]]> b & <c>","n":1}"#
        for credential in [BakedCredential.json(text), .compactJWS("aGVhZA.Ym9keQ.c2ln")] {
            let (status, output, errors) = try Self.runPython(python, script: Self.svgReader, input: SVGBaker.bake(credential, into: image))
            #expect(status == 0, "\(errors)")
            #expect(output == credential.text)
        }
    }

    static func runPython(_ python: String, script: String, input: [UInt8]) throws -> (Int32, String, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("empass-bake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("input"), scriptFile = dir.appendingPathComponent("read.py")
        try Data(input).write(to: file)
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [scriptFile.path, file.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }
}
