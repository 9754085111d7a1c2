// swift-tools-version: 6.1
import Foundation
import PackageDescription

// libFuzzer targets for the LinkedData parsers, kept in their own package so the main build never
// sees the sanitizer flags. Build and run them with Fuzz/run.sh.
//
// A path dependency's identity is its directory name (`empass` in CI, the worktree's name
// elsewhere), so work it out instead of hard-coding it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = root.lastPathComponent

let package = Package(
    name: "EmPassFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzJSON",
            dependencies: [.product(name: "LinkedData", package: rootIdentity)]
        ),
        .executableTarget(
            name: "FuzzNQuads",
            dependencies: [.product(name: "LinkedData", package: rootIdentity)]
        ),
        .executableTarget(
            name: "FuzzJSONLD",
            dependencies: [.product(name: "LinkedData", package: rootIdentity)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
