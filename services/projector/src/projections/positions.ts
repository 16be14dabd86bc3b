import type { PositionHistoryTable } from '@claims/db';
import { validDayOf } from '@claims/events';
import { materiallyDifferent } from '@claims/extract';
import type { Selectable } from 'kysely';
import type { ProjectedEvent, Projection, ReadModelChange, ReadModelWriter } from '../projection.ts';

type HistoryRow = Selectable<PositionHistoryTable>;
type Claim = Extract<ProjectedEvent, { type: 'ClaimMade' }>;
type Withdrawal = Extract<ProjectedEvent, { type: 'EventWithdrawn' }>;

/** A claim's place in its side-and-topic history: by valid time, then by log position. */
interface Key {
  validFrom: string;
  position: string;
}

async function neighbour(db: ReadModelWriter, side: string, topic: string, key: Key, dir: 'before' | 'after') {
  return db
    .selectFrom('position_history')
    .selectAll()
    .where('side', '=', side)
    .where('topic', '=', topic)
    .where((eb) =>
      eb(eb.refTuple('valid_from', 'global_position'), dir === 'before' ? '<' : '>', eb.tuple(key.validFrom, key.position)),
    )
    .orderBy('valid_from', dir === 'before' ? 'desc' : 'asc')
    .orderBy('global_position', dir === 'before' ? 'desc' : 'asc')
    .limit(1)
    .executeTakeFirst();
}

/** Records a change between two consecutive claims of a side on a topic, when their stances differ. */
/** How a claim moves a side's position from the one before it: a new stance, new terms (same stance), or not at all. */
export function changeKind(before: HistoryRow | undefined, after: HistoryRow): 'stance' | 'terms' | null {
  if (!before || before.stance !== after.stance) return 'stance';
  return materiallyDifferent(before.quote, after.quote) ? 'terms' : null;
}

async function recordChange(db: ReadModelWriter, before: HistoryRow | undefined, after: HistoryRow | undefined) {
  if (!before || !after) return;
  const kind = changeKind(before, after);
  if (kind) await db.insertInto('position_changes').values(changeRow(before, after, kind)).execute();
}

/** The `position_changes` row between two consecutive claims of a side on a topic. */
function changeRow(before: HistoryRow, after: HistoryRow, kind: 'stance' | 'terms') {
  return {
    after_claim_id: after.claim_id,
    before_claim_id: before.claim_id,
    side: after.side,
    topic: after.topic,
    changed_on: after.valid_from,
    from_stance: before.stance,
    to_stance: after.stance,
    kind,
    global_position: after.global_position,
  };
}

async function setCurrent(db: ReadModelWriter, row: HistoryRow, claimsCount: number) {
  const values = {
    side: row.side,
    topic: row.topic,
    claim_id: row.claim_id,
    stance: row.stance,
    since: row.valid_from,
    speaker: row.speaker,
    text: row.text,
    quote: row.quote,
    document_id: row.document_id,
    claims_count: claimsCount,
  };
  await db
    .insertInto('positions')
    .values(values)
    .onConflict((oc) => oc.columns(['side', 'topic']).doUpdateSet(values))
    .execute();
}

async function claimsCount(db: ReadModelWriter, side: string, topic: string): Promise<number> {
  const r = await db.selectFrom('positions').select('claims_count').where('side', '=', side).where('topic', '=', topic).executeTakeFirst();
  return r?.claims_count ?? 0;
}

const summary = (r: HistoryRow) => ({ claimId: r.claim_id, stance: r.stance, since: r.valid_from, speaker: r.speaker, quote: r.quote });

