import ArgumentParser

/// The root command. It lives in its own `@main` file: an `AsyncParsableCommand` started from
/// `main.swift` compiles but fails at run time with ArgumentParser 1.8.2.
@main
struct EmPassCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "empass",
        abstract: "EmPass: soft-skill assessment and verifiable micro-credentials.",
        subcommands: [
            // Server: run the web application, apply database migrations.
            ServeCommand.self, MigrateCommand.self,
            // Credentials: keys, canonical form, signing and offline verification.
            KeysCommand.self, CanonicalizeCommand.self, SignCommand.self, VerifyCommand.self,
            // Catalogue: specifications, research CSV, ELM and Achievement export.
            CatalogueCommand.self,
            // Assessment: the situational-judgement item bank.
            ItemBankCommand.self,
            // Psychometrics: calibration, scoring, DIF, adaptive-test simulation.
            CalibrateCommand.self, ScoreCommand.self, DIFCommand.self, SimulateCATCommand.self,
            SimulateResponsesCommand.self,
            // Benchmarks.
            BenchCommand.self,
        ]
    )
}
