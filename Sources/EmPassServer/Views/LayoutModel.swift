import Foundation
import Storage

/// The base layout's view model: language, navigation, who is logged in, and the page body.
struct LayoutModel {
    struct LanguageLink {
        let code: String
        let name: String
        let href: String
        let current: Bool
    }

    let lang: String
    let title: String
    let t: [String: String]
    let languages: [LanguageLink]
    let loggedIn: Bool
    let userName: String
    let isPlatformAdmin: Bool
    let csrfToken: String
    let body: String
    /// Seconds after which the page reloads itself (a `<meta http-equiv="refresh">`), for pages
    /// that show work in progress without JavaScript.
    var refreshSeconds: Int?

    init(language: Language, title: String, strings: [String: String], principal: Principal?, csrfToken: String,
         path: String, body: String) {
        self.lang = language.rawValue
        self.title = title
        self.t = strings
        self.languages = Language.allCases.map {
            LanguageLink(code: $0.rawValue, name: $0.nativeName, href: "\(path)?lang=\($0.rawValue)", current: $0 == language)
        }
        self.loggedIn = principal != nil
        self.userName = principal?.user.displayName ?? ""
        self.isPlatformAdmin = principal?.user.role == .platformAdmin
        self.csrfToken = csrfToken
        self.body = body
    }
}
