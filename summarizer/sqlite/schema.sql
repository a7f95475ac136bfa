-- The schema of a summarize store, version 2 (version 1 without the batches table). Every report is one cable row with its
-- paragraphs, sections, stances and evidence; runs record who wrote them. Lists are JSON
-- arrays in TEXT columns. Documented, with example queries, in the README.

CREATE TABLE runs (
    id                INTEGER PRIMARY KEY,
    started_at        TEXT NOT NULL,           -- RFC 3339, UTC
    finished_at       TEXT,                    -- NULL while running, or for a run that was killed
    status            TEXT NOT NULL,           -- running, done, partial, cancelled
    command           TEXT NOT NULL,           -- the command line, without secrets
    provider          TEXT NOT NULL,           -- openai or offline
    model             TEXT NOT NULL,
    endpoint          TEXT NOT NULL,           -- host of the base URL
    prompt_version    TEXT NOT NULL,
    labels            TEXT NOT NULL,           -- JSON array
    fingerprint       TEXT NOT NULL,           -- engine, model, labels and prompt version, hashed
    cables            INTEGER NOT NULL DEFAULT 0,  -- stored by this run
    skipped           INTEGER NOT NULL DEFAULT 0,  -- already stored with the same fingerprint
    sections          INTEGER NOT NULL DEFAULT 0,
    failed_sections   INTEGER NOT NULL DEFAULT 0,
    requests          INTEGER NOT NULL DEFAULT 0,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE cables (
    id              TEXT PRIMARY KEY,          -- reference id: 07PARIS2726
    date            TEXT,                      -- YYYY-MM-DD
    dtg             TEXT,                      -- 260849Z JUN 07
    origin          TEXT,                      -- AMEMBASSY PARIS
    classification  TEXT,                      -- CONFIDENTIAL
    caveats         TEXT NOT NULL,             -- JSON array: ["NOFORN"]
    subject         TEXT,
    tags            TEXT NOT NULL,             -- the TAGS as written, space separated (also in cable_tags)
    refs            TEXT NOT NULL,             -- JSON array of {letter, id, text}
    signer          TEXT,
    classified_by   TEXT,
    source          TEXT,                      -- the file it was read from
    header          TEXT NOT NULL,             -- JSON object: the rest of the header (to, info, eo, declassify_on,
                                               -- reasons, summary, participants, the parser's warnings)
    numbered        INTEGER NOT NULL,
    total_sections  INTEGER NOT NULL,
    bottom_line     TEXT NOT NULL,
    key_points      TEXT NOT NULL,             -- JSON array
    unsupported     TEXT NOT NULL,             -- JSON array: what the overview names that the cable does not
    warnings        TEXT NOT NULL,             -- JSON array
    usage           TEXT NOT NULL,             -- JSON object
    engine          TEXT NOT NULL,             -- JSON object
    complete        INTEGER NOT NULL,          -- 0: a cancelled run's partial report
    failed_sections INTEGER NOT NULL,
    fingerprint     TEXT NOT NULL,
    run_id          INTEGER NOT NULL REFERENCES runs(id),
    stored_at       TEXT NOT NULL
);
CREATE INDEX cables_date ON cables(date);
CREATE INDEX cables_origin ON cables(origin);

CREATE TABLE cable_tags (
    cable_id TEXT NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    PRIMARY KEY (cable_id, tag)
) WITHOUT ROWID;
CREATE INDEX cable_tags_tag ON cable_tags(tag);

CREATE TABLE paragraphs (
    cable_id TEXT NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
    number   INTEGER NOT NULL,
    marking  TEXT NOT NULL,                    -- C, SBU, S/NF; '' when none
    text     TEXT NOT NULL,
    PRIMARY KEY (cable_id, number)
) WITHOUT ROWID;

CREATE TABLE sections (
    id              INTEGER PRIMARY KEY,
    cable_id        TEXT NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,          -- position in the cable, from 0
    title           TEXT NOT NULL,             -- '' for a section without a heading
    topic           TEXT NOT NULL,             -- the title, or Summary / Preamble / Comment / Body
    kind            TEXT NOT NULL,             -- preamble, summary, topic, comment, body
    style           TEXT NOT NULL,             -- heading style; '' when none
    first_paragraph INTEGER,
    last_paragraph  INTEGER,
    paragraphs      TEXT NOT NULL,             -- JSON array of paragraph numbers
    summary         TEXT NOT NULL,
    key_points      TEXT NOT NULL,             -- JSON array
    unsupported     TEXT NOT NULL,             -- JSON array: what the summary names that the text does not
    ungrounded      INTEGER NOT NULL,          -- quotes not found in their paragraph
    error           TEXT NOT NULL,             -- '' when the section succeeded
    UNIQUE (cable_id, idx)
);
CREATE INDEX sections_topic ON sections(topic COLLATE NOCASE);

CREATE TABLE stances (
    id          INTEGER PRIMARY KEY,
    section_id  INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    cable_id    TEXT NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,              -- position in the section, from 0
    actor       TEXT NOT NULL,                 -- as named in the cable: FM Kouchner
    actor_key   TEXT NOT NULL,                 -- merged name: kouchner; country:france for a government
    affiliation TEXT NOT NULL,                 -- France; '' when unknown
    target      TEXT NOT NULL,                 -- the proposition
    label       TEXT NOT NULL,                 -- supports, conditional, neutral, skeptical, opposes
    voice       TEXT NOT NULL                  -- reported, embassy, instruction
);
CREATE INDEX stances_actor_key ON stances(actor_key);
CREATE INDEX stances_affiliation ON stances(affiliation COLLATE NOCASE);
CREATE INDEX stances_cable ON stances(cable_id);
CREATE INDEX stances_section ON stances(section_id);

CREATE TABLE evidence (
    stance_id INTEGER NOT NULL REFERENCES stances(id) ON DELETE CASCADE,
    cable_id  TEXT NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
    paragraph INTEGER NOT NULL,
    quote     TEXT NOT NULL,
    grounded  INTEGER NOT NULL                 -- 1: the quote was found in its paragraph
);
CREATE INDEX evidence_stance ON evidence(stance_id);
CREATE INDEX evidence_cable ON evidence(cable_id);

-- Full text of every section (its paragraphs), its title and its summary. Contentless (the
-- text is in paragraphs already): match it and join sections on rowid = sections.id.
CREATE VIRTUAL TABLE section_text USING fts5(title, text, summary, content='', detail='column');

-- One row per stance with its cable and section: the table most questions start from.
CREATE VIEW positions AS
SELECT c.date, c.id AS cable_id, c.origin, x.topic, x.kind, s.actor, s.actor_key, s.affiliation,
       s.label, s.target, s.voice, s.id AS stance_id, x.id AS section_id
FROM stances s
JOIN sections x ON x.id = s.section_id
JOIN cables c ON c.id = s.cable_id;

-- The batches of `summarize --batch` runs (OpenAI's Batch API), so that an interrupted
-- command resumes polling them. Version 2; migration_2.sql adds it to a version-1 store.
CREATE TABLE batches (
    input_file_id TEXT PRIMARY KEY,            -- the uploaded input file at the endpoint
    batch_id      TEXT,                        -- NULL until the batch is created
    file          TEXT NOT NULL,               -- the local input file
    round         INTEGER NOT NULL,            -- 1: sections; 2: overviews and merges; ...
    endpoint      TEXT NOT NULL,               -- base URL the batch lives at
    requests      INTEGER NOT NULL,
    status        TEXT NOT NULL,               -- validating, in_progress, finalizing, completed, failed, expired, cancelling, cancelled
    completed     INTEGER NOT NULL DEFAULT 0,  -- request_counts.completed
    failed        INTEGER NOT NULL DEFAULT 0,  -- request_counts.failed
    stored        INTEGER NOT NULL DEFAULT 0,  -- answers filed in the response cache
    processed     INTEGER NOT NULL DEFAULT 0,  -- 1: its answers are in the cache; nothing left to do
    created_at    TEXT NOT NULL,               -- RFC 3339, UTC
    updated_at    TEXT NOT NULL
);
CREATE INDEX batches_batch_id ON batches(batch_id);
