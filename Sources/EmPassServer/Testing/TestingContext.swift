import Foundation
import Storage

/// The testing feature's stores and catalogue, held by `AppServices.testing`.
public struct TestingContext: Sendable {
    public let sessions: any TestSessionStore
    public let awards: any AwardStore
    public let cohorts: any CohortStore
    public let catalogue: TestingCatalogue

    public init(sessions: any TestSessionStore, awards: any AwardStore, cohorts: any CohortStore, catalogue: TestingCatalogue) {
        self.sessions = sessions
        self.awards = awards
        self.cohorts = cohorts
        self.catalogue = catalogue
    }
}
