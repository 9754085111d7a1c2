import SQLKit

/// Test sessions and their responses.
///
/// `test_sessions` holds the session's scalar state in columns and the presented scenarios (item,
/// skill, response order, time shown) as JSON text in `presented_json`, so a resumed session shows
/// exactly the same screen. `revision` counts saves: a save names the revision it read and fails
/// if another request saved in between (optimistic concurrency; no lost answers).
///
/// "One active session per learner and form" is enforced by a partial unique index: both engines
/// support `CREATE UNIQUE INDEX … WHERE …`, and only rows in `created`/`inProgress` take part.
///
/// `test_responses` keeps one row per answered scenario with its four ratings in the item's
/// canonical response order (not the shuffled display order), keyed by (session, item): a re-post
/// updates the row instead of adding one.
let m0010TestSessions = Migration(id: 10, name: "create test_sessions and test_responses", sql: [
    """
    CREATE TABLE test_sessions (
        id TEXT PRIMARY KEY,
        learner_id TEXT NOT NULL REFERENCES users (id),
        form_id TEXT NOT NULL,
        language TEXT NOT NULL,
        state TEXT NOT NULL,
        seed TEXT NOT NULL,
        time_limit_seconds BIGINT,
        organisation_id TEXT REFERENCES organisations (id),
        sitting_id TEXT,
        created_at TEXT NOT NULL,
        started_at TEXT,
        deadline TEXT,
        submitted_at TEXT,
        submission_reason TEXT,
        scored_at TEXT,
        presented_json TEXT NOT NULL,
        revision BIGINT NOT NULL
    )
    """,
    "CREATE INDEX test_sessions_by_learner ON test_sessions (learner_id, created_at)",
    "CREATE INDEX test_sessions_by_sitting ON test_sessions (sitting_id)",
    """
    CREATE UNIQUE INDEX test_sessions_one_active ON test_sessions (learner_id, form_id)
    WHERE state IN ('created', 'inProgress')
    """,
    """
    CREATE TABLE test_responses (
        session_id TEXT NOT NULL REFERENCES test_sessions (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        rating_1 BIGINT NOT NULL,
        rating_2 BIGINT NOT NULL,
        rating_3 BIGINT NOT NULL,
        rating_4 BIGINT NOT NULL,
        answered_at TEXT NOT NULL,
        language TEXT NOT NULL,
        revisions BIGINT NOT NULL,
        PRIMARY KEY (session_id, item_id)
    )
    """,
    "CREATE INDEX test_responses_by_item ON test_responses (item_id)",
])
