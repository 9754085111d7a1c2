// swift-tools-version: 6.1
import PackageDescription

// Arrows point down only: the server and CLI use the libraries, libraries never use the server.
// `LinkedData` and `Credentials` build without Hummingbird or a database so the offline verifier stays small.
let package = Package(
    name: "empass",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "empass", targets: ["empass"]),
        .library(name: "LinkedData", targets: ["LinkedData"]),
        .library(name: "Credentials", targets: ["Credentials"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0",
                 traits: [.defaults, "CommandLineArguments"]),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    ],
    targets: [
        // JSON value, JSON-LD 1.1 expansion/toRdf, N-Quads, RDFC-1.0, JCS. Pure: no I/O.
        .target(
            name: "LinkedData",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            exclude: ["JSONLD/CONFORMANCE.md"],
            resources: [.copy("Contexts")]
        ),
        // VC 2.0 / OB 3.0, Data Integrity, Multikey, did:key, verification pipeline.
        .target(
            name: "Credentials",
            dependencies: ["LinkedData", .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "CompressNIO", package: "compress-nio")]
        ),
        // IRT models, calibration, scoring, adaptive testing, DIF. Pure numerics.
        .target(
            name: "Psychometrics",
            dependencies: [.product(name: "Numerics", package: "swift-numerics")]
        ),
        // Micro-credential specifications, the skills framework, providers and QA. Pure.
        .target(
            name: "Catalogue",
            dependencies: ["LinkedData", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources")]
        ),
        // Item bank, test sessions, scoring to per-skill results, award decisions. Pure.
        .target(
            name: "Assessment",
            dependencies: ["Psychometrics"],
            resources: [.copy("Resources")]
        ),
        // Repository protocols and the one SQL implementation for SQLite and PostgreSQL.
        .target(
            name: "Storage",
            dependencies: [
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The Hummingbird application: routes, pages, auth, middleware, error mapping.
        .target(
            name: "EmPassServer",
            dependencies: [
                "Storage", "Credentials", "LinkedData", "Catalogue", "Assessment", "Psychometrics", "QRCode",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Templates"), .copy("Messages"), .copy("Public")]
        ),
        // libqrencode from the system (Debian libqrencode-dev) and a small Swift wrapper over it.
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .target(name: "QRCode", dependencies: ["CQRencode"]),
        .target(name: "CHeapTuning"),
        // HTTP fetching (did:web documents, status lists) for `empass verify --online`; not in Credentials,
        // so the offline verifier stays free of networking.
        .target(
            name: "OnlineResolution",
            dependencies: ["Credentials", .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        .executableTarget(
            name: "empass",
            dependencies: [
                "EmPassServer", "Storage", "Credentials", "LinkedData", "Psychometrics", "Catalogue", "Assessment",
                "OnlineResolution", "CHeapTuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
            ]
        ),
        .testTarget(name: "LinkedDataTests", dependencies: ["LinkedData"]),
        .testTarget(name: "CredentialsTests", dependencies: ["Credentials", "LinkedData"]),
        .testTarget(name: "PsychometricsTests", dependencies: ["Psychometrics"]),
        .testTarget(name: "CatalogueTests", dependencies: ["Catalogue", "LinkedData"]),
        .testTarget(name: "AssessmentTests", dependencies: ["Assessment", "Psychometrics"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(
            name: "OnlineResolutionTests",
            dependencies: ["OnlineResolution", "Credentials", "LinkedData", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        .testTarget(
            name: "EmPassServerTests",
            dependencies: [
                "EmPassServer", "Storage", "Catalogue", "LinkedData", "Assessment", "Psychometrics", "Credentials",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
