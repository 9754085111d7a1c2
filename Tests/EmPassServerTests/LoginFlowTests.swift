import Foundation
import HTTPTypes
import HummingbirdTesting
import Storage
import Testing
@testable import EmPassServer

@Suite("Login, session, account page and logout over HTTP")
struct LoginFlowTests {
    @Test("a seeded account logs in, sees its account page and logs out", arguments: TestEngines.all)
    func loginAccountLogout(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let browser = Browser(app.client)
            let learner = app.accounts[.learner]

            let form = try await browser.get("/login")
            #expect(form.status == .ok)
            #expect(browser.cookieAttributes["empass_csrf"]?.contains("HttpOnly") == true)

            let login = try await browser.logIn(learner.email, learner.password)
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/account")
            let attributes = try #require(browser.cookieAttributes["empass_session"])
            #expect(attributes.contains("HttpOnly"))
            #expect(attributes.contains("Secure"))
            #expect(attributes.contains("SameSite=Lax"))
            #expect(try await app.store.countSessions() == 1)
            // The cookie holds the id; the database holds only its hash.
            let cookie = try #require(browser.cookie("empass_session"))
            #expect(try await app.store.session(idHash: cookie, now: app.clock.now()) == nil)

            let account = try await browser.get("/account")
            #expect(account.status == .ok)
            #expect(account.text.contains(learner.email))
            #expect(account.text.contains("Demo VET School"))
            #expect(account.text.contains("Learner"))

            let csrf = try Browser.csrfToken(in: account)
            let logout = try await browser.post("/logout", form: [("csrf_token", csrf)])
            #expect(logout.status == .seeOther)
            #expect(try await app.store.countSessions() == 0)
            #expect(browser.cookie("empass_session") == nil)

            // The old cookie no longer opens the account page.
            browser.setCookie("empass_session", cookie)
            let after = try await browser.get("/account")
            #expect(after.status == .seeOther)
            #expect(after.headers[.location]?.hasPrefix("/login") == true)

            let actions = try await app.store.events(limit: 50, before: nil, action: nil).map(\.action)
            #expect(actions.contains(.login))
            #expect(actions.contains(.logout))
        }
    }

    @Test("a wrong password re-renders the form with 401 and changes no account data", arguments: TestEngines.all)
    func wrongPassword(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let browser = Browser(app.client)
            let before = try await app.counts()
            let response = try await browser.logIn(app.accounts[.assessor].email, "not-the-password")
            #expect(response.status == .unauthorized)
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(response.text.contains("The email address or password is not correct."))
            #expect(response.text.contains(#"value="\#(app.accounts[.assessor].email)""#))
            #expect(try await app.counts() == before)
            #expect(try await app.store.countEvents(action: .loginFailed) == 1)
        }
    }

    @Test("an unknown email gets the same 401 as a wrong password")
    func unknownEmail() async throws {
        try await TestHarness.withApp(.sqlite) { app in
            let response = try await Browser(app.client).logIn("nobody@example.org", "whatever-password")
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("The email address or password is not correct."))
        }
    }

    @Test("the login page is translated and remembers ?lang in a cookie")
    func translatedLogin() async throws {
        try await TestHarness.withApp(.sqlite) { app in
            let browser = Browser(app.client)
            let greek = try await browser.get("/login?lang=el")
            #expect(greek.text.contains(#"<html lang="el">"#))
            #expect(greek.text.contains("Κωδικός πρόσβασης"))
            #expect(browser.cookie("empass_lang") == "el")
            let again = try await browser.get("/login")
            #expect(again.text.contains(#"<html lang="el">"#))
            let wrong = try await browser.logIn(app.accounts[.learner].email, "nope-nope-nope")
            #expect(wrong.text.contains("Η διεύθυνση email ή ο κωδικός πρόσβασης δεν είναι σωστά."))
        }
    }
}
