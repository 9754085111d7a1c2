import Foundation
import Testing
@testable import QRCode

@Suite struct QRCodeTests {
    static let url = "https://empass.example/verify/share/0192f1a2-7c3d-7e4f-8a9b-0c1d2e3f4a5b"

    @Test func sizeFollowsTheVersion() throws {
        for level in QRCode.ErrorCorrection.allCases {
            let code = try QRCode(encoding: Self.url, errorCorrection: level)
            #expect((1...40).contains(code.version))
            #expect(code.size == 17 + 4 * code.version)
            #expect(code.modules.count == code.size * code.size)
        }
        // More redundancy never needs a smaller symbol.
        let versions = try QRCode.ErrorCorrection.allCases.map { try QRCode(encoding: Self.url, errorCorrection: $0).version }
        #expect(versions == versions.sorted())
    }

    /// ISO/IEC 18004 §6.3.3: a 7×7 finder pattern (dark ring, light ring, 3×3 dark core) at three
    /// corners, with a light separator; timing patterns alternate along row and column 6.
    @Test func hasFinderAndTimingPatterns() throws {
        let code = try QRCode(encoding: Self.url)
        func finder(atRow r0: Int, column c0: Int) -> Bool {
            for r in 0..<7 {
                for c in 0..<7 {
                    let ring = max(abs(r - 3), abs(c - 3))
                    if code.isDark(row: r0 + r, column: c0 + c) != (ring != 2) { return false }
                }
            }
            return true
        }
        #expect(finder(atRow: 0, column: 0))
        #expect(finder(atRow: 0, column: code.size - 7))
        #expect(finder(atRow: code.size - 7, column: 0))
        #expect(!finder(atRow: code.size - 7, column: code.size - 7))
        for i in 8..<(code.size - 8) {
            #expect(code.isDark(row: 6, column: i) == (i % 2 == 0))
            #expect(code.isDark(row: i, column: 6) == (i % 2 == 0))
        }
    }

    @Test func differentTextDifferentSymbol() throws {
        #expect(try QRCode(encoding: "https://a.example/1").modules != QRCode(encoding: "https://a.example/2").modules)
        #expect(try QRCode(encoding: "same") == QRCode(encoding: "same"))
    }

    @Test func refusesEmptyAndOversizedInput() {
        #expect(throws: QRCodeError.emptyInput) { try QRCode(encoding: "") }
        #expect(throws: QRCodeError.tooLong(bytes: 3000)) { try QRCode(encoding: String(repeating: "x", count: 3000)) }
        // Fits at level L (2,953 bytes) but not at H.
        #expect(throws: QRCodeError.self) { try QRCode(encoding: [UInt8](repeating: 0x41, count: 2900), errorCorrection: .high) }
    }

    @Test func libraryVersionIsReported() {
        #expect(QRCode.libraryVersion.split(separator: ".").count == 3)
    }

    /// The SVG's path, read back module by module, is exactly the symbol (with its quiet zone).
    @Test func svgDrawsExactlyTheDarkModules() throws {
        let code = try QRCode(encoding: Self.url)
        let svg = code.svg(moduleSize: 3, quietZone: 4, title: "Verify <me> & \"you\"")
        #expect(svg.contains(#"viewBox="0 0 \#(code.size + 8) \#(code.size + 8)""#))
        #expect(svg.contains("<title>Verify &lt;me&gt; &amp; &quot;you&quot;</title>"))
        guard let d = svg.split(separator: #"d=""#).last?.split(separator: "\"").first else { Issue.record("no path"); return }
        var drawn = Set<Int>()
        for rect in d.split(separator: "z") {
            // M{x} {y}h{n}v1h-{n}
            let numbers = rect.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            guard numbers.count == 5 else { Issue.record("bad run \(rect)"); return }
            let (x, y, n) = (numbers[0] - 4, numbers[1] - 4, numbers[2])
            for column in x..<(x + n) { #expect(drawn.insert(y * code.size + column).inserted) }
        }
        let dark = Set(code.modules.indices.filter { code.modules[$0] })
        #expect(drawn == dark)
    }

    /// An independent decoder (zbar, Debian zbar-tools) reads back what we encoded.
    @Test(arguments: ["https://empass.example/verify?c=urn:uuid:1", url, "Ευχαριστώ — mulțumesc"])
    func zbarDecodesTheSymbol(_ text: String) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zbarimg") else {
            Issue.record("zbarimg (Debian zbar-tools) is needed for this test"); return
        }
        let code = try QRCode(encoding: text)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("empass-qr-\(UUID().uuidString).pgm")
        try Data(code.pgm(scale: 4)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["--raw", "-q", "-Sbinary", file.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines) == text)
    }

    /// The PNG rendering is a real PNG: Python's zlib inflates it back to the module pixels, and
    /// zbar decodes it.
    @Test func pngIsReadableAndDecodes() throws {
        let code = try QRCode(encoding: Self.url)
        let png = code.png(scale: 3, quietZone: 4)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("empass-qr-\(UUID().uuidString).png")
        try Data(png).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
        import struct, sys, zlib
        d = open(sys.argv[1], "rb").read(); i = 8; idat = b""
        while i < len(d):
            n, = struct.unpack(">I", d[i:i+4]); t = d[i+4:i+8]; body = d[i+8:i+8+n]
            assert zlib.crc32(t + body) & 0xffffffff == struct.unpack(">I", d[i+8+n:i+12+n])[0]
            if t == b"IHDR": w, h = struct.unpack(">II", body[:8])
            if t == b"IDAT": idat += body
            i += 12 + n
        raw = zlib.decompress(idat)
        assert len(raw) == (w + 1) * h
        print(w, sum(1 for r in range(h) for x in range(w) if raw[r * (w + 1) + 1 + x] == 0))
        """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        python.arguments = ["-c", script, file.path]
        let out = Pipe()
        python.standardOutput = out
        try python.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        let side = (code.size + 8) * 3
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == "\(side) \(code.modules.filter { $0 }.count * 9)")

        let zbar = Process()
        zbar.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        zbar.arguments = ["--raw", "-q", file.path]
        let decoded = Pipe()
        zbar.standardOutput = decoded
        zbar.standardError = FileHandle.nullDevice
        try zbar.run()
        let value = String(decoding: decoded.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        zbar.waitUntilExit()
        #expect(value.trimmingCharacters(in: .newlines) == Self.url)
    }
}
