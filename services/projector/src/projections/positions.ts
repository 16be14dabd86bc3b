import type { PositionHistoryTable, PositionsTable } from '@claims/db';
import { validDayOf } from '@claims/events';
import { materiallyDifferent } from '@claims/extract';
import { type Selectable, sql } from 'kysely';
import {
  type AppliedWithMemory,
  type ApplyOptions,
  type ProjectedEvent,
  type Projection,
  type ReadModelChange,
  type ReadModelWriter,
  withMemory,
} from '../projection.ts';
import { copyRows, insertRows, rowsOf } from '../rows.ts';

type HistoryRow = Selectable<PositionHistoryTable>;
type Claim = Extract<ProjectedEvent, { type: 'ClaimMade' }>;
type Withdrawal = Extract<ProjectedEvent, { type: 'EventWithdrawn' }>;

/** How a claim moves a side's position from the one before it: a new stance, new terms (same stance), or not at all. */
export function changeKind(before: HistoryRow | undefined, after: HistoryRow): 'stance' | 'terms' | null {
  if (!before || before.stance !== after.stance) return 'stance';
  return materiallyDifferent(before.quote, after.quote) ? 'terms' : null;
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

const summary = (r: HistoryRow) => ({
  claimId: r.claim_id,
  stance: r.stance,
  since: r.valid_from,
  speaker: r.speaker,
  quote: r.quote,
});

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

/** A claim's place in its side-and-topic history: by valid time, then by log position. */
function compareKeys(a: HistoryRow, b: HistoryRow): number {
  if (a.valid_from !== b.valid_from) return a.valid_from < b.valid_from ? -1 : 1;
  // Positions are bigints' decimal digits (no sign, no leading zeros): the shorter is the smaller, else the first in
  // character order, without making two BigInts for every comparison of a search.
  const x = a.global_position;
  const y = b.global_position;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x === y ? 0 : x < y ? -1 : 1;
}

const pairKey = (side: string, topic: string) => `${side}|${topic}`;

/** Where `row` goes in rows in history order: the index of the first row not before it. */
function slotOf(rows: readonly HistoryRow[], row: HistoryRow): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareKeys(rows[mid]!, row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The part of one side-and-topic history a batch can touch: the rows around every place
 * where it inserts or removes a claim, and the last row, in order. Two rows next to each
 * other here are next to each other in the table wherever it matters (a batch changes the
 * neighbours of its own claims only, and those were loaded), so the batch is worked out
 * here, claim by claim in log order, and written back as a difference.
 */
class PairHistory {
  readonly rows: HistoryRow[];
  private readonly before = new Map<string, { prev: string | null; next: string | null }>();

  constructor(
    rows: HistoryRow[],
    /** `positions.claims_count` before the batch, and its claim (the history's end). */
    public count: number,
    readonly currentClaim: string | null,
    readonly countBefore = count,
  ) {
    this.rows = rows.sort(compareKeys);
    this.rows.forEach((r, i) => {
      this.before.set(r.claim_id, {
        prev: this.rows[i - 1]?.claim_id ?? null,
        next: this.rows[i + 1]?.claim_id ?? null,
      });
    });
  }

  /**
   * Slots a claim in (an article about an earlier day arriving late lands between its neighbours); answers the change,
   * unless `record` is false (nobody records it: no change object, and no comparison of terms for its kind).
   */
  add(row: HistoryRow, e: Claim, record: boolean): ReadModelChange | null {
    const at = slotOf(this.rows, row);
    const prev = this.rows[at - 1];
    const next = this.rows[at];
    this.rows.splice(at, 0, row);
    this.count++;
    if (!record) return null;
    if (next) {
      return {
        kind: 'position_history_revised',
        side: row.side,
        topic: row.topic,
        position: e.position,
        payload: { inserted: summary(row) },
      };
    }
    return {
      kind: changeKind(prev, row) !== null ? 'position_changed' : 'position_restated',
      side: row.side,
      topic: row.topic,
      position: e.position,
      payload: { current: summary(row), previous: prev ? summary(prev) : null },
    };
  }

  /** Takes a withdrawn claim out and stitches its neighbours together; answers whether it was there, and the change. */
  remove(claimId: string, w: Withdrawal, record: boolean): { change: ReadModelChange | null } | null {
    const at = this.rows.findIndex((r) => r.claim_id === claimId);
    if (at < 0) return null;
    const [row] = this.rows.splice(at, 1) as [HistoryRow];
    const prev = this.rows[at - 1];
    const next = this.rows[at];
    this.count--;
    if (!record) return { change: null };
    if (next) {
      return {
        change: {
          kind: 'position_history_revised',
          side: row.side,
          topic: row.topic,
          position: w.position,
          payload: { withdrawn: summary(row) },
        },
      };
    }
    return {
      change: {
        kind: 'position_changed',
        side: row.side,
        topic: row.topic,
        position: w.position,
        payload: { current: prev ? summary(prev) : null, previous: summary(row), reason: 'withdrawn' },
      },
    };
  }

  has(claimId: string): boolean {
    return this.rows.some((r) => r.claim_id === claimId);
  }

  /** What the batch changed: rows whose next row (so valid_to) or previous row (so change) is not what it was. */
  difference() {
    const validTo: { claim_id: string; valid_to: string | null }[] = [];
    const recomputed: HistoryRow[] = [];
    const changes: ReturnType<typeof changeRow>[] = [];
    this.rows.forEach((r, i) => {
      const prev = this.rows[i - 1];
      const next = this.rows[i + 1];
      r.valid_to = next?.valid_from ?? null;
      const was = this.before.get(r.claim_id);
      if (was && was.next !== (next?.claim_id ?? null)) validTo.push({ claim_id: r.claim_id, valid_to: r.valid_to });
      if (!was || was.prev !== (prev?.claim_id ?? null)) {
        recomputed.push(r);
        const kind = prev ? changeKind(prev, r) : null;
        if (prev && kind) changes.push(changeRow(prev, r, kind));
      }
    });
    return { validTo, recomputed, changes };
  }

  isStored = (claimId: string) => this.before.has(claimId);
}

type PositionCount = Pick<Selectable<PositionsTable>, 'side' | 'topic' | 'claims_count' | 'claim_id'>;

/**
 * What an empty build has stored in `position_history` and `positions`, kept in memory for the pass: a batch reads a
 * claim's neighbours, the histories' ends and their counts here, as `neighbours` and `ends` would from the tables.
 */
class StoredHistory {
  /** Each side and topic's rows in history order. */
  private readonly byPair = new Map<string, HistoryRow[]>();
  private readonly byClaim = new Map<string, HistoryRow>();
  private readonly counts = new Map<string, PositionCount>();

  rowsOf(claimIds: readonly string[]): HistoryRow[] {
    return claimIds.flatMap((id) => this.byClaim.get(id) ?? []);
  }

  ends(pairs: readonly [string, string][]) {
    return {
      lasts: pairs.flatMap(([side, topic]) => this.byPair.get(pairKey(side, topic))?.at(-1) ?? []),
      counts: pairs.flatMap(([side, topic]) => this.counts.get(pairKey(side, topic)) ?? []),
    };
  }

  /** The nearest row before and after each anchor in its history, leaving out `exclude`. */
  neighbours(anchors: readonly HistoryRow[], exclude: readonly string[]): HistoryRow[] {
    const left = new Set(exclude);
    const found: HistoryRow[] = [];
    for (const a of anchors) {
      const rows = this.byPair.get(pairKey(a.side, a.topic)) ?? [];
      const at = slotOf(rows, a);
      for (let i = at - 1; i >= 0; i--) {
        if (left.has(rows[i]!.claim_id)) continue;
        found.push(rows[i]!);
        break;
      }
      for (let i = rows[at]?.claim_id === a.claim_id ? at + 1 : at; i < rows.length; i++) {
        if (left.has(rows[i]!.claim_id)) continue;
        found.push(rows[i]!);
        break;
      }
    }
    return found;
  }

  /** What a batch wrote: history rows removed and added, current positions set and removed. */
  record(write: {
    removed: readonly string[];
    added: readonly HistoryRow[];
    current: readonly PositionCount[];
    emptied: readonly [string, string][];
  }): void {
    for (const id of write.removed) {
      const row = this.byClaim.get(id);
      if (!row) continue;
      const rows = this.byPair.get(pairKey(row.side, row.topic))!;
      rows.splice(slotOf(rows, row), 1);
      this.byClaim.delete(id);
    }
    for (const row of write.added) {
      const k = pairKey(row.side, row.topic);
      const rows = this.byPair.get(k) ?? [];
      this.byPair.set(k, rows);
      rows.splice(slotOf(rows, row), 0, row);
      this.byClaim.set(row.claim_id, row);
    }
    for (const c of write.current) this.counts.set(pairKey(c.side, c.topic), c);
    for (const [side, topic] of write.emptied) this.counts.delete(pairKey(side, topic));
  }
}

/** Stored rows of the (side, topic, key) anchors' neighbours, leaving out `exclude`: one statement for all of them. */
async function neighbours(db: ReadModelWriter, anchors: HistoryRow[], exclude: string[]): Promise<HistoryRow[]> {
  if (anchors.length === 0) return [];
  const keys = sql<{
    side: string;
    topic: string;
    valid_from: string;
    global_position: string;
  }>`(select * from unnest(${anchors.map((a) => a.side)}::text[], ${anchors.map((a) => a.topic)}::text[], ${anchors.map((a) => a.valid_from)}::date[], ${anchors.map((a) => a.global_position)}::bigint[]) as k(side, topic, valid_from, global_position))`;
  const side = (dir: 'before' | 'after') =>
    db
      .selectFrom(keys.as('k'))
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('position_history as h')
            .selectAll('h')
            .whereRef('h.side', '=', 'k.side')
            .whereRef('h.topic', '=', 'k.topic')
            .where(
              sql<boolean>`(h.valid_from, h.global_position) ${sql.raw(dir === 'before' ? '<' : '>')} (k.valid_from, k.global_position)`,
            )
            .where(sql<boolean>`h.claim_id <> all(${exclude}::uuid[])`)
            .orderBy('h.valid_from', dir === 'before' ? 'desc' : 'asc')
            .orderBy('h.global_position', dir === 'before' ? 'desc' : 'asc')
            .limit(1)
            .as('n'),
        (join) => join.onTrue(),
      )
      .selectAll('n');
  return (await side('before').union(side('after')).execute()) as HistoryRow[];
}

/** Every touched history's last row and claim count. */
async function ends(db: ReadModelWriter, pairs: [string, string][]) {
  if (pairs.length === 0)
    return {
      lasts: [] as HistoryRow[],
      counts: [] as PositionCount[],
    };
  const inPairs = sql<boolean>`(side, topic) in (select * from unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[]))`;
  // The last row of each pair by an index scan backwards (DISTINCT ON read every row of every touched pair).
  const lasts = (await db
    .selectFrom(
      sql<{
        side: string;
        topic: string;
      }>`(select * from unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[]) as k(side, topic))`.as(
        'k',
      ),
    )
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('position_history as h')
          .selectAll('h')
          .whereRef('h.side', '=', 'k.side')
          .whereRef('h.topic', '=', 'k.topic')
          .orderBy('h.valid_from', 'desc')
          .orderBy('h.global_position', 'desc')
          .limit(1)
          .as('last'),
      (join) => join.onTrue(),
    )
    .selectAll('last')
    .execute()) as HistoryRow[];
  const counts = await db
    .selectFrom('positions')
    .select(['side', 'topic', 'claims_count', 'claim_id'])
    .where(inPairs)
    .execute();
  return { lasts, counts };
}

