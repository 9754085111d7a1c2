import SQLKit

/// Per-skill results of a scored session and award records.
///
/// `skill_results`: θ (EAP), SE (posterior SD), level from the cut scores, the number of scenarios
/// and the posterior probabilities P(θ ≥ cut) of levels 2–4, one row per (session, skill).
///
/// `awards`: everything a credential needs, frozen when the decision is made (spec id + exact
/// version, form, item-bank version, model, per-skill outcomes as JSON, test centre, supervision
/// and identity verification mode, who decided and on what basis). At most one award per session;
/// practical-evidence awards may have no session. `credential_id` is filled once, by issuance.
let m0011SkillResultsAndAwards = Migration(id: 11, name: "create skill_results and awards", sql: [
    """
    CREATE TABLE skill_results (
        session_id TEXT NOT NULL REFERENCES test_sessions (id) ON DELETE CASCADE,
        skill TEXT NOT NULL,
        framework_index BIGINT NOT NULL,
        theta DOUBLE PRECISION NOT NULL,
        standard_error DOUBLE PRECISION NOT NULL,
        level BIGINT NOT NULL,
        item_count BIGINT NOT NULL,
        p_level_2 DOUBLE PRECISION NOT NULL,
        p_level_3 DOUBLE PRECISION NOT NULL,
        p_level_4 DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (session_id, skill)
    )
    """,
    """
    CREATE TABLE awards (
        id TEXT PRIMARY KEY,
        learner_id TEXT NOT NULL REFERENCES users (id),
        session_id TEXT UNIQUE REFERENCES test_sessions (id),
        awarded BIGINT NOT NULL,
        spec_id TEXT NOT NULL,
        spec_version BIGINT NOT NULL,
        spec_content_hash TEXT NOT NULL,
        form_id TEXT,
        item_bank_version TEXT,
        model TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        organisation_id TEXT REFERENCES organisations (id),
        supervision TEXT,
        decided_by TEXT NOT NULL,
        assessor_id TEXT REFERENCES users (id),
        basis TEXT NOT NULL,
        rule_json TEXT NOT NULL,
        skills_json TEXT NOT NULL,
        credential_id TEXT
    )
    """,
    "CREATE INDEX awards_by_learner ON awards (learner_id, decided_at)",
])
