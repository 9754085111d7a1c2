/// Why a status list or a status entry could not be read. The cases match the specification's
/// error types (STATUS_LIST_LENGTH_ERROR, RANGE_ERROR, STATUS_VERIFICATION_ERROR, …) via `specType`.
public enum StatusListError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyEncodedList
    case unsupportedMultibasePrefix(Character)
    case invalidBase64URL
    case notGZIP
    case corruptGZIP(String)
    case decodedListTooLarge(maximumBytes: Int)
    case listTooShort(bits: Int)
    case indexOutOfRange(index: Int, entries: Int)
    case invalidStatusSize(Int)
    case statusValueTooLarge(Int, statusSize: Int)
    case invalidEntry(String)
    case invalidListCredential(String)
    case purposeMismatch(entry: String, list: [String])
    case listCredentialMismatch(entry: String, list: String)

    public var description: String {
        switch self {
        case .emptyEncodedList: "encodedList is empty"
        case .unsupportedMultibasePrefix(let c): "encodedList must be multibase base64url ('u' prefix), not '\(c)'"
        case .invalidBase64URL: "encodedList is not valid base64url"
        case .notGZIP: "encodedList does not hold GZIP data"
        case .corruptGZIP(let why): "encodedList's GZIP data is corrupt (\(why))"
        case .decodedListTooLarge(let max): "the decompressed status list exceeds \(max) bytes"
        case .listTooShort(let bits): "the status list has \(bits) bits; at least \(StatusBitstring.minimumBitCount) are required"
        case .indexOutOfRange(let index, let entries): "status index \(index) is outside the list's \(entries) entries"
        case .invalidStatusSize(let size): "statusSize \(size) is not between 1 and \(StatusListEntry.maximumStatusSize)"
        case .statusValueTooLarge(let value, let size): "status value \(value) does not fit in \(size) bits"
        case .invalidEntry(let why): "invalid BitstringStatusListEntry: \(why)"
        case .invalidListCredential(let why): "invalid BitstringStatusListCredential: \(why)"
        case .purposeMismatch(let entry, let list):
            "the entry's statusPurpose \(entry) is not a purpose of the list (\(list.joined(separator: ", ")))"
        case .listCredentialMismatch(let entry, let list): "the entry points at \(entry) but the list credential is \(list)"
        }
    }

    /// The specification's name for this class of error (§3.2 "Processing Errors").
    public var specType: String {
        switch self {
        case .listTooShort: "STATUS_LIST_LENGTH_ERROR"
        case .indexOutOfRange: "RANGE_ERROR"
        case .purposeMismatch, .listCredentialMismatch, .invalidEntry, .invalidListCredential, .invalidStatusSize,
             .statusValueTooLarge: "STATUS_VERIFICATION_ERROR"
        case .emptyEncodedList, .unsupportedMultibasePrefix, .invalidBase64URL, .notGZIP, .corruptGZIP,
             .decodedListTooLarge: "MALFORMED_VALUE_ERROR"
        }
    }
}
