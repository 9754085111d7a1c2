/// How an adaptive test ranks a skill's remaining items for the next administration.
public enum ItemSelectionCriterion: String, Sendable, CaseIterable, Codable {
    /// Maximum Fisher information at the current EAP estimate (the classic rule).
    case maximumInformation = "mfi"
    /// Maximum posterior-weighted information ∫ I_i(θ) p(θ | responses) dθ (van der Linden 1998): uses
    /// the whole posterior instead of its mean, which matters early, when the posterior is wide.
    case posteriorWeightedInformation = "mpwi"
    /// Minimum expected posterior variance Σ_k P(X_i = k | responses) Var(θ | responses, X_i = k)
    /// (Owen 1975; van der Linden 1998): aims straight at the stopping rule, the posterior SD.
    case minimumExpectedPosteriorVariance = "mepv"
}

/// Per-item tables on the quadrature nodes that the posterior-based criteria need.
struct ItemNodeTables: Sendable {
    /// P(X_i = k | θ_q) at [k * Q + q], per bank item.
    let probabilities: [[Double]]
    /// I_i(θ_q) per bank item.
    let information: [[Double]]

    init(bank: [ItemParameters], nodes: [Double]) {
        let Q = nodes.count
        probabilities = bank.map { item in
            var table = [Double](repeating: 0, count: item.categoryCount * Q)
            for (q, theta) in nodes.enumerated() {
                for (k, p) in item.probabilities(at: theta).enumerated() { table[k * Q + q] = p }
            }
            return table
        }
        information = bank.map { item in nodes.map { item.information(at: $0) } }
    }
}

extension ItemSelectionCriterion {
    /// A score to maximise for `item` given the skill's current estimate and normalised posterior weights.
    func score(item: Int, bank: [ItemParameters], tables: ItemNodeTables?, estimate: AbilityEstimate,
               posterior: [Double], nodes: [Double]) -> Double {
        switch self {
        case .maximumInformation:
            return bank[item].information(at: estimate.theta)
        case .posteriorWeightedInformation:
            let info = tables!.information[item]
            var total = 0.0
            for q in posterior.indices { total += posterior[q] * info[q] }
            return total
        case .minimumExpectedPosteriorVariance:
            // E[Var | X] = Σ_k (S2_k − S1_k² / S0_k) with S_m,k = Σ_q w_q P_k(θ_q) θ_q^m; negated to maximise.
            let table = tables!.probabilities[item]
            let Q = nodes.count
            var expected = 0.0
            for k in 0..<bank[item].categoryCount {
                var s0 = 0.0, s1 = 0.0, s2 = 0.0
                let offset = k * Q
                for q in 0..<Q {
                    let w = posterior[q] * table[offset + q]
                    let t = nodes[q]
                    s0 += w
                    s1 += w * t
                    s2 += w * t * t
                }
                if s0 > 1e-300 { expected += s2 - s1 * s1 / s0 }
            }
            return -expected
        }
    }
}
