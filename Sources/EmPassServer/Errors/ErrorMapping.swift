import Assessment
import Catalogue
import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// An RFC 9457 problem: the one shape every error takes before it becomes a response.
public struct Problem: Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// A URI naming the problem type (relative to the site).
    public var type: String
    public var title: String
    public var detail: String
    /// Extra headers, e.g. Retry-After on 429.
    public var headers: [String: String] = [:]
    /// Every problem found in a submitted document, each with its field path (422 on publication).
    public var issues: [ProblemIssue] = []
}

/// One entry of a problem's `issues` member.
public struct ProblemIssue: Sendable, Equatable, Encodable {
    public var path: String
    public var code: String
    public var severity: String
    public var message: String
}

/// The one place where errors from every module become HTTP statuses. Add a case here when a
/// module introduces a new error type (e.g. credential verification failures).
public enum ErrorMapping {
    public static func problem(for error: any Error) -> Problem {
        switch error {
        case let error as AppError:
            return problem(for: error)
        case let error as StorageError:
            switch error {
            case .duplicate: return make(.conflict, "conflict", "Already exists", error.description)
            case .notFound: return make(.notFound, "not-found", "Not found", error.description)
            case .immutable: return make(.conflict, "immutable", "Cannot change", error.description)
            case .concurrentUpdate: return make(.conflict, "concurrent-update", "Changed meanwhile", error.description + "; reload and try again")
            default: return make(.internalServerError, "internal", "Internal error", "The server could not complete the request.")
            }
        case let error as SpecLifecycleError:
            switch error {
            case .invalid(let issues):
                var problem = make(.unprocessableContent, "invalid-specification", "Specification is not valid",
                                   "\(issues.count) problem(s) block publication; see issues.")
                problem.issues = issues.map {
                    ProblemIssue(path: $0.path, code: $0.code.rawValue, severity: $0.severity.rawValue, message: $0.message)
                }
                return problem
            case .immutable, .notADraft, .notPublished, .reviseDraft:
                return make(.conflict, "spec-lifecycle", "Not allowed in this state", error.description)
            }
        case let error as QARecordInvalid:
            var problem = make(.unprocessableContent, "invalid-qa-record", "Quality-assurance record is not valid",
                               "\(error.issues.count) problem(s); see issues.")
            problem.issues = error.issues.map {
                ProblemIssue(path: $0.path, code: $0.code.rawValue, severity: $0.severity.rawValue, message: $0.message)
            }
            return problem
        case let error as CatalogueMappingError:
            return make(.unprocessableContent, "unmappable-specification", "Specification cannot be mapped", error.description)
        case let error as TestingError:
            return problem(for: error)
        case let error as TestSessionError:
            switch error {
            case .invalidRatings, .invalidDisplayOrder, .itemNotPresented, .itemNotInForm:
                return make(.unprocessableContent, "invalid-answer", "Invalid answer", error.description)
            case .illegalTransition, .alreadySubmitted, .timeExpired, .notStarted, .activeSessionExists:
                return make(.conflict, "test-session-state", "Not possible now", error.description)
            case .adaptiveSelectionFailed:
                return make(.internalServerError, "internal", "Internal error", "The server could not choose the next scenario.")
            }
        case let error as VerificationInputError:
            switch error {
            case .unsupportedMediaType:
                return make(.unsupportedMediaType, "unsupported-media-type", "Unsupported submission", error.description)
            case .empty, .notJSONOrImage, .unreadableImage, .malformedUpload:
                return make(.badRequest, "unverifiable-input", "Nothing to verify", error.description)
            }
        case let error as ShareLinkError:
            return make(.gone, "share-link-revoked", "Share link withdrawn", error.description)
        case let error as IssuanceError:
            switch error {
            case .specNotFound, .testCentreNotFound:
                return make(.notFound, "issuance-not-found", "Not found", error.description)
            case .idempotencyKeyReused:
                return make(.conflict, "idempotency-key-reused", "Idempotency key reused", error.description)
            case .organisationCannotIssue:
                return make(.forbidden, "cannot-issue", "Cannot issue", error.description)
            case .signingFailed:
                return make(.internalServerError, "internal", "Internal error", "The server could not sign the credential.")
            default:
                return make(.unprocessableContent, "invalid-award", "Credential cannot be issued", error.description)
            }
        case let error as BulkIssuanceError:
            switch error {
            case .fileTooLarge: return make(.contentTooLarge, "bulk-file-too-large", "Results file too large", error.description)
            case .unsupportedMediaType: return make(.unsupportedMediaType, "unsupported-media-type", "Unsupported upload", error.description)
            case .batchNotFound: return make(.notFound, "not-found", "Not found", error.description)
            case .emptyFile, .notUTF8, .unreadableCSV, .noHeader, .duplicateColumn, .orphanEstimateColumn, .noRows, .tooManyRows:
                return make(.unprocessableContent, "invalid-results-file", "Results file refused", error.description)
            }
        case let error as StatusListError:
            return make(.unprocessableContent, "invalid-status", "Invalid status information", error.description)
        case let error as HTTPError:
            return problem(forHTTPError: error)
        case let error as any HTTPResponseError:
            return make(error.status, slug(error.status), error.status.reasonPhrase, error.status.reasonPhrase)
        default:
            return make(.internalServerError, "internal", "Internal error", "The server could not complete the request.")
        }
    }

