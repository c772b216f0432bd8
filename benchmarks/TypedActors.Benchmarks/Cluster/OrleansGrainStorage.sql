-- Grain state for Orleans' ADO.NET grain storage provider (Microsoft.Orleans.Persistence.AdoNet, invariant "Npgsql"),
-- the baseline of DurableClusterBenchmarks. The provider reads its three statements from OrleansQuery and binds them
-- by parameter name; it reads results by column name. A write succeeds only against the version the grain read
-- (none for a new grain) and returns the new version; no row returned is a version conflict.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) PRIMARY KEY,
    QueryText text        NOT NULL
);

CREATE TABLE IF NOT EXISTS benchmark_grain_state
(
    service_id text    NOT NULL,
    grain_type text    NOT NULL,
    key_n0     bigint  NOT NULL,
    key_n1     bigint  NOT NULL,
    key_text   text    NOT NULL,
    payload    bytea   NULL,
    version    integer NOT NULL,
    PRIMARY KEY (service_id, grain_type, key_n0, key_n1, key_text)
);

CREATE OR REPLACE FUNCTION benchmark_write_grain_state(
    _service text, _type text, _n0 bigint, _n1 bigint, _key text, _expected integer, _payload bytea)
RETURNS TABLE ("NewGrainStateVersion" integer) LANGUAGE plpgsql AS $$
BEGIN
    IF _expected IS NULL THEN
        RETURN QUERY
            INSERT INTO benchmark_grain_state (service_id, grain_type, key_n0, key_n1, key_text, payload, version)
            VALUES (_service, _type, _n0, _n1, coalesce(_key, ''), _payload, 1)
            ON CONFLICT DO NOTHING
            RETURNING benchmark_grain_state.version;
    ELSE
        RETURN QUERY
            UPDATE benchmark_grain_state AS s SET payload = _payload, version = s.version + 1
            WHERE s.service_id = _service AND s.grain_type = _type AND s.key_n0 = _n0 AND s.key_n1 = _n1
              AND s.key_text = coalesce(_key, '') AND s.version = _expected
            RETURNING s.version;
    END IF;
END
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
    SELECT payload AS "PayloadBinary", version AS "Version" FROM benchmark_grain_state
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
      AND key_text = coalesce(@GrainIdExtensionString, '''')'),
('WriteToStorageKey', '
    SELECT "NewGrainStateVersion" FROM benchmark_write_grain_state(
        @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @GrainStateVersion, @PayloadBinary)'),
('ClearStorageKey', '
    UPDATE benchmark_grain_state SET payload = NULL, version = version + 1
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND key_n0 = @GrainIdN0 AND key_n1 = @GrainIdN1
      AND key_text = coalesce(@GrainIdExtensionString, '''') AND version = @GrainStateVersion
    RETURNING version')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