/** Slots a claim into its history, wherever it falls in valid time (an article ingested late about an earlier day). */
async function addClaim(db: ReadModelWriter, e: Claim): Promise<ReadModelChange[]> {
  const d = e.data;
  const row = historyRow(e);
  const key = { validFrom: row.valid_from, position: row.global_position };
  const prev = await neighbour(db, d.side, d.topic, key, 'before');
  const next = await neighbour(db, d.side, d.topic, key, 'after');
  row.valid_to = next?.valid_from ?? null;
  await db.insertInto('position_history').values(row).execute();
  if (prev) await db.updateTable('position_history').set({ valid_to: row.valid_from }).where('claim_id', '=', prev.claim_id).execute();
  if (next) {
    await db.deleteFrom('position_changes').where('after_claim_id', '=', next.claim_id).execute();
    await recordChange(db, row, next);
  }
  await recordChange(db, prev, row);

  const count = (await claimsCount(db, d.side, d.topic)) + 1;
  if (next) {
    await db.updateTable('positions').set({ claims_count: count }).where('side', '=', d.side).where('topic', '=', d.topic).execute();
    return [
      { kind: 'position_history_revised', side: d.side, topic: d.topic, position: e.position, payload: { inserted: summary(row) } },
    ];
  }
  await setCurrent(db, row, count);
  const moved = changeKind(prev, row) !== null;
  return [
    {
      kind: moved ? 'position_changed' : 'position_restated',
      side: d.side,
      topic: d.topic,
      position: e.position,
      payload: { current: summary(row), previous: prev ? summary(prev) : null },
    },
  ];
}

/** Takes a withdrawn claim out of its history and stitches its neighbours together. */
async function withdrawClaim(db: ReadModelWriter, w: Withdrawal): Promise<ReadModelChange[]> {
  const row = await db.selectFrom('position_history').selectAll().where('claim_id', '=', w.data.eventId).executeTakeFirst();
  if (!row) return [];
  const key = { validFrom: row.valid_from, position: row.global_position };
  const prev = await neighbour(db, row.side, row.topic, key, 'before');
  const next = await neighbour(db, row.side, row.topic, key, 'after');
  await db.deleteFrom('position_history').where('claim_id', '=', row.claim_id).execute();
  if (prev) {
    await db.updateTable('position_history').set({ valid_to: next?.valid_from ?? null }).where('claim_id', '=', prev.claim_id).execute();
  }
  const stale = next ? [row.claim_id, next.claim_id] : [row.claim_id];
  await db.deleteFrom('position_changes').where('after_claim_id', 'in', stale).execute();
  await recordChange(db, prev, next);

  const count = (await claimsCount(db, row.side, row.topic)) - 1;
  if (next) {
    await db.updateTable('positions').set({ claims_count: count }).where('side', '=', row.side).where('topic', '=', row.topic).execute();
    return [
      { kind: 'position_history_revised', side: row.side, topic: row.topic, position: w.position, payload: { withdrawn: summary(row) } },
    ];
  }
  if (prev) await setCurrent(db, { ...prev, valid_to: null }, count);
  else await db.deleteFrom('positions').where('side', '=', row.side).where('topic', '=', row.topic).execute();
  return [
    {
      kind: 'position_changed',
      side: row.side,
      topic: row.topic,
      position: w.position,
      payload: { current: prev ? summary(prev) : null, previous: summary(row), reason: 'withdrawn' },
    },
  ];
}

/** Builds a claim's history row (valid_to filled in later). */
function historyRow(e: Claim): HistoryRow {
  const d = e.data;
  return {
    claim_id: e.id,
    side: d.side,
    topic: d.topic,
    valid_from: validDayOf(e, e.recordedAt),
    valid_to: null,
    global_position: e.position.commit.toString(),
    stance: d.stance,
    speaker: d.speaker,
    text: d.text,
    quote: d.quote,
    document_id: d.source.documentId,
    recorded_at: e.recordedAt,
  };
}

const keyOf = (r: HistoryRow): Key => ({ validFrom: r.valid_from, position: r.global_position });
const isAfterKey = (a: Key, b: Key) =>
  a.validFrom > b.validFrom || (a.validFrom === b.validFrom && BigInt(a.position) > BigInt(b.position));
const pairOf = (e: Claim | Withdrawal): string =>
  e.type === 'ClaimMade' ? `${e.data.side}|${e.data.topic}` : `${e.data.withdrawn.side}|${e.data.withdrawn.topic}`;

/** Where each touched side-and-topic history ends now, and its claim count: two queries for a whole batch. */
async function currentEnds(db: ReadModelWriter, pairs: [string, string][]) {
  const ends = new Map<string, { last: HistoryRow | undefined; count: number }>();
  if (pairs.length === 0) return ends;
  const lasts = await db
    .selectFrom('position_history')
    .selectAll()
    .distinctOn(['side', 'topic'])
    .where((eb) => eb(eb.refTuple('side', 'topic'), 'in', pairs.map(([side, topic]) => eb.tuple(side, topic))))
    .orderBy('side')
    .orderBy('topic')
    .orderBy('valid_from', 'desc')
    .orderBy('global_position', 'desc')
    .execute();
  const counts = await db
    .selectFrom('positions')
    .select(['side', 'topic', 'claims_count'])
    .where((eb) => eb(eb.refTuple('side', 'topic'), 'in', pairs.map(([side, topic]) => eb.tuple(side, topic))))
    .execute();
  for (const [side, topic] of pairs) ends.set(`${side}|${topic}`, { last: undefined, count: 0 });
  for (const r of lasts) ends.get(`${r.side}|${r.topic}`)!.last = r;
  for (const r of counts) ends.get(`${r.side}|${r.topic}`)!.count = r.claims_count;
  return ends;
}

