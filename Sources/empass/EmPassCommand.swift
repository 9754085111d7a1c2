import ArgumentParser

/// The root command. It lives in its own `@main` file: an `AsyncParsableCommand` started from
/// `main.swift` compiles but fails at run time with ArgumentParser 1.8.2.
@main
struct EmPassCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "empass",
        abstract: "EmPass: soft-skill assessment and verifiable micro-credentials.",
        subcommands: [ServeCommand.self, MigrateCommand.self]
    )
}
