import Catalogue
import Foundation
import Hummingbird
import Logging
import Storage

/// Builds the EmPass application: opens and migrates the database, seeds demo data into an empty
/// one (printing the generated passwords once through `announce`: unbuffered stdout by default, so
/// they appear even when stdout is a file or pipe), ensures `EMPASS_ADMIN_TOKEN`,
/// and wires the middleware and routes. `empass serve` runs the result; tests drive it with
/// HummingbirdTesting.
public func buildApplication(
    config: AppConfig,
    clock: any WallClock = SystemWallClock(),
    random: any RandomSource = SystemRandomSource(),
    logger providedLogger: Logger? = nil,
    announce: @escaping @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
    configureServices: @Sendable (inout AppServices) -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    var logger = providedLogger ?? Logger(label: "empass")
    if providedLogger == nil { logger.logLevel = config.logLevel }

    // Before touching the database: a production server without its master key must not start.
    let masterKey = try MasterKeyLoader.load(config: config, random: random)
    let database = try await Database.open(config.database, logger: logger, maxConnectionsPerEventLoop: config.databaseConnectionsPerThread)
    let services: AppServices
    do {
        try await MigrationRunner(database: database, clock: clock, logger: logger).run()
        var made = try await makeServices(config: config, database: database, clock: clock, random: random, logger: logger,
                                          masterKey: masterKey)
        configureServices(&made)   // tests inject faults here
        services = made
        try await SpecCatalogue(services: services).seedFlagshipIfAbsent()
        if config.seedDemoData, let accounts = try await DemoSeeder(services: services).seedIfEmpty() {
            announce(DemoSeeder.announcement(accounts))
        }
        if config.seedDemoData { try await QualityDemoSeeder(services: services).seed() }
        // Positive awards whose credential was not issued (a failure or a stop in between).
        let caughtUp = await AwardCredentialIssuer(services: services).issueAwaiting()
        if caughtUp > 0 { services.logger.info("issued \(caughtUp) credential(s) for earlier awards") }
        // Bulk-issuance batches a stop interrupted carry on in the background, in row order.
        BulkIssuanceProcessor(services: services).startUnfinished()
        if let adminToken = config.adminToken {
            try await AdminTokenProvisioner(services: services).ensure(adminToken)
        }
    } catch {
        await database.shutdown()
        throw error
    }

    let router = try await buildRouter(services: services)
    logger.info("EmPass ready", metadata: ["database": .string(config.database.description),
                                           "address": .string("\(config.httpHost):\(config.httpPort)")])
    return Application(
        router: router,
        configuration: .init(address: .hostname(config.httpHost, port: config.httpPort), serverName: "EmPass"),
        services: [DatabaseService(database: database)],
        logger: logger
    )
}

func makeServices(config: AppConfig, database: Database, clock: any WallClock, random: any RandomSource,
                  logger: Logger, masterKey: MasterKey? = nil) async throws -> AppServices {
    let store = SQLStore(database: database, random: random)
    let catalogue = try MessageCatalogue.bundled()
    let ids = UUIDv7Generator(random: random)
    let masterKey = try masterKey ?? MasterKeyLoader.load(config: config, random: random)
    var services = AppServices(
        config: config, database: database, organisations: store, users: store, sessions: store, apiTokens: store,
        auditLog: store, loginThrottle: store, specs: store, qaRecords: store, skills: try SkillsFramework.bundled(), clock: clock, random: random, ids: ids, passwords: PasswordHasher(cost: config.bcryptCost),
        audit: AuditRecorder(log: store, clock: clock, ids: ids), pages: try await PageRenderer.bundled(catalogue: catalogue),
        metrics: HTTPMetrics(), logger: logger,
        testing: TestingContext(sessions: store, awards: store, cohorts: store, catalogue: try TestingCatalogue.bundled()),
        credentials: store, statusLists: store, issuerKeys: store,
        issuerKeyring: IssuerKeyring(store: store, masterKey: masterKey, clock: clock, ids: ids, random: random),
        credentialCanonicalizer: try CredentialContexts.canonicalizer(), shareLinks: store
    )
    // The verification page asks the platform's QA records about issuers that are its organisations.
    services.presentation.qualityAssurance = PlatformQualityAssurance(services: services)
    services.foreignStatusLists = VerifiedStatusListCache(clock: clock)
    return services
}

/// Middleware, outermost first: request id + access log → security headers → language → metrics → error mapping →
/// body limit → authentication → CSRF → routes.
func buildRouter(services: AppServices) async throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: LanguageMiddleware(cookies: services.cookies))
    router.add(middleware: HTTPMetricsMiddleware(metrics: services.metrics))
    router.add(middleware: ErrorMiddleware(pages: services.pages))
    router.add(middleware: BodyLimitMiddleware(limit: services.config.maxBodyBytes))
    router.add(middleware: AuthenticationMiddleware(services: services))
    router.add(middleware: CSRFMiddleware())

    OperationsRoutes(services: services).register(on: router)
    try StaticRoutes.bundled().register(on: router)
    try ContextRoutes.bundled().register(on: router)
    let decoyHash = try await services.passwords.hash(services.random.base64URLToken(byteCount: 16))
    PageRoutes(services: services, login: LoginService(services: services, decoyHash: decoyHash)).register(on: router)
    CataloguePages(services: services).register(on: router)
    ProviderPages(services: services).register(on: router)
    TestPages(services: services).register(on: router)
    CentrePages(services: services).register(on: router)
    ExpertPages(services: services).register(on: router)
    VerifyPages(services: services).register(on: router)
    WalletPages(services: services).register(on: router)
    IssuerDIDRoutes(services: services).register(on: router)
    StatusRoutes(services: services).register(on: router)
    IssuerPages(services: services).register(on: router)
    VCAPIRoutes(services: services).register(on: router)
    try OpenAPIRoutes.bundled().register(on: router)

    let api = router.group("api/v1")
    UsersAPI(services: services).register(on: api)
    TokensAPI(services: services).register(on: api)
    AuditAPI(services: services).register(on: api)
    CatalogueAPI(services: services).register(on: api)
    QualityAPI(services: services).register(on: api)
    IssuanceAPI(services: services).register(on: api)
    BulkIssuanceAPI(services: services).register(on: api)
    BulkIssuancePages(services: services).register(on: router)
    IssuanceSettingsAPI(services: services).register(on: api)
    return router
}
