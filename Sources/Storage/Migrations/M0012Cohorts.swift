import SQLKit

/// Test-centre organisation of testing and practical evidence.
///
/// `cohorts` belong to a test centre; `cohort_members` lists learners (with their test language);
/// `sittings` open a form for a cohort behind an access code (unique while stored; a closed sitting
/// keeps its code so old links explain themselves); `practical_scores` keeps an assessor's rubric
/// scores (0–3 per criterion) for one learner and skill, as evidence for the award.
let m0012Cohorts = Migration(id: 12, name: "create cohorts, sittings and practical_scores", sql: [
    """
    CREATE TABLE cohorts (
        id TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL REFERENCES organisations (id),
        name TEXT NOT NULL,
        created_by TEXT REFERENCES users (id),
        created_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX cohorts_by_organisation ON cohorts (organisation_id, created_at)",
    """
    CREATE TABLE cohort_members (
        cohort_id TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
        learner_id TEXT NOT NULL REFERENCES users (id),
        language TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (cohort_id, learner_id)
    )
    """,
    """
    CREATE TABLE sittings (
        id TEXT PRIMARY KEY,
        cohort_id TEXT NOT NULL REFERENCES cohorts (id),
        form_id TEXT NOT NULL,
        access_code TEXT NOT NULL UNIQUE,
        opened_by TEXT REFERENCES users (id),
        opened_at TEXT NOT NULL,
        closed_at TEXT
    )
    """,
    "CREATE INDEX sittings_by_cohort ON sittings (cohort_id, opened_at)",
    """
    CREATE TABLE practical_scores (
        id TEXT PRIMARY KEY,
        learner_id TEXT NOT NULL REFERENCES users (id),
        assessor_id TEXT NOT NULL REFERENCES users (id),
        organisation_id TEXT NOT NULL REFERENCES organisations (id),
        skill TEXT NOT NULL,
        task TEXT NOT NULL,
        criteria_json TEXT NOT NULL,
        total BIGINT NOT NULL,
        maximum BIGINT NOT NULL,
        scored_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX practical_scores_by_learner ON practical_scores (learner_id, scored_at)",
])
