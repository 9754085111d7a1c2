import Foundation
import QRCode

/// The images a credential is baked into for download. The SVG is a simple round badge with the
/// achievement and issuer names; the PNG is a QR code of the platform's verification page, so a
/// printed or forwarded badge leads a reader to where it can be checked.
enum BadgeArtwork {
    static func svg(achievement: String, issuer: String, issued: String) -> [UInt8] {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let title = escape(String(achievement.prefix(60))), by = escape(String(issuer.prefix(60)))
        return Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" role="img" aria-label="\(title)">
        <title>\(title)</title>
        <circle cx="200" cy="200" r="190" fill="#0b5fff"/>
        <circle cx="200" cy="200" r="170" fill="#ffffff"/>
        <text x="200" y="120" text-anchor="middle" font-family="sans-serif" font-size="28" font-weight="bold" fill="#0b5fff">EmPass</text>
        <text x="200" y="200" text-anchor="middle" font-family="sans-serif" font-size="18" fill="#1b1f24">\(title)</text>
        <text x="200" y="240" text-anchor="middle" font-family="sans-serif" font-size="14" fill="#5b6470">\(by)</text>
        <text x="200" y="280" text-anchor="middle" font-family="sans-serif" font-size="14" fill="#5b6470">\(escape(issued))</text>
        </svg>
        """.utf8)
    }

    static func png(verificationURL: String) throws -> [UInt8] {
        try QRCode(encoding: verificationURL, errorCorrection: .medium).png(scale: 8, quietZone: 4)
    }
}
