import RealModule

/// The flat arrays of one EM run. Every table is slot-major with the Q quadrature nodes contiguous
/// (index = slot * Q + q), so the E-step is a sum of contiguous vectors per answered item, with no
/// allocation inside the person loop.
final class EMWorkspace {
    let layout: ItemLayout
    let quadrature: Quadrature
    let Q: Int
    let personCount: Int
    /// Answered slots per person, CSR: personSlots[personStart[i]..<personStart[i+1]].
    let personStart: [Int]
    let personSlots: [Int]
    /// log P(X_j = k | θ_q) per slot and node.
    var logP: [Double]
    /// Expected counts r_jkq = Σ_i [x_ij = k] posterior_i(q), filled by the E-step.
    var counts: [Double]

    init(data: ResponseMatrix, layout: ItemLayout, quadrature: Quadrature) {
        self.layout = layout
        self.quadrature = quadrature
        Q = quadrature.count
        personCount = data.personCount
        var start = [0]
        var slots: [Int] = []
        slots.reserveCapacity(data.responses.count)
        for p in 0..<data.personCount {
            for j in 0..<data.itemCount where data[p, j] >= 0 {
                slots.append(layout.base[j] + Int(data[p, j]))
            }
            start.append(slots.count)
        }
        personStart = start
        personSlots = slots
        logP = [Double](repeating: 0, count: layout.slotCount * Q)
        counts = [Double](repeating: 0, count: layout.slotCount * Q)
    }

    /// Category probabilities of item j at every node into `out[k * Q + q]`.
    func categoryProbabilities(item j: Int, a: Double, d: [Double], into out: inout [Double]) {
        let K = layout.categories[j]
        let nodes = quadrature.nodes
        for q in 0..<Q {
            var upper = 1.0
            for k in 0..<K {
                let lower = k == K - 1 ? 0.0 : logistic(a * nodes[q] + d[k])
                out[k * Q + q] = max(upper - lower, probabilityFloor)
                upper = lower
            }
        }
    }

    func fillLogProbabilities(a: [Double], d: [[Double]]) {
        var scratch = [Double](repeating: 0, count: (layout.categories.max() ?? 2) * Q)
        for j in 0..<layout.itemCount {
            categoryProbabilities(item: j, a: a[j], d: d[j], into: &scratch)
            let start = layout.base[j] * Q
            for i in 0..<(layout.categories[j] * Q) { logP[start + i] = Double.log(scratch[i]) }
        }
    }

