import Foundation
import Testing
@testable import EmPassServer

/// Fails when a language lacks a key, or a template uses a key no catalogue defines.
@Suite("Message catalogues")
struct MessageCatalogueTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = packageRoot.appendingPathComponent("Sources/EmPassServer/Templates")

    @Test("every language has exactly the English keys, none empty", arguments: Language.allCases)
    func sameKeys(language: Language) throws {
        let catalogue = try MessageCatalogue.bundled()
        let english = try #require(catalogue.messages[.english])
        let own = try #require(catalogue.messages[language])
        #expect(Set(english.keys).subtracting(own.keys).sorted() == [], "missing in \(language.rawValue)")
        #expect(Set(own.keys).subtracting(english.keys).sorted() == [], "extra in \(language.rawValue)")
        #expect(own.filter { $0.value.trimmingCharacters(in: .whitespaces).isEmpty }.keys.sorted() == [])
    }

    @Test("translations are real: written in their own script and mostly different from English")
    func translationsAreReal() throws {
        let catalogue = try MessageCatalogue.bundled()
        let english = try #require(catalogue.messages[.english])
        for language in Language.allCases where language != .english {
            let own = try #require(catalogue.messages[language])
            let same = own.filter { english[$0.key] == $0.value && $0.key != "site_name" && $0.key != "home_title" }
            #expect(same.count <= 2, "\(language.rawValue) copies English for \(same.keys.sorted())")
        }
        let greek = try #require(catalogue.messages[.greek])
        #expect(greek["login_password"]!.unicodeScalars.contains { (0x0370...0x03FF).contains($0.value) })
        #expect(try #require(catalogue.messages[.romanian])["nav_logout"] == "Deconectare")
        #expect(try #require(catalogue.messages[.spanish])["nav_logout"] == "Cerrar sesión")
    }

    @Test("every {{t.key}} used by a template exists in every catalogue")
    func templatesUseKnownKeys() throws {
        let catalogue = try MessageCatalogue.bundled()
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.templates.path).filter { $0.hasSuffix(".mustache") }
        #expect(files.count >= 6)
        var used: Set<String> = []
        let pattern = try NSRegularExpression(pattern: #"\{\{[#^/]?\s*t\.([A-Za-z0-9_]+)\s*\}\}"#)
        for file in files {
            let text = try String(contentsOf: Self.templates.appendingPathComponent(file), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
            #expect(!text.contains("{{{") || file == "layout.mustache", "\(file) must not use triple mustache")
        }
        #expect(used.count > 30)
        for language in Language.allCases {
            let keys = Set(catalogue.messages[language]?.keys.map { $0 } ?? [])
            #expect(used.subtracting(keys).sorted() == [], "\(language.rawValue) lacks keys used by templates")
        }
        // Role names are looked up from code as role_<rawValue>.
        for role in ["platformAdmin", "orgAdmin", "assessor", "learner", "employer"] {
            #expect(catalogue.messages[.english]?["role_\(role)"] != nil)
        }
    }

    @Test("feature folders add their strings; a key defined twice is refused with its file")
    func featureFolders() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("messages-\(UUID().uuidString)")
        let feature = root.appendingPathComponent("wallet")
        try FileManager.default.createDirectory(at: feature, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        for language in Language.allCases {
            try Data(#"{"site_name": "EmPass"}"#.utf8).write(to: root.appendingPathComponent("\(language.rawValue).json"))
            try Data(#"{"wallet_title": "W-\#(language.rawValue)"}"#.utf8).write(to: feature.appendingPathComponent("\(language.rawValue).json"))
        }
        let catalogue = try MessageCatalogue.load(directory: root)
        #expect(catalogue.messages[.greek]?["wallet_title"] == "W-el")
        #expect(catalogue.messages[.english]?["site_name"] == "EmPass")

        try Data(#"{"site_name": "again"}"#.utf8).write(to: feature.appendingPathComponent("es.json"))
        #expect {
            try MessageCatalogue.load(directory: root)
        } throws: { error in
            "\(error)".contains("wallet/es.json") && "\(error)".contains("site_name")
        }
    }

    @Test("language negotiation: ?lang, then cookie, then Accept-Language by q, then English")
    func negotiation() {
        #expect(Language.negotiate(query: "el", cookie: "es", acceptLanguage: "ro") == .greek)
        #expect(Language.negotiate(query: "xx", cookie: "es", acceptLanguage: "ro") == .spanish)
        #expect(Language.negotiate(query: nil, cookie: nil, acceptLanguage: "de-DE, ro;q=0.5, es;q=0.9") == .spanish)
        #expect(Language.negotiate(query: nil, cookie: nil, acceptLanguage: "ro-RO") == .romanian)
        #expect(Language.negotiate(query: nil, cookie: nil, acceptLanguage: "de, fr;q=0.8") == .english)
        #expect(Language.negotiate(query: nil, cookie: nil, acceptLanguage: "es;q=0, el;q=0.1") == .greek)
    }
}
