import { type Kysely, sql } from 'kysely';

/**
 * Positions in transaction order, appends in one round trip (docs/event-store.md, "No
 * skipped events"). A position is `(xid + xid_shift) × 2^20 + index in the append`: the
 * appending transaction's id, then the event's place in it. Writers no longer take turns
 * for a global lock: they draw nothing before commit that a reader could pass. A reader
 * reads only below the oldest transaction still open in this database
 * (`events_readable_below`), so an event that commits late always lands above where any
 * reader has been.
 *
 * Events stored before this migration keep their positions; `xid_shift` is chosen so that
 * every new position lands above them, and raised again by `rebaseEventClock` if
 * transaction ids ever go back (a restore into a new cluster).
 *
 * kysely has no builder for PL/pgSQL functions or for dropping an identity, so those are SQL.
 */
/**
 * The lock namespace of appends (the first key of `pg_advisory_xact_lock(int, int)`, the stream
 * name's hash the second): readers look for it in pg_locks. "clam" in ASCII.
 */
export const STREAM_LOCK = 0x636c616d;

export async function up(db: Kysely<unknown>): Promise<void> {
  // The function assigns positions now; the identity would only hand out numbers no one uses.
  await sql`alter table events alter column global_position drop identity if exists`.execute(db);
  await db.schema
    .createTable('event_log_clock')
    .addColumn('id', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('xid_shift', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into event_log_clock (xid_shift)
    select greatest(0, (coalesce(max(global_position), -1) >> 20) + 1 - pg_current_xact_id()::text::bigint) from events`.execute(
    db,
  );

  // Everything below this position is final for the statement that calls it: every transaction
  // that could still add an event lower down has ended. Only appends add events, and an append holds
  // its stream's lock (namespace STREAM_LOCK) from before it draws its transaction id until it ends.
  // So a transaction of the statement's snapshot is waited for unless pg_stat_activity shows it on a
  // server process that, when the locks were read just before, held no such lock: a projector's
  // batch, a reader, another database's work never hold readers back. The locks are read first: the
  // other order could miss an append that ended in between. One it cannot place (ended meanwhile, or
  // hidden from a role without pg_read_all_stats) is waited for, which only delays.
  await sql`
    create or replace function events_readable_below() returns bigint
    language plpgsql stable as $fn$
    declare
      v_snapshot pg_snapshot := pg_current_snapshot();
      v_appending int[];
      v_oldest bigint;
    begin
      perform pg_stat_clear_snapshot();
      select coalesce(array_agg(l.pid), '{}') into v_appending from pg_locks l
       where l.locktype = 'advisory' and l.classid = ${sql.lit(STREAM_LOCK)} and l.objsubid = 2
         and l.database = (select d.oid from pg_database d where d.datname = current_database());
      select min(x::text::bigint) into v_oldest
        from pg_snapshot_xip(v_snapshot) as x
       where not exists (
         select 1 from pg_stat_activity a
          where a.backend_xid = (x::text::bigint % 4294967296)::text::xid and a.pid <> all(v_appending));
      return (coalesce(v_oldest, pg_snapshot_xmax(v_snapshot)::text::bigint) + (select c.xid_shift from event_log_clock c)) * 1048576;
    end
    $fn$`.execute(db);

  await createAppendEventsV1(db);
}

/**
 * One append in one round trip: the stream's turn, idempotency, the expected revision and the
 * insert. Its transaction id is drawn after the stream's lock, so a stream's events are in
 * revision order in the log too. (0003_append_fast_path replaces it; its `down` brings this one back.)
 */
export async function createAppendEventsV1(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function append_events(
      p_stream text, p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[],
      p_expected text, p_expected_revision bigint, p_lock_timeout text default '30s'
    ) returns table (outcome text, revision bigint, last_position bigint, appended integer)
    language plpgsql as $fn$
    declare
      v_actual bigint;
      v_stored integer;
      v_stored_last bigint;
      v_base bigint;
      v_revision bigint;
      v_last bigint;
      v_count integer;
    begin
      -- A transaction that wrote before could hold an id older than events already read past.
      if pg_current_xact_id_if_assigned() is not null then
        raise exception 'append_events must be the first write of its transaction' using errcode = '25001';
      end if;
      -- The stream's turn, waited for a bounded time (a stuck writer must not hang the others; 55P03 past it).
      perform set_config('lock_timeout', p_lock_timeout, true), pg_advisory_xact_lock(${sql.lit(STREAM_LOCK)}, hashtext(p_stream));
      select (select max(r.stream_revision) from events r where r.stream_id = p_stream), count(*)::int, max(e.global_position)
        into v_actual, v_stored, v_stored_last from events e where e.event_id = any(p_ids);
      if cardinality(p_ids) > 0 and v_stored = cardinality(p_ids) then
        return query select 'stored'::text, coalesce(v_actual, -1), v_stored_last, 0;
        return;
      end if;
      if not (p_expected = 'any'
          or (p_expected = 'no_stream' and v_actual is null)
          or (p_expected = 'stream_exists' and v_actual is not null)
          or (p_expected = 'exact' and v_actual = p_expected_revision)) then
        return query select 'wrong_revision'::text, v_actual, null::bigint, 0;
        return;
      end if;
      if coalesce(cardinality(p_ids), 0) = 0 then
        return query select 'empty'::text, coalesce(v_actual, -1), (select max(e.global_position) from events e), 0;
        return;
      end if;
      if cardinality(p_ids) > 1048576 then
        raise exception 'an append holds at most 1048576 events' using errcode = '22023';
      end if;
      v_base := (pg_current_xact_id()::text::bigint + (select c.xid_shift from event_log_clock c)) * 1048576;
      with fresh as (
        select u.id, u.type, u.data, u.metadata, row_number() over (order by u.ord) - 1 as i
          from unnest(p_ids, p_types, p_data, p_metadata) with ordinality as u(id, type, data, metadata, ord)
         where v_stored = 0 or not exists (select 1 from events e where e.event_id = u.id)
      ), ins as (
        insert into events (global_position, event_id, stream_id, stream_revision, event_type, data, metadata)
        select v_base + f.i, f.id, p_stream, coalesce(v_actual, -1) + 1 + f.i, f.type, f.data, f.metadata from fresh f
        returning global_position, stream_revision
      )
      select max(ins.stream_revision), max(ins.global_position), count(*)::int into v_revision, v_last, v_count from ins;
      return query select 'appended'::text, v_revision, v_last, v_count;
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function if exists append_events(text, uuid[], text[], jsonb[], jsonb[], text, bigint, text)`.execute(
    db,
  );
  await sql`drop function if exists events_readable_below()`.execute(db);
  await db.schema.dropTable('event_log_clock').execute();
  await sql`alter table events alter column global_position add generated always as identity`.execute(db);
}
