extension QRCode {
    /// The symbol as a standalone SVG: one path, each run of dark modules in a row drawn as one
    /// rectangle, a light quiet zone of `quietZone` modules (the standard asks for 4), crisp edges
    /// so printers and phone cameras see sharp modules. `title` is escaped for XML.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String? = nil) -> String {
        let total = size + 2 * quietZone
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else { column += 1; continue }
                let start = column
                while column < size, isDark(row: row, column: column) { column += 1 }
                path += "M\(start + quietZone) \(row + quietZone)h\(column - start)v1h-\(column - start)z"
            }
        }
        let pixels = total * moduleSize
        var svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(pixels)" height="\#(pixels)" viewBox="0 0 \#(total) \#(total)" shape-rendering="crispEdges" role="img""#
        if let title { svg += #" aria-label="\#(Self.escape(title))"><title>\#(Self.escape(title))</title>"# } else { svg += ">" }
        svg += #"<rect width="\#(total)" height="\#(total)" fill="white"/><path fill="black" d="\#(path)"/></svg>"#
        return svg
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Netpbm greyscale (P5) with the quiet zone, for tools that read pixels (the zbar decoder in
    /// the tests); `scale` pixels per module.
    public func pgm(scale: Int = 4, quietZone: Int = 4) -> [UInt8] {
        let total = (size + 2 * quietZone) * scale
        var out = Array("P5\n\(total) \(total)\n255\n".utf8)
        out.reserveCapacity(out.count + total * total)
        for y in 0..<total {
            let row = y / scale - quietZone
            for x in 0..<total {
                out.append(isDark(row: row, column: x / scale - quietZone) ? 0 : 255)
            }
        }
        return out
    }
}