/** Applies a batch, reading the stored history from `memory` when given (an empty build) or else the tables. */
async function applyPositions(
  db: ReadModelWriter,
  events: readonly ProjectedEvent[],
  memory: StoredHistory | null,
  options?: ApplyOptions,
): Promise<AppliedWithMemory> {
  const record = options?.changes ?? true;
  const relevant = events.filter(
    (e): e is Claim | Withdrawal =>
      e.type === 'ClaimMade' || (e.type === 'EventWithdrawn' && e.data.withdrawn.type === 'ClaimMade'),
  );
  if (relevant.length === 0) return { changes: [], remember: () => {} };
  const added = new Map<string, HistoryRow>();
  for (const e of relevant) if (e.type === 'ClaimMade') added.set(e.id, historyRow(e));
  const withdrawnStored = [
    ...new Set(
      relevant.flatMap((e) => (e.type === 'EventWithdrawn' && !added.has(e.data.eventId) ? [e.data.eventId] : [])),
    ),
  ];
  const stored = memory
    ? memory.rowsOf(withdrawnStored)
    : withdrawnStored.length
      ? await db.selectFrom('position_history').selectAll().where('claim_id', 'in', withdrawnStored).execute()
      : [];

  const pairs = new Map<string, [string, string]>();
  for (const r of [...added.values(), ...stored]) pairs.set(pairKey(r.side, r.topic), [r.side, r.topic]);
  const anchors = [...added.values(), ...stored];
  const exclude = stored.map((r) => r.claim_id);
  const { lasts, counts } = memory ? memory.ends([...pairs.values()]) : await ends(db, [...pairs.values()]);
  const around = memory ? memory.neighbours(anchors, exclude) : await neighbours(db, anchors, exclude);

  const histories = new Map<string, PairHistory>();
  const known = new Map<string, Map<string, HistoryRow>>();
  for (const r of [...lasts, ...around, ...stored]) {
    const k = pairKey(r.side, r.topic);
    const rows = known.get(k) ?? new Map<string, HistoryRow>();
    if (!rows.has(r.claim_id)) rows.set(r.claim_id, { ...r });
    known.set(k, rows);
  }
  const countOf = new Map(counts.map((c) => [pairKey(c.side, c.topic), c]));
  for (const k of pairs.keys()) {
    const c = countOf.get(k);
    histories.set(k, new PairHistory([...(known.get(k)?.values() ?? [])], c?.claims_count ?? 0, c?.claim_id ?? null));
  }

  const changes: ReadModelChange[] = [];
  const pairOfClaim = new Map<string, string>(
    [...stored, ...added.values()].map((r) => [r.claim_id, pairKey(r.side, r.topic)]),
  );
  const inserted = new Set<string>();
  for (const e of relevant) {
    if (e.type === 'ClaimMade') {
      const row = added.get(e.id)!;
      const change = histories.get(pairKey(row.side, row.topic))!.add(row, e, record);
      if (change) changes.push(change);
      inserted.add(e.id);
    } else {
      const k = pairOfClaim.get(e.data.eventId);
      const removed = k ? histories.get(k)!.remove(e.data.eventId, e, record) : null;
      if (removed) {
        if (removed.change) changes.push(removed.change);
        inserted.delete(e.data.eventId);
      }
    }
  }

  // The difference, one statement per kind of write.
  const removed = stored
    .filter((r) => !histories.get(pairKey(r.side, r.topic))!.has(r.claim_id))
    .map((r) => r.claim_id);
  const newRows: HistoryRow[] = [];
  const validTo: { claim_id: string; valid_to: string | null }[] = [];
  const staleChanges = [...removed];
  const changeRows: ReturnType<typeof changeRow>[] = [];
  const current: Selectable<PositionsTable>[] = [];
  const emptied: [string, string][] = [];
  for (const [k, h] of histories) {
    const diff = h.difference();
    validTo.push(...diff.validTo);
    changeRows.push(...diff.changes);
    for (const r of diff.recomputed) if (h.isStored(r.claim_id)) staleChanges.push(r.claim_id);
    newRows.push(...h.rows.filter((r) => inserted.has(r.claim_id)));
    const last = h.rows.at(-1);
    if (!last) emptied.push(pairs.get(k)!);
    else if (last.claim_id !== h.currentClaim || h.count !== h.countBefore) {
      current.push({
        side: last.side,
        topic: last.topic,
        claim_id: last.claim_id,
        stance: last.stance,
        since: last.valid_from,
        speaker: last.speaker,
        text: last.text,
        quote: last.quote,
        document_id: last.document_id,
        claims_count: h.count,
      });
    }
  }
  if (removed.length) await db.deleteFrom('position_history').where('claim_id', 'in', removed).execute();
  // An empty build writes its new rows by COPY (no conflict clause to keep: a claim id stored twice fails either way).
  if (memory) await copyRows(db, 'position_history', newRows);
  else if (newRows.length) await insertRows(db, 'position_history', newRows).execute();
  if (validTo.length) {
    await db
      .updateTable('position_history')
      .from(rowsOf('position_history', validTo, 'v'))
      .set((eb) => ({ valid_to: eb.ref('v.valid_to') }))
      .whereRef('position_history.claim_id', '=', 'v.claim_id')
      .execute();
  }
  if (staleChanges.length)
    await db.deleteFrom('position_changes').where('after_claim_id', 'in', staleChanges).execute();
  if (memory) await copyRows(db, 'position_changes', changeRows);
  else if (changeRows.length) await insertRows(db, 'position_changes', changeRows).execute();
  if (current.length) {
    await insertRows(db, 'positions', current)
      .onConflict((oc) =>
        oc.columns(['side', 'topic']).doUpdateSet((eb) => ({
          claim_id: eb.ref('excluded.claim_id'),
          stance: eb.ref('excluded.stance'),
          since: eb.ref('excluded.since'),
          speaker: eb.ref('excluded.speaker'),
          text: eb.ref('excluded.text'),
          quote: eb.ref('excluded.quote'),
          document_id: eb.ref('excluded.document_id'),
          claims_count: eb.ref('excluded.claims_count'),
        })),
      )
      .execute();
  }
  if (emptied.length) {
    await db
      .deleteFrom('positions')
      .where(
        sql<boolean>`(side, topic) in (select * from unnest(${emptied.map((p) => p[0])}::text[], ${emptied.map((p) => p[1])}::text[]))`,
      )
      .execute();
  }
  return {
    // In log order, as one claim at a time would have reported them.
    changes: changes.sort((a, b) =>
      a.position.commit < b.position.commit ? -1 : a.position.commit > b.position.commit ? 1 : 0,
    ),
    remember: () => memory?.record({ removed, added: newRows, current, emptied }),
  };
}

/**
 * `positions`, `position_history` and `position_changes`: each side's stance per
 * topic now, over valid time as intervals [valid_from, valid_to), and each change.
 *
 * Set-based: a batch reads the rows around every claim it adds or withdraws (three
 * statements whatever its size), works the history out in memory claim by claim in log
 * order (so the changes it reports are those of one claim at a time, and batch boundaries
 * never show), and writes the difference back with one statement per kind of write. In an
 * empty build it keeps the history in memory for the pass and reads nothing back.
 */
export const positionsProjection: Projection = {
  name: 'positions',
  eventTypes: ['ClaimMade', 'EventWithdrawn'],
  tables: ['positions', 'position_history', 'position_changes'],
  apply: async (db, events, options) => (await applyPositions(db, events, null, options)).changes,
  forEmptyBuild: () => withMemory(positionsProjection, new StoredHistory(), applyPositions),
};
