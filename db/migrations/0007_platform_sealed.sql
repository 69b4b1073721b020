-- Sealed fields (platform/sealed): special-category values are stored encrypted, each record
-- with a key of its own. Only the wrapped record keys live here: wrapped by a key-encryption
-- key that never enters the database, and bound to their record, so a row copied to another
-- record does not open. Deleting a record's key (crypto-shredding) makes its values unreadable
-- everywhere, backups included.
CREATE TABLE sealed_record_keys (
    record_kind TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    municipality_id BIGINT REFERENCES municipalities(id),
    kek_version INTEGER NOT NULL,
    wrapped TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (record_kind, record_id)
);
-- What a rotation still has to re-wrap.
CREATE INDEX sealed_record_keys_version ON sealed_record_keys(kek_version);

-- One value sealed with each key-encryption key when it is first used, so that a wrong key
-- given at start-up is refused before it meets any data.
CREATE TABLE sealed_key_checks (
    version INTEGER PRIMARY KEY,
    check_value TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- The DPO looks up everything about one person: reads of their sealed data name them as the
-- entry's subject ("user:42").
CREATE INDEX audit_log_subject ON audit_log(subject, id);
