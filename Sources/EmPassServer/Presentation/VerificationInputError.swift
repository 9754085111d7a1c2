import Credentials

/// Why a submission to the verification page is not something we can verify at all (as opposed
/// to a credential that verifies as invalid, which is a verdict and answered 200).
public enum VerificationInputError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case notJSONOrImage
    case unreadableImage(BakingError)
    case malformedUpload(String)
    case unsupportedMediaType(String)

    public var description: String {
        switch self {
        case .empty: "Nothing was submitted: paste a credential or choose a badge image."
        case .notJSONOrImage: "The submission is neither credential JSON nor a PNG or SVG badge image."
        case .unreadableImage(let error): "The badge image could not be read: \(error)."
        case .malformedUpload(let why): "The upload is malformed: \(why)."
        case .unsupportedMediaType(let type): "Submissions must be a form (urlencoded or multipart), not \(type)."
        }
    }
}

/// A share link that exists but was revoked by its learner (410 Gone: it will not come back).
public enum ShareLinkError: Error, Sendable, Equatable, CustomStringConvertible {
    case revoked

    public var description: String {
        switch self {
        case .revoked: "The learner has withdrawn this share link. Ask them for a new one."
        }
    }
}
