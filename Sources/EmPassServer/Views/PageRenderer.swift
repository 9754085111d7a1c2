import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders a page: the page's own template with its view model, inside the base layout.
///
/// Page templates see `{{page.…}}` (their view model), `{{t.key}}` (messages in the request's
/// language) and `{{csrfToken}}`. The layout inserts the already-rendered, already-escaped page
/// body with `{{{body}}}` — the only triple mustache, never used for user data.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    public let catalogue: MessageCatalogue

    public init(library: MustacheLibrary, catalogue: MessageCatalogue) {
        self.library = library
        self.catalogue = catalogue
    }

    public static func bundled(catalogue: MessageCatalogue) async throws -> PageRenderer {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw ResourceError.missing("Templates")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: directory.path), catalogue: catalogue)
    }

    /// What each page template receives.
    struct BodyEnvelope {
        let page: Any
        let t: [String: String]
        let csrfToken: String
    }

    public func render(
        _ template: String, page: some Sendable, title: String, status: HTTPResponse.Status = .ok,
        context: AppRequestContext, path: String, csrfToken: String? = nil, refreshSeconds: Int? = nil
    ) throws -> Response {
        let strings = catalogue.strings(for: context.language)
        let csrf = csrfToken ?? context.principal?.csrfToken ?? ""
        guard let body = library.render(BodyEnvelope(page: page, t: strings, csrfToken: csrf), withTemplate: template) else {
            throw ResourceError.missing("Templates/\(template).mustache")
        }
        var layout = LayoutModel(
            language: context.language, title: title, strings: strings, principal: context.principal,
            csrfToken: csrf, path: path, body: body
        )
        layout.refreshSeconds = refreshSeconds
        guard let html = library.render(layout, withTemplate: "layout") else {
            throw ResourceError.missing("Templates/layout.mustache")
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentLanguage] = context.language.rawValue
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
