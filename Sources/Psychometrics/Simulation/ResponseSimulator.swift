/// Simulates item banks and responses from known parameters (for tests, benchmarks and the CLI).
public enum ResponseSimulator {
    /// One category drawn from P(X = k | θ).
    public static func draw(_ item: ItemParameters, theta: Double, using rng: inout some RandomNumberGenerator) -> Int {
        let u = rng.nextUniform()
        // X ≥ k iff u < P*_k: count the thresholds passed.
        var x = 0
        for bk in item.b where u < logistic(item.a * (theta - bk)) { x += 1 }
        return x
    }

    /// A bank with a ~ U(aRange) and thresholds the sorted draws of `categories − 1` N(0, 1) values,
    /// consecutive thresholds at least `minimumGap` apart (one N(0,1) draw for a 2PL item), items named
    /// `<skill>-<n>` or `item<n>`.
    public static func bank(model: ResponseModel, itemsPerSkill: Int, categories: Int, skills: [String]?,
                            aRange: ClosedRange<Double> = 0.8...2.0, minimumGap: Double = 0.3,
                            using rng: inout some RandomNumberGenerator) -> [ItemParameters] {
        let thresholdCount = model == .twoPL ? 1 : categories - 1
        var items: [ItemParameters] = []
        for skill in skills ?? [""] {
            for n in 1...itemsPerSkill {
                let a = aRange.lowerBound + (aRange.upperBound - aRange.lowerBound) * rng.nextUniform()
                var b = (0..<thresholdCount).map { _ in rng.nextNormal() }.sorted()
                // Sorted draws can nearly coincide, leaving a middle category no one chooses; real
                // scenarios with a category that nobody picks are revised, so keep a gap of at least minimumGap.
                for k in 1..<max(1, b.count) where b[k] < b[k - 1] + minimumGap { b[k] = b[k - 1] + minimumGap }
                let id = skill.isEmpty ? "item\(n)" : "\(skill)-\(n)"
                items.append(ItemParameters(id: id, skill: skill.isEmpty ? nil : skill, model: model, a: a, b: b))
            }
        }
        return items
    }

    /// Responses of persons with the given abilities to every item (complete design).
    /// `thetaOf(person, item)` lets multi-skill banks use one θ per skill.
    public static func responses(items: [ItemParameters], thetas: [Double],
                                 using rng: inout some RandomNumberGenerator) -> ResponseMatrix {
        responses(items: items, persons: thetas.count, theta: { p, _ in thetas[p] }, using: &rng)
    }

    public static func responses(items: [ItemParameters], persons: Int, theta: (Int, Int) -> Double,
                                 using rng: inout some RandomNumberGenerator) -> ResponseMatrix {
        var cells: [Int32] = []
        cells.reserveCapacity(persons * items.count)
        for p in 0..<persons {
            for (j, item) in items.enumerated() { cells.append(Int32(draw(item, theta: theta(p, j), using: &rng))) }
        }
        let width = String(persons).count
        let ids = (0..<persons).map { p in
            let s = String(p + 1)
            return "p" + String(repeating: "0", count: width - s.count) + s
        }
        return try! ResponseMatrix(personIDs: ids, itemIDs: items.map(\.id), responses: cells)
    }
}
