-- Version 1 → 2: the batches of `summarize --batch` runs.
CREATE TABLE batches (
    input_file_id TEXT PRIMARY KEY,
    batch_id      TEXT,
    file          TEXT NOT NULL,
    round         INTEGER NOT NULL,
    endpoint      TEXT NOT NULL,
    requests      INTEGER NOT NULL,
    status        TEXT NOT NULL,
    completed     INTEGER NOT NULL DEFAULT 0,
    failed        INTEGER NOT NULL DEFAULT 0,
    stored        INTEGER NOT NULL DEFAULT 0,
    processed     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX batches_batch_id ON batches(batch_id);
