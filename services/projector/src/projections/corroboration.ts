import type { ArticleCopiesTable } from '@claims/db';
import { deterministicUuid, type FactEventType } from '@claims/events';
import type { Selectable } from 'kysely';
import { bandHash, bandOf, COPY_SIMILARITY, signatureOf, similarity } from '../corroboration/minhash.ts';
import {
  type AppliedWithMemory,
  type ApplyOptions,
  type ProjectedEvent,
  type Projection,
  type ReadModelChange,
  type ReadModelWriter,
  withMemory,
} from '../projection.ts';
import { copyRows, insertRows, rowsOf, unstoredRows } from '../rows.ts';
import { firstWithdrawals } from './facts.ts';

type Fact = Extract<ProjectedEvent, { type: FactEventType }>;
type Withdrawal = Extract<ProjectedEvent, { type: 'EventWithdrawn' }>;
/** An article's row in `article_copies`; an empty build keeps the signatures it stores in memory as typed arrays. */
type CopyRow = Omit<
  Pick<
    Selectable<ArticleCopiesTable>,
    'document_id' | 'copy_of' | 'root_published_at' | 'signature' | 'global_position'
  >,
  'signature'
> & { signature: readonly number[] | Int32Array };
const COPY_COLUMNS = ['document_id', 'copy_of', 'root_published_at', 'signature', 'global_position'] as const;

const GROUP_NAMESPACE = 'claims-tracker/fact-groups/v1';

/**
 * What makes two reports one fact: the same statement by the same side on the same topic with the
 * same stance on the same day (a meeting: proposer side, level, participants, day; an agreement:
 * topic, parties, day). The speaker is left out on purpose: one outlet names Peskov, another "the
 * Kremlin", for the same words.
 */
export function factGroupKey(e: Fact, day: string): string {
  switch (e.type) {
    case 'ClaimMade':
      return ['ClaimMade', e.data.side, e.data.topic, e.data.stance, day].join('|');
    case 'MeetingProposed':
      return [
        'MeetingProposed',
        e.data.proposerSide,
        e.data.level,
        [...e.data.participants].sort().join(','),
        day,
      ].join('|');
    case 'AgreementReported':
      return ['AgreementReported', e.data.topic, [...e.data.parties].sort().join(','), day].join('|');
  }
}

const isFact = (e: ProjectedEvent): e is Fact =>
  e.type === 'ClaimMade' || e.type === 'MeetingProposed' || e.type === 'AgreementReported';
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The stored articles sharing a band with any of these signatures (the only ones worth comparing), by band, one row
 * object per article however many bands it shares.
 */
async function candidatesFor(db: ReadModelWriter, bands: string[]): Promise<Map<string, CopyRow[]>> {
  const byBand = new Map<string, CopyRow[]>();
  if (bands.length === 0) return byBand;
  const found = await db
    .selectFrom('article_bands as b')
    .innerJoin('article_copies as c', 'c.document_id', 'b.document_id')
    .select(['b.band', 'c.document_id', 'c.copy_of', 'c.root_published_at', 'c.signature', 'c.global_position'])
    // One array parameter, not one per band: a rebuild's batch can look up tens of thousands.
    .where((eb) => eb('b.band', '=', eb.fn.any(eb.val(bands))))
    .execute();
  const stored = new Map<string, CopyRow>();
  for (const { band, ...row } of found) {
    const known = stored.get(row.document_id) ?? row;
    stored.set(row.document_id, known);
    const rows = byBand.get(band);
    if (rows) rows.push(known);
    else byBand.set(band, [known]);
  }
  return byBand;
}

/**
 * What an empty build has stored in `article_copies` and `article_bands`, kept in memory for the pass so that a batch
 * looks its candidates up here instead of in the tables. As in the tables, an article's row is its first registration's,
 * and its bands are every band any registration of it had.
 */
class StoredCopies {
  /**
   * The stored articles by a hash of each band they have (`bandHash`: at a million events, 3.2 million band texts and
   * their lists had been the largest part of the build's heap): one article's row, or the list of those sharing the
   * hash. Which of them have the band itself is told by `has`.
   */
  private readonly byBand = new Map<number, CopyRow | CopyRow[]>();
  /** Bands of an article registered again that its first registration did not have. */
  private readonly laterBands = new Map<string, Set<string>>();
  /** Articles whose first registration had no bands (too short a text): their signature gives none of theirs. */
  private readonly unbanded = new Set<string>();
  readonly byDocument = new Map<string, CopyRow>();
  /** The facts stored in `fact_sources`. */
  readonly facts = new Set<string>();

