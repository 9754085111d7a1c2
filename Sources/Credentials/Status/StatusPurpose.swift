/// Why a status list exists (Bitstring Status List 1.0 §2.1). A set bit means revoked (permanent),
/// suspended (reversible), refresh available, or points at a `statusMessage`.
public enum StatusPurpose: String, Sendable, Hashable, Codable, CaseIterable {
    case revocation, suspension, refresh, message
}