/** Appends claims that all come after a history's current end, in a few statements. */
async function appendRun(
  db: ReadModelWriter,
  end: { last: HistoryRow | undefined; count: number },
  run: { row: HistoryRow; event: Claim }[],
): Promise<ReadModelChange[]> {
  const changes: ReadModelChange[] = [];
  const stanceChanges: [HistoryRow, HistoryRow, 'stance' | 'terms'][] = [];
  let prev = end.last;
  if (prev) await db.updateTable('position_history').set({ valid_to: run[0]!.row.valid_from }).where('claim_id', '=', prev.claim_id).execute();
  run.forEach(({ row, event }, i) => {
    row.valid_to = run[i + 1]?.row.valid_from ?? null;
    const kind = changeKind(prev, row);
    if (prev && kind) stanceChanges.push([prev, row, kind]);
    changes.push({
      kind: kind ? 'position_changed' : 'position_restated',
      side: row.side,
      topic: row.topic,
      position: event.position,
      payload: { current: summary(row), previous: prev ? summary(prev) : null },
    });
    prev = row;
  });
  await db.insertInto('position_history').values(run.map((r) => r.row)).execute();
  if (stanceChanges.length) {
    await db.insertInto('position_changes').values(stanceChanges.map(([before, after, kind]) => changeRow(before, after, kind))).execute();
  }
  await setCurrent(db, { ...run.at(-1)!.row, valid_to: null }, end.count + run.length);
  return changes;
}

/**
 * `positions`, `position_history` and `position_changes`: each side's stance per
 * topic now, over valid time as intervals [valid_from, valid_to), and each change.
 *
 * Most claims come after everything known about their side and topic: runs of them
 * are appended to their history in a few statements. A late claim (about an earlier
 * day) or a withdrawal is slotted in claim by claim. Both paths give the same rows
 * and changes, so batch boundaries never show (a test kills the projector mid-batch
 * and compares with a rebuild).
 */
export const positionsProjection: Projection = {
  name: 'positions',
  eventTypes: ['ClaimMade', 'EventWithdrawn'],
  tables: ['positions', 'position_history', 'position_changes'],
  async apply(db, events) {
    const groups = new Map<string, (Claim | Withdrawal)[]>();
    for (const e of events) {
      if (e.type !== 'ClaimMade' && !(e.type === 'EventWithdrawn' && e.data.withdrawn.type === 'ClaimMade')) continue;
      const key = pairOf(e);
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    const pairs = [...groups.keys()].map((k) => k.split('|') as [string, string]);
    const ends = await currentEnds(db, pairs);
    const changes: ReadModelChange[] = [];
    for (const [key, group] of groups) {
      let end = ends.get(key)!;
      let run: { row: HistoryRow; event: Claim }[] = [];
      const flush = async () => {
        if (run.length === 0) return;
        changes.push(...(await appendRun(db, end, run)));
        end = { last: run.at(-1)!.row, count: end.count + run.length };
        run = [];
      };
      for (const e of group) {
        if (e.type === 'ClaimMade') {
          const row = historyRow(e);
          const tail = run.at(-1)?.row ?? end.last;
          if (!tail || isAfterKey(keyOf(row), keyOf(tail))) {
            run.push({ row, event: e });
            continue;
          }
        }
        await flush();
        changes.push(...(e.type === 'ClaimMade' ? await addClaim(db, e) : await withdrawClaim(db, e)));
        end = (await currentEnds(db, [key.split('|') as [string, string]])).get(key)!;
      }
      await flush();
    }
    // In log order, as the claim-by-claim path would have emitted them.
    return changes.sort((a, b) => (a.position.commit < b.position.commit ? -1 : a.position.commit > b.position.commit ? 1 : 0));
  },
};