  /** Whether a stored article (its first registration's row) has this band in `article_bands`. */
  private has(row: CopyRow, band: string): boolean {
    return (
      (!this.unbanded.has(row.document_id) && bandOf(row.signature, Number.parseInt(band, 10)) === band) ||
      (this.laterBands.get(row.document_id)?.has(band) ?? false)
    );
  }

  /** As `candidatesFor` answers: lists of the batch's own (it adds to them). */
  candidates(bands: readonly string[]): Map<string, CopyRow[]> {
    const found = new Map<string, CopyRow[]>();
    for (const band of bands) {
      const entry = this.byBand.get(bandHash(band));
      if (!entry) continue;
      const rows = (Array.isArray(entry) ? entry : [entry]).filter((r) => this.has(r, band));
      if (rows.length) found.set(band, rows);
    }
    return found;
  }

  /** The band rows of these articles that are not stored yet: what an INSERT … ON CONFLICT DO NOTHING would add. */
  unstoredBands(articles: readonly { document_id: string; bands: readonly string[] }[]) {
    const added = new Map<string, Set<string>>();
    const rows: { band: string; document_id: string }[] = [];
    for (const { document_id, bands } of articles) {
      const stored = this.byDocument.get(document_id);
      const batch = added.get(document_id) ?? new Set<string>();
      added.set(document_id, batch);
      for (const band of bands) {
        if ((stored && this.has(stored, band)) || batch.has(band)) continue;
        batch.add(band);
        rows.push({ band, document_id });
      }
    }
    return rows;
  }

  add(articles: readonly { row: CopyRow; bands: readonly string[] }[]): void {
    for (const { row, bands } of articles) {
      const stored = this.byDocument.get(row.document_id);
      // Kept with its signature as an Int32Array: outside the heap the collector walks, and half the size.
      const first = stored ?? { ...row, signature: Int32Array.from(row.signature) };
      if (!stored) this.byDocument.set(row.document_id, first);
      if (!stored && bands.length === 0) this.unbanded.add(row.document_id);
      for (const band of bands) {
        if (stored) {
          if (this.has(stored, band)) continue;
          const later = this.laterBands.get(row.document_id) ?? new Set<string>();
          this.laterBands.set(row.document_id, later.add(band));
        }
        const key = bandHash(band);
        const entry = this.byBand.get(key);
        if (!entry) this.byBand.set(key, first);
        else if (Array.isArray(entry)) entry.push(first);
        else this.byBand.set(key, [entry, first]);
      }
    }
  }
}

