/// Open Badges 3.0 baking for PNG (OB 3.0 §5.3.1): the credential goes in an iTXt chunk whose
/// keyword is `openbadgecredential`, uncompressed, with empty language tag and translated keyword;
/// the text is the JSON credential or the compact JWS. A PNG carries at most one such chunk.
public enum PNGBaker {
    public static let keyword = "openbadgecredential"

    /// Returns `png` with `credential` baked in. An earlier openbadgecredential chunk is replaced
    /// (re-baking a downloaded badge must not leave two credentials in it).
    public static func bake(_ credential: BakedCredential, into png: [UInt8]) throws(BakingError) -> [UInt8] {
        guard !credential.text.isEmpty else { throw .emptyCredential }
        var chunks = try PNGFile.read(png).filter { !isCredentialChunk($0) }
        // iTXt may sit anywhere between IHDR and IEND; right after IHDR lets a streaming reader
        // find the credential without reading the pixels.
        chunks.insert(PNGChunk(type: Array("iTXt".utf8), data: iTXtData(text: credential.text)), at: 1)
        return PNGFile.write(chunks)
    }

    public static func unbake(_ png: [UInt8]) throws(BakingError) -> BakedCredential {
        let found = try PNGFile.read(png).filter(isCredentialChunk)
        guard let chunk = found.first else { throw .notBaked }
        guard found.count == 1 else { throw .bakedMoreThanOnce(count: found.count) }
        return try BakedCredential.classify(try text(ofITXt: chunk.data))
    }

    static func iTXtData(text: String) -> [UInt8] {
        // keyword NUL, compression flag 0, method 0, language tag "" NUL, translated keyword "" NUL, text
        Array(keyword.utf8) + [0, 0, 0, 0, 0] + Array(text.utf8)
    }

    static func isCredentialChunk(_ chunk: PNGChunk) -> Bool {
        guard chunk.typeName == "iTXt", let nul = chunk.data.firstIndex(of: 0) else { return false }
        return chunk.data[..<nul].elementsEqual(keyword.utf8)
    }

    /// Splits iTXt (PNG §11.3.4.5): keyword\0 flag method language\0 translated\0 text.
    static func text(ofITXt data: [UInt8]) throws(BakingError) -> String {
        guard let keywordEnd = data.firstIndex(of: 0) else { throw .pngMalformedText(reason: "no keyword terminator") }
        guard keywordEnd <= 79 else { throw .keywordTooLong }
        var i = keywordEnd + 1
        guard data.count >= i + 2 else { throw .pngMalformedText(reason: "no compression fields") }
        let flag = data[i], method = data[i + 1]
        guard flag == 0 || flag == 1 else { throw .pngMalformedText(reason: "compression flag \(flag)") }
        if flag == 1 { throw .pngCompressedTextUnsupported }
        guard method == 0 else { throw .pngMalformedText(reason: "compression method \(method)") }
        i += 2
        guard let languageEnd = data[i...].firstIndex(of: 0) else { throw .pngMalformedText(reason: "no language tag terminator") }
        i = languageEnd + 1
        guard let translatedEnd = data[i...].firstIndex(of: 0) else { throw .pngMalformedText(reason: "no translated keyword terminator") }
        let body = Array(data[(translatedEnd + 1)...])
        guard let text = String(validating: body, as: UTF8.self) else { throw .credentialNotUTF8 }
        return text
    }
}
