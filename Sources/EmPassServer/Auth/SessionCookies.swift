import Foundation
import Hummingbird

/// Names and attributes of the cookies the site sets. All are HttpOnly; `Secure` follows
/// configuration (only plain-http localhost may turn it off).
struct SessionCookies: Sendable {
    static let session = "empass_session"
    /// Double-submit CSRF token for forms shown before login (the login form itself).
    static let anonymousCSRF = "empass_csrf"
    static let language = "empass_lang"

    let secure: Bool
    let sessionLifetime: TimeInterval

    func session(_ value: String) -> Cookie {
        Cookie(name: Self.session, value: value, maxAge: Int(sessionLifetime), path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func expiredSession() -> Cookie {
        Cookie(name: Self.session, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func anonymousCSRF(_ value: String) -> Cookie {
        Cookie(name: Self.anonymousCSRF, value: value, maxAge: 3600, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    func language(_ language: Language) -> Cookie {
        Cookie(name: Self.language, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