/** Applies a batch, reading the stored articles from `memory` when given (an empty build) or else the tables. */
async function applyCorroboration(
  db: ReadModelWriter,
  events: readonly ProjectedEvent[],
  memory: StoredCopies | null,
  options?: ApplyOptions,
): Promise<AppliedWithMemory> {
  const record = options?.changes ?? true;
  const changes: ReadModelChange[] = [];

  // Articles: each compared with the stored ones and those earlier in this batch.
  const articles = events.filter(
    (e): e is Extract<ProjectedEvent, { type: 'ArticleRegistered' }> => e.type === 'ArticleRegistered',
  );
  const signed = articles.map((e) => ({ e, sig: signatureOf(e.data.text) }));
  // Stored articles and those earlier in the batch, by band: an article is compared only with those sharing a band.
  const bands = [...new Set(signed.flatMap((s) => s.sig.bands))];
  const byBand = memory ? memory.candidates(bands) : await candidatesFor(db, bands);
  const remember = (row: CopyRow, bands: readonly string[]) => {
    for (const b of bands) {
      const rows = byBand.get(b);
      if (rows) rows.push(row);
      else byBand.set(b, [row]);
    }
  };
  const copies = new Map<string, CopyRow>();
  const articleCopies: (CopyRow & { similarity: number | null })[] = [];
  for (const { e, sig } of signed) {
    const candidates = new Set(sig.bands.flatMap((b) => byBand.get(b) ?? []));
    let best: { row: CopyRow; sim: number } | null = null;
    for (const row of candidates) {
      if (row.document_id === e.data.documentId) continue;
      const sim = similarity(sig.values, row.signature);
      // Ties go to the first stored (lowest position): the original, whichever batch it was in.
      if (
        sim >= COPY_SIMILARITY &&
        (!best ||
          sim > best.sim ||
          (sim === best.sim && BigInt(row.global_position) < BigInt(best.row.global_position)))
      ) {
        best = { row, sim };
      }
    }
    const copyOf = best ? (best.row.copy_of ?? best.row.document_id) : null;
    const row = {
      document_id: e.data.documentId,
      copy_of: copyOf,
      similarity: best ? best.sim : null,
      root_published_at: best ? best.row.root_published_at : e.data.publishedAt,
      signature: sig.values,
      global_position: e.position.commit.toString(),
    };
    copies.set(row.document_id, row);
    articleCopies.push(row);
    // Later articles of the batch compare with this one as with a stored one (as one at a time would).
    remember(row, sig.bands);
    if (copyOf && record) {
      changes.push({
        kind: 'article_copy_found',
        position: e.position,
        payload: { documentId: row.document_id, copyOf, similarity: row.similarity },
      });
    }
  }
  if (articleCopies.length) {
    if (memory) {
      // What the tables lack, known from memory, goes in by COPY: the articles not stored yet (first in the batch
      // wins, as with ON CONFLICT DO NOTHING), and their new bands (no conflict to resolve, so an empty build can defer
      // the bands' key).
      const fresh = unstoredRows(articleCopies, (r) => r.document_id, memory.byDocument);
      await copyRows(db, 'article_copies', fresh);
      const bandRows = memory.unstoredBands(
        articleCopies.map((row, i) => ({ document_id: row.document_id, bands: signed[i]!.sig.bands })),
      );
      await copyRows(db, 'article_bands', bandRows);
    } else {
      await insertRows(db, 'article_copies', articleCopies)
        .onConflict((oc) => oc.column('document_id').doNothing())
        .execute();
      const bandRows = signed.flatMap(({ e, sig }) =>
        sig.bands.map((band) => ({ band, document_id: e.data.documentId })),
      );
      if (bandRows.length)
        await insertRows(db, 'article_bands', bandRows)
          .onConflict((oc) => oc.columns(['band', 'document_id']).doNothing())
          .execute();
    }
  }

  // Facts: each a source of the fact group its key names, dated like its original when its article is a copy.
  const facts = events.filter(isFact);
  const missing = [...new Set(facts.map((f) => f.data.source.documentId).filter((id) => !copies.has(id)))];
  if (missing.length && memory) {
    for (const id of missing) {
      const row = memory.byDocument.get(id);
      if (row) copies.set(id, row);
    }
  } else if (missing.length) {
    const stored = await db
      .selectFrom('article_copies')
      .select(COPY_COLUMNS)
      .where('document_id', 'in', missing)
      .execute();
    for (const r of stored) copies.set(r.document_id, r);
  }
  const sourceRows = facts.map((f) => {
    const copy = copies.get(f.data.source.documentId);
    const groupDay =
      f.data.madeOn ??
      (copy?.copy_of ? copy.root_published_at : null) ??
      f.data.source.publishedAt ??
      day(f.recordedAt);
    const groupId = deterministicUuid(GROUP_NAMESPACE, factGroupKey(f, groupDay));
    if (record)
      changes.push({
        kind: 'fact_source_added',
        position: f.position,
        payload: {
          factId: f.id,
          type: f.type,
          groupId,
          documentId: f.data.source.documentId,
          copyOf: copy?.copy_of ?? null,
        },
      });
    return {
      fact_id: f.id,
      fact_type: f.type,
      group_id: groupId,
      document_id: f.data.source.documentId,
      copy_of: copy?.copy_of ?? null,
      confidence: f.data.confidence,
      group_day: groupDay,
      global_position: f.position.commit.toString(),
    };
  });
  const factsAdded: string[] = [];
  if (memory) {
    // By COPY, without the facts ON CONFLICT DO NOTHING would leave out (stored already, or earlier in the batch).
    const fresh = unstoredRows(sourceRows, (r) => r.fact_id, memory.facts);
    await copyRows(db, 'fact_sources', fresh);
    for (const r of fresh) factsAdded.push(r.fact_id);
  } else if (sourceRows.length)
    await insertRows(db, 'fact_sources', sourceRows)
      .onConflict((oc) => oc.column('fact_id').doNothing())
      .execute();

  const confirmations = events.filter(
    (e): e is Extract<ProjectedEvent, { type: 'FactConfirmed' }> => e.type === 'FactConfirmed',
  );
  if (confirmations.length) {
    await insertRows(
      db,
      'fact_confirmations',
      confirmations.map((c) => ({
        confirmation_id: c.id,
        fact_id: c.data.factId,
        fact_type: c.data.factType,
        confirmed_by: c.data.by,
        note: c.data.note,
        confirmed_at: c.recordedAt,
        global_position: c.position.commit.toString(),
      })),
    )
      .onConflict((oc) => oc.column('confirmation_id').doNothing())
      .execute();
    for (const c of record ? confirmations : []) {
      changes.push({
        kind: 'fact_confirmed',
        position: c.position,
        payload: { confirmationId: c.id, factId: c.data.factId, by: c.data.by },
      });
    }
  }

  // Withdrawals: a withdrawn source stops counting (its fact stays while other sources carry it); a withdrawn
  // confirmation is undone.
  const withdrawals = firstWithdrawals(events.filter((e): e is Withdrawal => e.type === 'EventWithdrawn'));
  const ofFacts = withdrawals.filter((w) => w.data.withdrawn.type !== 'FactConfirmed');
  const ofConfirmations = withdrawals.filter((w) => w.data.withdrawn.type === 'FactConfirmed');
  if (ofFacts.length) {
    const done = await db
      .updateTable('fact_sources')
      .from(
        rowsOf(
          'fact_sources',
          ofFacts.map((w) => ({ fact_id: w.data.eventId, withdrawn_at: w.recordedAt })),
          'w',
        ),
      )
      .set((eb) => ({ withdrawn_at: eb.ref('w.withdrawn_at') }))
      .whereRef('fact_sources.fact_id', '=', 'w.fact_id')
      .where('fact_sources.withdrawn_at', 'is', null)
      .returning(['fact_sources.fact_id', 'fact_sources.group_id'])
      .execute();
    const byId = new Map(done.map((r) => [r.fact_id, r.group_id]));
    for (const w of ofFacts) {
      const groupId = byId.get(w.data.eventId);
      if (groupId && record)
        changes.push({
          kind: 'fact_source_withdrawn',
          position: w.position,
          payload: { factId: w.data.eventId, groupId },
        });
    }
  }
  if (ofConfirmations.length) {
    const done = await db
      .updateTable('fact_confirmations')
      .from(
        rowsOf(
          'fact_confirmations',
          ofConfirmations.map((w) => ({ confirmation_id: w.data.eventId, withdrawn_at: w.recordedAt })),
          'w',
        ),
      )
      .set((eb) => ({ withdrawn_at: eb.ref('w.withdrawn_at') }))
      .whereRef('fact_confirmations.confirmation_id', '=', 'w.confirmation_id')
      .where('fact_confirmations.withdrawn_at', 'is', null)
      .returning(['fact_confirmations.confirmation_id', 'fact_confirmations.fact_id'])
      .execute();
    for (const r of record ? done : []) {
      const w = ofConfirmations.find((x) => x.data.eventId === r.confirmation_id)!;
      changes.push({
        kind: 'confirmation_withdrawn',
        position: w.position,
        payload: { confirmationId: r.confirmation_id, factId: r.fact_id },
      });
    }
  }
  return {
    changes,
    remember: () => {
      memory?.add(articleCopies.map((row, i) => ({ row, bands: signed[i]!.sig.bands })));
      for (const id of factsAdded) memory?.facts.add(id);
    },
  };
}

/**
 * `corroboration`: which article copies which (MinHash over shingles, first stored wins), every
 * fact event as one source of a fact group, and analysts' confirmations. Built in log order only
 * from the events, so a rebuild finds the same copies and groups.
 */
export const corroborationProjection: Projection = {
  name: 'corroboration',
  eventTypes: [
    'ArticleRegistered',
    'ClaimMade',
    'MeetingProposed',
    'AgreementReported',
    'FactConfirmed',
    'EventWithdrawn',
  ],
  tables: ['article_copies', 'article_bands', 'fact_sources', 'fact_confirmations'],
  apply: async (db, events, options) => (await applyCorroboration(db, events, null, options)).changes,
  forEmptyBuild: () => withMemory(corroborationProjection, new StoredCopies(), applyCorroboration),
};
