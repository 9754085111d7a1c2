/// Graded-response-model parameters of one scenario, and where they came from.
///
/// The GRM response is the scenario's category (see `ScenarioScoring`), so there is one
/// discrimination `a` and `categoryCount − 1` ordered thresholds `b`. These map one-to-one onto the
/// `Psychometrics` GRM item (discrimination, thresholds); see `Scoring/PsychometricsBridge.swift`.
public struct ScenarioParameters: Codable, Hashable, Sendable {
    public enum Model: String, Codable, Sendable, Hashable {
        /// Samejima's graded response model (the only model the bank uses: scenarios are polytomous).
        case grm
    }

    public var model: Model
    /// Discrimination (slope) on the logistic metric, without the 1.7 scaling constant.
    public var a: Double
    /// Ordered category boundaries b₁ < b₂ < …, one fewer than the number of categories.
    public var thresholds: [Double]
    public var provenance: ParameterProvenance
    /// Standard errors of `a` and `thresholds` when calibrated (nil for provisional values).
    public var standardErrors: StandardErrors?

    public struct StandardErrors: Codable, Hashable, Sendable {
        public var a: Double
        public var thresholds: [Double]
        public init(a: Double, thresholds: [Double]) {
            self.a = a
            self.thresholds = thresholds
        }
    }

    public init(
        model: Model = .grm, a: Double, thresholds: [Double], provenance: ParameterProvenance,
        standardErrors: StandardErrors? = nil
    ) {
        self.model = model
        self.a = a
        self.thresholds = thresholds
        self.provenance = provenance
        self.standardErrors = standardErrors
    }

    public var categoryCount: Int { thresholds.count + 1 }

    public var thresholdsAreOrdered: Bool {
        zip(thresholds, thresholds.dropFirst()).allSatisfy { $0 < $1 }
    }

    /// Range the issue allows for provisional discriminations.
    public static let plausibleProvisionalDiscrimination: ClosedRange<Double> = 0.8...2.0
    /// Wider range any parameter set (also calibrated) must stay in; outside it the estimate is
    /// degenerate and must not be used for scoring.
    public static let usableDiscrimination: ClosedRange<Double> = 0.2...4.0
    public static let usableThreshold: ClosedRange<Double> = -5.0...5.0
}

/// Where item parameters came from. Provisional values are expert-chosen placeholders; only
/// calibrated values come from data, and they say on which sample and when.
public enum ParameterProvenance: Codable, Hashable, Sendable {
    case provisional(note: String)
    case calibrated(CalibrationRecord)

    public var isProvisional: Bool {
        if case .provisional = self { return true }
        return false
    }

    private enum CodingKeys: String, CodingKey {
        case kind, note, sample, sampleSize, calibratedOn, method
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "provisional":
            self = .provisional(note: try container.decodeIfPresent(String.self, forKey: .note) ?? "")
        case "calibrated":
            self = .calibrated(
                CalibrationRecord(
                    sample: try container.decode(String.self, forKey: .sample),
                    sampleSize: try container.decode(Int.self, forKey: .sampleSize),
                    calibratedOn: try container.decode(String.self, forKey: .calibratedOn),
                    method: try container.decodeIfPresent(String.self, forKey: .method)))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "provenance kind must be provisional or calibrated, got \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .provisional(let note):
            try container.encode("provisional", forKey: .kind)
            try container.encode(note, forKey: .note)
        case .calibrated(let record):
            try container.encode("calibrated", forKey: .kind)
            try container.encode(record.sample, forKey: .sample)
            try container.encode(record.sampleSize, forKey: .sampleSize)
            try container.encode(record.calibratedOn, forKey: .calibratedOn)
            try container.encodeIfPresent(record.method, forKey: .method)
        }
    }
}

/// The sample and date a calibration used.
public struct CalibrationRecord: Hashable, Sendable {
    /// Who responded, e.g. "EmPass pilot 2026, VET students in GR/ES/RO".
    public var sample: String
    public var sampleSize: Int
    /// Calendar date of the calibration run, ISO 8601 `YYYY-MM-DD`.
    public var calibratedOn: String
    /// e.g. "MML-EM, 61 quadrature points (empass calibrate)".
    public var method: String?

    public init(sample: String, sampleSize: Int, calibratedOn: String, method: String? = nil) {
        self.sample = sample
        self.sampleSize = sampleSize
        self.calibratedOn = calibratedOn
        self.method = method
    }

    /// `YYYY-MM-DD` with a real month and day.
    public var hasValidDate: Bool {
        let parts = calibratedOn.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        return year >= 2000 && (1...12).contains(month) && (1...31).contains(day)
    }
}
