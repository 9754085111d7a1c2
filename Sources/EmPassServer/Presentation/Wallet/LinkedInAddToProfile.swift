import Foundation

/// LinkedIn's "add to profile" link for a certification: the learner opens it while logged in to
/// LinkedIn and gets the certification form pre-filled (name, issuing organisation, issue date,
/// credential URL and id).
struct LinkedInAddToProfile {
    var name: String
    var organisationName: String
    var issued: Date
    var certificateURL: String?
    var certificateID: String?

    var url: String {
        var components = URLComponents(string: "https://www.linkedin.com/profile/add")!
        let calendar = Calendar(identifier: .gregorian)
        var utc = calendar
        utc.timeZone = TimeZone(identifier: "UTC")!
        let parts = utc.dateComponents([.year, .month], from: issued)
        var items = [
            URLQueryItem(name: "startTask", value: "CERTIFICATION_NAME"),
            URLQueryItem(name: "name", value: name),
            URLQueryItem(name: "organizationName", value: organisationName),
            URLQueryItem(name: "issueYear", value: String(parts.year ?? 1970)),
            URLQueryItem(name: "issueMonth", value: String(parts.month ?? 1)),
        ]
        if let certificateURL { items.append(URLQueryItem(name: "certUrl", value: certificateURL)) }
        if let certificateID { items.append(URLQueryItem(name: "certId", value: certificateID)) }
        components.queryItems = items
        // URLComponents leaves `+` and `&`-free text as is; encode `+` too so LinkedIn does not read a space.
        return components.url!.absoluteString.replacingOccurrences(of: "+", with: "%2B")
    }
}