    /// Runs `body(person, posterior)` for every person with the normalised posterior over nodes and
    /// returns the marginal log-likelihood Σ_i log Σ_q w_q Π_j P(x_ij | θ_q).
    func forEachPosterior(_ body: (Int, UnsafeMutableBufferPointer<Double>) -> Void) -> Double {
        var logLikelihood = 0.0
        let Q = self.Q
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Q) { post in
            logP.withUnsafeBufferPointer { logP in
                quadrature.logWeights.withUnsafeBufferPointer { logW in
                    personSlots.withUnsafeBufferPointer { slots in
                        for i in 0..<personCount {
                            for q in 0..<Q { post[q] = logW[q] }
                            for s in personStart[i]..<personStart[i + 1] {
                                let row = logP.baseAddress! + slots[s] * Q
                                for q in 0..<Q { post[q] += row[q] }
                            }
                            var top = -Double.infinity
                            for q in 0..<Q where post[q] > top { top = post[q] }
                            var sum = 0.0
                            for q in 0..<Q {
                                let e = Double.exp(post[q] - top)
                                post[q] = e
                                sum += e
                            }
                            let inv = 1 / sum
                            for q in 0..<Q { post[q] *= inv }
                            logLikelihood += top + Double.log(sum)
                            body(i, post)
                        }
                    }
                }
            }
        }
        return logLikelihood
    }

    /// E-step: expected counts r_jkq and the marginal log-likelihood.
    func expectationStep() -> Double {
        for i in counts.indices { counts[i] = 0 }
        let Q = self.Q
        return counts.withUnsafeMutableBufferPointer { r in
            personSlots.withUnsafeBufferPointer { slots in
                forEachPosterior { i, post in
                    for s in personStart[i]..<personStart[i + 1] {
                        let row = r.baseAddress! + slots[s] * Q
                        for q in 0..<Q { row[q] += post[q] }
                    }
                }
            }
        }
    }

    /// M-step for one item: Newton–Raphson on its expected complete-data log-likelihood.
    func maximisationStep(item j: Int, a: Double, d: [Double]) -> (Double, [Double]) {
        let K = layout.categories[j]
        let start = layout.base[j] * Q
        return quadrature.nodes.withUnsafeBufferPointer { nodes in
            counts.withUnsafeBufferPointer { all in
                let slice = UnsafeBufferPointer(rebasing: all[start..<(start + K * Q)])
                let step = ItemNewtonStep(nodes: nodes, counts: slice, categoryCount: K)
                // A few Newton steps per EM iteration suffice: EM itself is the outer iteration.
                return step.maximise(a: a, d: d, iterations: 4)
            }
        }
    }

    /// Standard errors from the cross-product of per-person score vectors of the marginal
    /// log-likelihood: s_i = Σ_q post_i(q) ∂ log P(x_ij | θ_q) / ∂η, information ≈ Σ_i s_i s_iᵀ.
    func crossProductStandardErrors(a: [Double], d: [[Double]]) -> [(seA: Double, seB: [Double])?] {
        let P = layout.slotCount
        let nodes = quadrature.nodes
        // Per slot (j, x) and node: ∂log P_x/∂a, ∂/∂d_x, ∂/∂d_{x+1}.
        var dA = [Double](repeating: 0, count: P * Q)
        var dUp = [Double](repeating: 0, count: P * Q)
        var dLow = [Double](repeating: 0, count: P * Q)
        for j in 0..<layout.itemCount {
            let K = layout.categories[j]
            for q in 0..<Q {
                let theta = nodes[q]
                var sPrev = 1.0, wPrev = 0.0
                for k in 0..<K {
                    let s = k == K - 1 ? 0.0 : logistic(a[j] * theta + d[j][k])
                    let w = s * (1 - s)
                    let p = max(sPrev - s, probabilityFloor)
                    let slot = (layout.base[j] + k) * Q + q
                    dA[slot] = theta * (wPrev - w) / p
                    dUp[slot] = wPrev / p
                    dLow[slot] = -w / p
                    sPrev = s; wPrev = w
                }
            }
        }
        // Map slot → item, category.
        var itemOfSlot = [Int](repeating: 0, count: P)
        for j in 0..<layout.itemCount { for k in 0..<layout.categories[j] { itemOfSlot[layout.base[j] + k] = j } }
        var information = [Double](repeating: 0, count: P * P)
        let derivA = dA, derivUp = dUp, derivLow = dLow, slotItem = itemOfSlot
        let Q = self.Q
        let base = layout.base, categories = layout.categories
        let maxEntries = 3 * layout.itemCount
        withUnsafeTemporaryAllocation(of: Int.self, capacity: maxEntries) { index in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: maxEntries) { value in
                information.withUnsafeMutableBufferPointer { info in
                    _ = forEachPosterior { i, post in
                        var n = 0
                        for s in personStart[i]..<personStart[i + 1] {
                            let slot = personSlots[s]
                            let j = slotItem[slot]
                            let x = slot - base[j]
                            var sa = 0.0, su = 0.0, sl = 0.0
                            let off = slot * Q
                            for q in 0..<Q {
                                sa += post[q] * derivA[off + q]
                                su += post[q] * derivUp[off + q]
                                sl += post[q] * derivLow[off + q]
                            }
                            index[n] = base[j]; value[n] = sa; n += 1
                            if x >= 1 { index[n] = base[j] + x; value[n] = su; n += 1 }
                            if x + 1 <= categories[j] - 1 { index[n] = base[j] + x + 1; value[n] = sl; n += 1 }
                        }
                        // Indices increase within a person, so filling the upper triangle only is enough.
                        for u in 0..<n {
                            let row = info.baseAddress! + index[u] * P
                            let vu = value[u]
                            for v in u..<n { row[index[v]] += vu * value[v] }
                        }
                    }
                }
            }
        }
        for r in 0..<P { for c in 0..<r { information[r * P + c] = information[c * P + r] } }
        let covariance = CholeskySolver.inverse(information, size: P)
        var out: [(seA: Double, seB: [Double])?] = []
        for j in 0..<layout.itemCount {
            let K = layout.categories[j]
            let base = layout.base[j]
            // Joint inverse when possible; otherwise the item's own block.
            var block = [Double](repeating: 0, count: K * K)
            if let covariance {
                for x in 0..<K { for y in 0..<K { block[x * K + y] = covariance[(base + x) * P + base + y] } }
            } else {
                var own = [Double](repeating: 0, count: K * K)
                for x in 0..<K { for y in 0..<K { own[x * K + y] = information[(base + x) * P + base + y] } }
                guard let inv = CholeskySolver.inverse(own, size: K) else { out.append(nil); continue }
                block = inv
            }
            let aj = a[j]
            let varA = block[0]
            var seB: [Double] = []
            for k in 1..<K {
                // b_k = −d_k / a: ∂b/∂a = d_k / a², ∂b/∂d_k = −1/a.
                let ga = d[j][k - 1] / (aj * aj)
                let gd = -1 / aj
                let v = ga * ga * varA + gd * gd * block[k * K + k] + 2 * ga * gd * block[k]
                seB.append(max(v, 0).squareRoot())
            }
            out.append((max(varA, 0).squareRoot(), seB))
        }
        return out
    }

    /// RMSD item fit from the expected counts of the last E-step (see `ItemFit`).
    func itemFit(a: [Double], d: [[Double]]) -> [ItemFit] {
        var fits: [ItemFit] = []
        var model = [Double](repeating: 0, count: (layout.categories.max() ?? 2) * Q)
        for j in 0..<layout.itemCount {
            let K = layout.categories[j]
            let start = layout.base[j] * Q
            categoryProbabilities(item: j, a: a[j], d: d[j], into: &model)
            var nq = [Double](repeating: 0, count: Q)
            for k in 0..<K { for q in 0..<Q { nq[q] += counts[start + k * Q + q] } }
            let n = nq.reduce(0, +)
            var worst = 0.0
            for k in 0..<K {
                var sum = 0.0
                for q in 0..<Q where nq[q] > 0 {
                    let observed = counts[start + k * Q + q] / nq[q]
                    let diff = observed - model[k * Q + q]
                    sum += (nq[q] / n) * diff * diff
                }
                worst = max(worst, sum.squareRoot())
            }
            let responses = Int((n).rounded())
            fits.append(ItemFit(statistic: ItemFit.statisticName, value: worst,
                                flagged: worst > ItemFit.flagThreshold, responses: responses))
        }
        return fits
    }
}
