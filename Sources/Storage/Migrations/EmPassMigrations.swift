/// The schema's history, oldest first. Append only: add `Migration(id: <last + 1>, …)` at the end
/// (in its own file when it is long); never change one that has shipped.
public enum EmPassMigrations {
    public static let all: [Migration] = [
        m0001Organisations,
        m0002Users,
        m0003Sessions,
        m0004ApiTokens,
        m0005AuditEvents,
        m0006AuditEventsAppendOnly,
        m0007LoginFailures,
        m0008SpecVersions,
        m0009QARecords,
        m0010TestSessions,
        m0011SkillResultsAndAwards,
        m0012Cohorts,
        m0013IssuerKeys,
        m0014StatusLists,
        m0015IssuedCredentials,
        m0016StatusEntries,
        m0017ShareLinks,
        m0018IssuanceBatches,
        m0019StatusVersionsAndFormats,
        m0020BulkRowPrivacy,
    ]
}
