import CQRencode
import Synchronization

/// A QR code symbol made by libqrencode: its version, its width in modules, and which modules are
/// dark. Encodes bytes in 8-bit mode, so any UTF-8 text (a verification URL) goes in unchanged.
public struct QRCode: Sendable, Hashable {
    public enum ErrorCorrection: Sendable, Hashable, CaseIterable {
        /// Recovers about 7 %, 15 %, 25 % and 30 % of the symbol.
        case low, medium, quartile, high

        var level: QRecLevel {
            switch self {
            case .low: QR_ECLEVEL_L
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            case .high: QR_ECLEVEL_H
            }
        }
    }

    /// Symbol version, 1…40; the width is 17 + 4 × version.
    public let version: Int
    public let size: Int
    public let errorCorrection: ErrorCorrection
    /// Row-major, `size × size`; true is a dark module.
    public let modules: [Bool]

    /// libqrencode keeps no shared state when built with pthreads (Debian's is), but its header
    /// still warns; one lock costs nothing next to encoding and rules the question out.
    private static let lock = Mutex(())

    public init(encoding text: String, errorCorrection: ErrorCorrection = .medium) throws(QRCodeError) {
        try self.init(encoding: Array(text.utf8), errorCorrection: errorCorrection)
    }

    public init(encoding bytes: [UInt8], errorCorrection: ErrorCorrection = .medium) throws(QRCodeError) {
        guard !bytes.isEmpty else { throw .emptyInput }
        // A version-40 symbol holds at most 2,953 bytes (level L); say so before asking the library.
        guard bytes.count <= 2953 else { throw .tooLong(bytes: bytes.count) }
        let result: (Int, Int, [Bool])? = Self.lock.withLock { _ in
            guard let code = bytes.withUnsafeBufferPointer({ QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, errorCorrection.level) }) else {
                return nil
            }
            defer { QRcode_free(code) }
            let width = Int(code.pointee.width)
            // Bit 0 of each byte is the module colour; the other bits say what part of the symbol it is.
            let modules = (0..<(width * width)).map { code.pointee.data[$0] & 1 == 1 }
            return (Int(code.pointee.version), width, modules)
        }
        guard let (version, width, modules) = result else { throw .tooLong(bytes: bytes.count) }
        self.version = version
        self.size = width
        self.errorCorrection = errorCorrection
        self.modules = modules
    }

    public func isDark(row: Int, column: Int) -> Bool {
        guard (0..<size).contains(row), (0..<size).contains(column) else { return false }
        return modules[row * size + column]
    }

    /// The libqrencode version this binary is linked against, e.g. "4.1.1".
    public static var libraryVersion: String {
        guard let cString = QRcode_APIVersionString() else { return "unknown" }
        return String(cString: cString)
    }
}

public enum QRCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    case emptyInput
    case tooLong(bytes: Int)

    public var description: String {
        switch self {
        case .emptyInput: "nothing to encode in a QR code"
        case .tooLong(let bytes): "\(bytes) bytes do not fit in a QR code at this error-correction level"
        }
    }
}
