import LinkedData

/// Splitting a secured document into its unsecured part and its proofs, and assembling what a
/// chained proof signs (VC Data Integrity §4.2/§4.5: `previousProof` proofs are signed along).
enum ProofDocument {
    /// The document without `proof`, and its proofs in order (an object proof is a set of one).
    static func split(_ document: JSONObject) -> (unsecured: JSONObject, proofs: [JSONValue]) {
        var unsecured = document
        unsecured["proof"] = nil
        switch document["proof"] {
        case .array(let items): return (unsecured, items)
        case .some(let single): return (unsecured, [single])
        case .none: return (unsecured, [])
        }
    }

    /// The ids in a proof's `previousProof` (a string or an array of strings).
    static func previousProofIDs(_ proof: JSONObject) -> [String] {
        switch proof["previousProof"] {
        case .string(let id): [id]
        case .array(let ids): ids.compactMap(\.stringValue)
        default: []
        }
    }

    /// The unsecured document with `proof` set to the proofs `ids` names, in document order;
    /// throws the first id that no proof carries.
    static func withPreviousProofs(_ unsecured: JSONObject, ids: [String], allProofs: [JSONValue]) throws(DataIntegrityError) -> JSONObject {
        guard !ids.isEmpty else { return unsecured }
        for id in ids where !allProofs.contains(where: { $0["id"]?.stringValue == id }) {
            throw .previousProofNotFound(id)
        }
        var document = unsecured
        document["proof"] = .array(allProofs.filter { proof in proof["id"]?.stringValue.map(ids.contains) ?? false })
        return document
    }
}
