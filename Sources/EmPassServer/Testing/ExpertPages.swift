import Assessment
import Foundation
import Hummingbird
import Storage

/// Assessment experts' pages (platform administrators): item statistics, reliability per skill,
/// Mantel–Haenszel DIF between language or country groups, and the response export in the
/// `empass calibrate` CSV format.
///
/// - `GET /expert?group=language|country&reference=en&form=<id>`
/// - `GET /expert/responses.csv?group=…&form=…&skill=…` (one skill = one calibration scale)
struct ExpertPages {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        router.get("expert", use: overview)
        router.get("expert/responses.csv", use: export)
    }

    struct Query {
        var grouping: ItemStatistics.Grouping = .language
        var reference = "en"
        var formID: String?
        var skill: Assessment.SkillID?

        init(_ parameters: Parameters, catalogue: TestingCatalogue) throws {
            if let text = parameters.get("group"), !text.isEmpty {
                guard let grouping = ItemStatistics.Grouping(rawValue: text) else {
                    throw AppError.invalidInput("group must be language or country, got '\(text)'")
                }
                self.grouping = grouping
            }
            if let text = parameters.get("reference"), !text.isEmpty {
                guard text.count <= 8, text.allSatisfy({ $0.isLetter }) else {
                    throw AppError.invalidInput("reference must be a language or country code, got '\(text)'")
                }
                reference = grouping == .country ? text.uppercased() : text.lowercased()
            } else if grouping == .country {
                reference = "GR"
            }
            if let text = parameters.get("form"), !text.isEmpty {
                guard catalogue.form(text) != nil else { throw AppError.invalidInput("unknown test form '\(text)'") }
                formID = text
            }
            if let text = parameters.get("skill"), !text.isEmpty {
                guard let skill = Assessment.SkillID(rawValue: text) else { throw AppError.invalidInput("unknown skill '\(text)'") }
                self.skill = skill
            }
        }
    }

    private func statistics(_ query: Query) async throws -> ItemStatistics {
        let rows = try await services.testing.sessions.responsesForExport(formID: query.formID)
        var results: [TestSessionRecordID: [SkillResultRecord]] = [:]
        for id in Set(rows.map(\.sessionID)) { results[id] = try await services.testing.sessions.skillResults(sessionID: id) }
        return ItemStatistics(rows: rows, results: results, bank: services.testing.catalogue.bank, grouping: query.grouping,
                              reference: query.reference)
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.authorize(.viewItemStatistics)
        let query = try Query(request.uri.queryParameters, catalogue: services.testing.catalogue)
        let stats = try await statistics(query)
        let names = SkillNames(framework: services.skills, language: context.language)
        let page = ExpertPage(stats: stats, query: query, names: names)
        return try services.pages.render("expert", page: page, title: services.pages.catalogue.text("expert_title", context.language),
                                         context: context, path: "/expert")
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.authorize(.viewItemStatistics)
        let query = try Query(request.uri.queryParameters, catalogue: services.testing.catalogue)
        var matrix = try await statistics(query).matrix
        if let skill = query.skill { matrix = matrix.restricted(to: skill, in: services.testing.catalogue.bank) }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = #"attachment; filename="empass-responses\#(query.skill.map { "-\($0.rawValue)" } ?? "").csv""#
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: matrix.csv())))
    }
}

/// The expert overview's view model.
struct ExpertPage {
    struct Item {
        let id: String
        let skill: String
        let count: Int
        let mean: String
        let itemRest: String
        let exposure: String
    }

    struct Reliability {
        let skill: String
        let bank: String
        let empirical: String
        let sessions: Int
    }

    struct DIF {
        let item: String
        let skill: String
        let focal: String
        let referenceCount: Int
        let focalCount: Int
        let statistic: String
        let effect: String
        let classification: String
        let flagged: Bool
    }

    let sessionCount: Int
    let items: [Item]
    let hasItems: Bool
    let reliability: [Reliability]
    let dif: [DIF]
    let hasDIF: Bool
    let difNotes: String
    let grouping: String
    let byLanguage: Bool
    let byCountry: Bool
    let reference: String
    let exportHref: String

    init(stats: ItemStatistics, query: ExpertPages.Query, names: SkillNames) {
        func f(_ value: Double?, _ digits: Int = 2) -> String { value.map { String(format: "%.\(digits)f", $0) } ?? "—" }
        sessionCount = stats.sessionCount
        items = stats.items.map {
            Item(id: $0.itemID, skill: names.skill($0.skill.rawValue), count: $0.count, mean: f($0.meanScore), itemRest: f($0.itemRest),
                 exposure: f($0.exposure))
        }
        hasItems = !items.isEmpty
        reliability = stats.reliability.map {
            Reliability(skill: names.skill($0.skill.rawValue), bank: f($0.bankMarginal), empirical: f($0.empirical), sessions: $0.sessions)
        }
        dif = stats.dif.map {
            DIF(item: $0.result.item, skill: names.skill($0.skill.rawValue), focal: $0.result.focalGroup,
                referenceCount: $0.result.referenceCount, focalCount: $0.result.focalCount,
                statistic: $0.result.deltaMH.map { "Δ = " + f($0) } ?? "SMD = " + f($0.result.standardizedMeanDifference),
                effect: f($0.result.effectSize), classification: $0.result.classification.rawValue, flagged: $0.result.classification != .A)
        }
        hasDIF = !dif.isEmpty
        difNotes = stats.difNotes.map { names.skill($0) }.joined(separator: ", ")
        grouping = query.grouping.rawValue
        byLanguage = query.grouping == .language
        byCountry = query.grouping == .country
        reference = query.reference
        var exportQuery = "group=\(query.grouping.rawValue)"
        if let form = query.formID { exportQuery += "&form=\(form)" }
        exportHref = "/expert/responses.csv?\(exportQuery)"
    }
}
