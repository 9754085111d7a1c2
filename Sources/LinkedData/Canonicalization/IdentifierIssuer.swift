/// RDFC-1.0 §4.5 identifier issuer over interned blank nodes (indexes into the dataset's blank node
/// table). A value type, so the N-degree algorithm's "copy of issuer" is a plain assignment; the
/// issued numbers live in an array indexed by blank node, so a copy is one small buffer, and
/// identifiers are written as bytes (`prefix` + decimal counter) only when a path or label needs them.
struct IdentifierIssuer {
    let prefix: [UInt8]
    private(set) var counter: Int32 = 0
    /// The number issued to each blank node, −1 when none yet.
    private var numbers: [Int32]
    /// Blank nodes in the order their identifiers were issued.
    private(set) var order: [Int] = []

    init(prefix: String, nodeCount: Int) {
        self.prefix = Array(prefix.utf8)
        numbers = Array(repeating: -1, count: nodeCount)
    }

    @inline(__always)
    func isIssued(_ node: Int) -> Bool { numbers[node] >= 0 }

    /// Issues the next identifier to `node` unless it has one already.
    @inline(__always)
    mutating func issue(_ node: Int) {
        guard numbers[node] < 0 else { return }
        numbers[node] = counter
        counter += 1
        order.append(node)
    }

    /// The identifier issued to `node`, if any.
    func identifier(for node: Int) -> String? {
        guard isIssued(node) else { return nil }
        var bytes: [UInt8] = []
        appendIdentifier(of: node, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `prefix` and the decimal number issued to `node` (which must have one).
    @inline(__always)
    func appendIdentifier(of node: Int, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: prefix)
        appendDecimal(Int(numbers[node]), to: &buffer)
    }
}

/// ASCII decimal digits of a non-negative integer.
@inline(__always)
func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
    if value < 10 { buffer.append(UInt8(ascii: "0") &+ UInt8(value)); return }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var rest = value
    withUnsafeMutableBytes(of: &digits) { d in
        while rest > 0 {
            d[count] = UInt8(ascii: "0") &+ UInt8(rest % 10)
            rest /= 10
            count += 1
        }
        for k in stride(from: count - 1, through: 0, by: -1) { buffer.append(d[k]) }
    }
}
