/// How often each bank item has been given, and which items a new test may not use under an
/// exposure cap (`AdaptiveTestConfiguration.maximumExposure`, the restricted method).
///
/// An item whose administration rate among the persons tested so far has reached the cap is
/// ineligible for the next person; it becomes eligible again as other persons take other items.
/// So the rate of every item stays at or below the cap, apart from persons whose skill had no
/// eligible item left (the test then takes the skill's least exposed item, see `AdaptiveTest`).
/// The served test keeps the same counts in the item bank (items carry exposure counts).
public struct ExposureLedger: Sendable {
    public let cap: Double
    public private(set) var persons = 0
    public private(set) var administrations: [Int]

    public init(bankSize: Int, cap: Double) throws(PsychometricsError) {
        guard cap > 0, cap <= 1 else { throw .invalidArgument("the maximum exposure must be in (0, 1]; got \(cap)") }
        self.cap = cap
        administrations = [Int](repeating: 0, count: bankSize)
    }

    /// Per item, the rate after the coming person if they take it: (n_i + 1) / (N + 1). An item is
    /// eligible while this is at or below the cap, so the rate after the test stays within it.
    public var projectedRates: [Double] {
        let persons = Double(self.persons + 1)
        return administrations.map { Double($0 + 1) / persons }
    }

    /// Records one finished test's items.
    public mutating func record(test items: some Sequence<Int>) {
        persons += 1
        for item in items { administrations[item] += 1 }
    }
}
