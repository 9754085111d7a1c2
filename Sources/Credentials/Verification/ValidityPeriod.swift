import Foundation
import LinkedData

/// validFrom/validUntil (VC 2.0) or issuanceDate/expirationDate (VC 1.1) against the injected clock.
enum ValidityPeriod {
    static func check(_ credential: JSONObject, model: CredentialModel, now: Date, into report: inout VerificationReport) {
        let (fromKey, untilKey) = model == .v2 ? ("validFrom", "validUntil") : ("issuanceDate", "expirationDate")
        let requireZone = model == .v2
        let from = credential[fromKey]?.stringValue.flatMap { DateTimeStamp.parse($0, requireTimeZone: requireZone) }
        let until = credential[untilKey]?.stringValue.flatMap { DateTimeStamp.parse($0, requireTimeZone: requireZone) }
        let nowText = DateTimeStamp.format(now)
        if let from, let until, until < from {
            report.add(.validityPeriod, .fail, .validUntilBeforeValidFrom, "\(untilKey) is before \(fromKey)")
        } else if let from, now < from {
            report.add(.validityPeriod, .fail, .notYetValid, "not valid until \(DateTimeStamp.format(from)) (now \(nowText))")
        } else if let until, now > until {
            report.add(.validityPeriod, .fail, .expired, "expired at \(DateTimeStamp.format(until)) (now \(nowText))")
        } else if from == nil, until == nil {
            report.add(.validityPeriod, .pass, .noValidityPeriod, "no validity period stated")
        } else {
            report.add(.validityPeriod, .pass, .ok, "valid at \(nowText)")
        }
    }
}
