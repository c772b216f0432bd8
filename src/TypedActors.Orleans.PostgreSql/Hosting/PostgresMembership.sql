-- Orleans cluster membership on PostgreSQL, for Orleans' ADO.NET clustering provider (invariant "Npgsql").
--
-- The provider reads its statements from the table OrleansQuery (key, text) and binds them by parameter name; it reads
-- results by column name. Everything else here is this schema's own: one row per cluster holding the membership
-- table's version (its etag), one row per silo incarnation. A write that changes membership succeeds only against the
-- version it read, and moves the version on in the same transaction; a heartbeat (IAmAliveTime) changes no version.
--
-- Idempotent: run at every silo start (under an advisory lock, see PostgresClustering.cs). The statements in
-- OrleansQuery are replaced, so a newer library brings its newer statements.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) PRIMARY KEY,
    QueryText text        NOT NULL
);

CREATE TABLE IF NOT EXISTS typedactors_membership_version
(
    deployment_id varchar(150) PRIMARY KEY,
    version       integer      NOT NULL DEFAULT 0,
    changed_at    timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS typedactors_membership
(
    deployment_id  varchar(150) NOT NULL REFERENCES typedactors_membership_version (deployment_id) ON DELETE CASCADE,
    address        varchar(45)  NOT NULL,
    port           integer      NOT NULL,
    generation     integer      NOT NULL,
    silo_name      varchar(150) NOT NULL,
    host_name      varchar(150) NOT NULL,
    status         integer      NOT NULL,
    proxy_port     integer,
    suspect_times  text,
    start_time     timestamptz  NOT NULL,
    i_am_alive     timestamptz  NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Moves the cluster's version on if it is still p_version; false otherwise.
CREATE OR REPLACE FUNCTION typedactors_membership_bump(p_deployment text, p_version integer)
RETURNS boolean
LANGUAGE sql AS $fn$
    WITH bumped AS (
        UPDATE typedactors_membership_version
           SET version = version + 1, changed_at = now()
         WHERE deployment_id = p_deployment AND version = p_version
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM bumped)
$fn$;

-- The cluster's version with its silos' rows (one silo's when p_address is given), under the column names the provider
-- reads; one row with the version alone when there is no such silo.
CREATE OR REPLACE FUNCTION typedactors_membership_read(p_deployment text, p_address text, p_port integer, p_generation integer)
RETURNS TABLE ("Version" integer, "Address" text, "Port" integer, "Generation" integer, "SiloName" text, "HostName" text,
               "Status" integer, "ProxyPort" integer, "SuspectTimes" text, "StartTime" timestamptz, "IAmAliveTime" timestamptz)
LANGUAGE sql STABLE AS $fn$
    SELECT v.version, m.address::text, m.port, m.generation, m.silo_name::text, m.host_name::text, m.status,
           m.proxy_port, m.suspect_times, m.start_time, m.i_am_alive
      FROM typedactors_membership_version v
      LEFT JOIN typedactors_membership m
        ON m.deployment_id = v.deployment_id
       AND (p_address IS NULL OR (m.address = p_address AND m.port = p_port AND m.generation = p_generation))
     WHERE v.deployment_id = p_deployment
$fn$;

-- Adds a silo's row if the table is still at version p_version; moves the version on. False when the version moved
-- meanwhile or the row exists (then nothing changes).
CREATE OR REPLACE FUNCTION typedactors_membership_insert(
    p_deployment text, p_address text, p_port integer, p_generation integer, p_silo_name text, p_host_name text,
    p_status integer, p_proxy_port integer, p_start_time timestamptz, p_i_am_alive timestamptz, p_version integer)
RETURNS boolean
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NOT typedactors_membership_bump(p_deployment, p_version) THEN
        RETURN false;
    END IF;

    INSERT INTO typedactors_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive)
    VALUES
        (p_deployment, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port, p_start_time, p_i_am_alive);
    RETURN true;
EXCEPTION WHEN unique_violation THEN
    RETURN false; -- the block's changes, the version included, are rolled back
END;
$fn$;

-- Changes a silo's status and suspicions if the table is still at version p_version; moves the version on. False when
-- the version moved meanwhile or the silo has no row (then nothing changes).
CREATE OR REPLACE FUNCTION typedactors_membership_update(
    p_deployment text, p_address text, p_port integer, p_generation integer, p_status integer, p_suspect_times text,
    p_i_am_alive timestamptz, p_version integer)
RETURNS boolean
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NOT typedactors_membership_bump(p_deployment, p_version) THEN
        RETURN false;
    END IF;

    UPDATE typedactors_membership
       SET status = p_status, suspect_times = p_suspect_times, i_am_alive = greatest(i_am_alive, p_i_am_alive)
     WHERE deployment_id = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RAISE no_data_found;
    END IF;

    RETURN true;
EXCEPTION WHEN no_data_found THEN
    RETURN false; -- the version stays where it was
END;
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
    WITH added AS (
        INSERT INTO typedactors_membership_version (deployment_id) VALUES (@DeploymentId)
        ON CONFLICT (deployment_id) DO NOTHING
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM added)
$q$),
('InsertMembershipKey', $q$
    SELECT typedactors_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)
$q$),
('UpdateMembershipKey', $q$
    SELECT typedactors_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status,
        CAST(@SuspectTimes AS text), @IAmAliveTime, @Version)
$q$),
('UpdateIAmAlivetimeKey', $q$
    UPDATE typedactors_membership
       SET i_am_alive = greatest(i_am_alive, @IAmAliveTime)
     WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),
('MembershipReadRowKey', $q$
    SELECT * FROM typedactors_membership_read(@DeploymentId, @Address, @Port, @Generation)
$q$),
('MembershipReadAllKey', $q$
    SELECT * FROM typedactors_membership_read(@DeploymentId, NULL, NULL, NULL)
$q$),
('GatewaysQueryKey', $q$
    SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
      FROM typedactors_membership
     WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM typedactors_membership_version WHERE deployment_id = @DeploymentId
$q$),
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM typedactors_membership
     WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive < @IAmAliveTime AND start_time < @IAmAliveTime
$q$),
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM typedactors_membership
     WHERE deployment_id = @DeploymentId AND status = 6
       AND address = @Address AND port = @Port AND generation = @Generation
       AND i_am_alive = @IAmAliveTime AND start_time = @StartTime
       AND suspect_times IS NOT DISTINCT FROM CAST(@SuspectTimes AS text)
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