    static func problem(for error: AppError) -> Problem {
        switch error {
        case .unauthenticated:
            return make(.unauthorized, "unauthenticated", "Authentication required", "Log in or send an API token (Authorization: Bearer …).")
        case .forbidden(let why):
            return make(.forbidden, "forbidden", "Forbidden", why)
        case .csrfRejected:
            return make(.forbidden, "csrf", "CSRF token missing or invalid",
                        "This form must carry the CSRF token of your session. Reload the page and try again.")
        case .invalidCredentials:
            return make(.unauthorized, "invalid-credentials", "Wrong email or password", "The email or password is not correct.")
        case .throttled(let seconds):
            var problem = make(.tooManyRequests, "throttled", "Too many failed logins",
                               "Too many failed logins. Try again in \(seconds) seconds.")
            problem.headers["Retry-After"] = String(seconds)
            return problem
        case .notFound(let what):
            return make(.notFound, "not-found", "Not found", "\(what) does not exist.")
        case .malformedJSON(let reason):
            return make(.badRequest, "malformed-json", "Malformed JSON", reason)
        case .malformedForm(let reason):
            return make(.badRequest, "malformed-form", "Malformed form", reason)
        case .invalidInput(let reason):
            return make(.unprocessableContent, "invalid-input", "Invalid input", reason)
        case .bodyTooLarge(let limit):
            return make(.contentTooLarge, "body-too-large", "Request body too large",
                        "The request body exceeds the limit of \(limit) bytes.")
        case .conflict(let what):
            return make(.conflict, "conflict", "Conflict", what)
        case .databaseUnavailable:
            return make(.serviceUnavailable, "unavailable", "Service unavailable", "The database is not reachable.")
        }
    }

    static func problem(forHTTPError error: HTTPError) -> Problem {
        switch error.status {
        case .notFound:
            return make(.notFound, "not-found", "Not found", "No page or resource lives at this address.")
        case .contentTooLarge:
            return make(.contentTooLarge, "body-too-large", "Request body too large", error.body ?? "The request body exceeds the limit.")
        case .methodNotAllowed:
            return make(.methodNotAllowed, "method-not-allowed", "Method not allowed", "This address does not accept that method.")
        default:
            return make(error.status, slug(error.status), error.status.reasonPhrase, error.body ?? error.status.reasonPhrase)
        }
    }

    static func make(_ status: HTTPResponse.Status, _ slug: String, _ title: String, _ detail: String) -> Problem {
        Problem(status: status, type: "/problems/\(slug)", title: title, detail: detail)
    }

    static func slug(_ status: HTTPResponse.Status) -> String {
        status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "-")
    }

    static func problem(for error: TestingError) -> Problem {
        switch error {
        case .unknownForm, .sessionNotFound: make(.notFound, "not-found", "Not found", error.description)
        case .formNotSelfService, .notInCohort: make(.forbidden, "forbidden", "Forbidden", error.description)
        case .unknownAccessCode, .missingRatings, .unknownItem, .awardNotJustified:
            make(.unprocessableContent, "invalid-input", "Invalid input", error.description)
        case .sittingClosed, .awardExists: make(.conflict, "conflict", "Conflict", error.description)
        case .noSpecification: make(.serviceUnavailable, "unavailable", "Service unavailable", error.description)
        }
    }
}
