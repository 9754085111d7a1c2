import Assessment
import Crypto
import Foundation

/// The forms the server offers and the item bank they draw from, loaded once at start.
public struct TestingCatalogue: Sendable {
    /// A form as offered here: the Assessment form plus how learners may reach it.
    public struct OfferedForm: Sendable {
        public let form: Form
        /// A short practice form: clearly labelled on every page; few scenarios per skill.
        public let isDemo: Bool
        /// Learners may start it from their account page; other forms need a sitting's access code.
        public let selfService: Bool
    }

    public static let demoFormID: FormID = "empass-demo-v1"
    public static let fullFormID: FormID = "empass-adaptive-v1"

    public let bank: ItemBank
    /// `sha256:<hex>` of the bank's JSON export: names exactly which texts, keys and parameters scored a test.
    public let bankVersion: String
    public let forms: [OfferedForm]

    public init(bank: ItemBank, forms: [OfferedForm]) {
        self.bank = bank
        self.forms = forms
        let digest = SHA256.hash(data: ItemBankJSON.export(bank))
        self.bankVersion = "sha256:" + digest.map { String(format: "%02x", $0) }.joined()
    }

    /// The bundled bank with the two standard forms:
    /// - `empass-demo-v1`: adaptive, 1–2 scenarios per skill (stop at SE ≤ 0.90, which the first scenario chosen
    ///   reaches: 11 scenarios for simulated learners, at most 22), 20 minutes. A
    ///   taste of the test in a few minutes; its results are far less precise than the real test's.
    /// - `empass-adaptive-v1`: the real test — adaptive, 3–6 scenarios per skill, stop at SE ≤ 0.40,
    ///   60 minutes; reached through a sitting's access code at a test centre. Six per skill is the
    ///   issue's budget for a test of about 45 minutes; with the bundled bank (12 scenarios per skill,
    ///   provisional parameters) SE 0.40 is rarely reached before it, so simulated learners answer
    ///   close to 66 scenarios.
    public static func bundled() throws -> TestingCatalogue {
        let demo = Form(id: demoFormID, delivery: .adaptive(AdaptiveSettings(
            targetStandardError: 0.90, minimumItemsPerSkill: 1, maximumItemsPerSkill: 2, randomesqueCandidates: 3)),
            timeLimitSeconds: 20 * 60)
        let full = Form(id: fullFormID, delivery: .adaptive(AdaptiveSettings(maximumItemsPerSkill: 6)), timeLimitSeconds: 60 * 60)
        return TestingCatalogue(bank: try ItemBank.bundled(), forms: [
            OfferedForm(form: demo, isDemo: true, selfService: true),
            OfferedForm(form: full, isDemo: false, selfService: false),
        ])
    }

    public func form(_ id: String) -> OfferedForm? { forms.first { $0.form.id.rawValue == id } }
}
