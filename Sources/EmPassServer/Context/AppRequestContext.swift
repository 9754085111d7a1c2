import Foundation
import Hummingbird
import Logging
import NIOCore
import Storage

/// Per-request state shared by middleware and routes.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// From `X-Request-Id` (when well-formed) or generated; echoed on the response.
    public var requestID: String = ""
    /// Who is calling (nil: anonymous). Set by `AuthenticationMiddleware`.
    public var principal: Principal?
    /// The negotiated page language. Set by `LanguageMiddleware`.
    public var language: Language = .english
    /// Whether `?lang=` asked to remember a language in a cookie.
    public var languageToRemember: Language?
    /// The peer address (no proxy headers are trusted).
    public let clientAddress: String?
    /// Set from configuration by `BodyLimitMiddleware` (used by Hummingbird's body collection too).
    public var bodyLimit: Int = 1 << 20

    public var maxUploadSize: Int { bodyLimit }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = Self.address(of: source.channel.remoteAddress)
    }

    static func address(of socket: SocketAddress?) -> String? {
        guard let socket else { return nil }
        return socket.ipAddress ?? socket.description
    }
}
