import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
@testable import EmPassServer

@Suite("Pages")
struct PageTests {
    @Test("the home page is mobile-ready, UTF-8, and links to every language", arguments: TestEngines.all)
    func homePage(engine: DatabaseEngine) async throws {
        try await TestHarness.withApp(engine) { app in
            let response = try await app.client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = response.text
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.contains(#"<html lang="en">"#))
            #expect(html.contains(#"<meta charset="utf-8">"#))
            #expect(html.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
            #expect(html.contains(#"href="/static/empass.css""#))
            for code in ["en", "el", "es", "ro"] {
                #expect(html.contains(#"href="/?lang=\#(code)" hreflang="\#(code)""#))
            }
            #expect(html.contains("Log in"))
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[.vary] == "Accept-Language, Cookie")
        }
    }

    @Test("Accept-Language picks the page language; the cookie beats it; ?lang beats both")
    func languages() async throws {
        try await TestHarness.withApp(.sqlite) { app in
            var headers = HTTPFields()
            headers[.acceptLanguage] = "es-ES,es;q=0.9,en;q=0.5"
            let spanish = try await app.client.execute(uri: "/", method: .get, headers: headers)
            #expect(spanish.text.contains(#"<html lang="es">"#))
            #expect(spanish.text.contains("Iniciar sesión"))
            headers[.cookie] = "empass_lang=ro"
            #expect(try await app.client.execute(uri: "/", method: .get, headers: headers).text.contains(#"<html lang="ro">"#))
            let greek = try await app.client.execute(uri: "/?lang=el", method: .get, headers: headers)
            #expect(greek.text.contains(#"<html lang="el">"#))
            #expect(greek.headers[values: .setCookie].contains { $0.hasPrefix("empass_lang=el") })
        }
    }

    @Test("user data is HTML-escaped on pages")
    func escaping() async throws {
        try await TestHarness.withApp(.sqlite) { app in
            let created = try await app.client.execute(
                uri: "/api/v1/users", method: .post, headers: .json(.bearer(TestHarness.adminToken)),
                body: ByteBuffer(string: #"{"email":"x@demo.empass.test","displayName":"<script>alert(1)</script>","password":"a-long-enough-password","role":"employer"}"#)
            )
            #expect(created.status == .created)
            let browser = Browser(app.client)
            try await browser.logIn("x@demo.empass.test", "a-long-enough-password")
            let page = try await browser.get("/account")
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.text.contains("<script>alert(1)</script>"))
        }
    }

    @Test("forms have labels for their inputs")
    func accessibleForms() async throws {
        try await TestHarness.withApp(.sqlite) { app in
            let html = try await app.client.execute(uri: "/login", method: .get).text
            #expect(html.contains(#"<label for="email">"#) && html.contains(#"id="email""#))
            #expect(html.contains(#"<label for="password">"#) && html.contains(#"id="password""#))
        }
    }

    @Test("the account page view model shows the organisation and hides revoked tokens' actions")
    func accountViewModel() {
        let organisation = Organisation(id: .init(UUID()), kind: .testCentre, slug: "s", name: "School", country: "RO", createdAt: Date())
        let user = User(id: .init(UUID()), email: "a@b.c", displayName: "A", passwordHash: "x", role: .assessor,
                        organisationID: organisation.id, createdAt: Date())
        let active = ApiToken(id: .init(UUID()), userID: user.id, name: "one", tokenHash: "h1", createdAt: Date())
        let revoked = ApiToken(id: .init(UUID()), userID: user.id, name: "two", tokenHash: "h2", createdAt: Date(), revokedAt: Date())
        let page = AccountPage(user: user, roleLabel: "Assessor", organisation: organisation, tokens: [active, revoked], canCreateTokens: true)
        #expect(page.organisationName == "School (RO)")
        #expect(page.tokens.map(\.active) == [false, true])
        #expect(page.newTokenSecret == nil)
    }
}
