import type { Database } from '@claims/db';
import { HttpError } from '@claims/http';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import {
  claimsByIds,
  filteredAgreements,
  filteredChanges,
  filteredClaims,
  filteredMeetings,
  listAgreements,
  listChanges,
  listClaims,
  listMeetings,
  positionsAsOf,
} from './queries.ts';
import type { Agreement, Claim, Meeting } from './schemas.ts';

export const EXPORT_DATASETS = ['claims', 'positions', 'changes', 'meetings', 'agreements'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];
export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFilters {
  side?: string | undefined;
  actor?: string | undefined;
  topic?: string | undefined;
  stance?: string | undefined;
  level?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  asOf?: string | undefined;
  clock?: 'valid' | 'record' | undefined;
  includeWithdrawn?: 'true' | 'false' | undefined;
  /** The event type, as search takes it: accepted when it is the dataset's own. */
  type?: string | undefined;
}

/** The event type of each dataset's rows, for a `type` filter carried over from a search. */
const DATASET_TYPES: Partial<Record<ExportDataset, string>> = {
  claims: 'ClaimMade',
  meetings: 'MeetingProposed',
  agreements: 'AgreementReported',
};

type Value = string | number | boolean | null;
/** One column of an export: its name (the CSV header and the JSON key) and what it holds (the codebook). */
export interface ExportColumn<R> {
  name: string;
  description: string;
  value: (row: R) => Value;
}

/** An article's metadata, for facts whose list items carry only its id. */
interface SourceMeta {
  url: string | null;
  publisher: string | null;
  title: string | null;
  publishedAt: string | null;
}

const col = <R>(name: string, description: string, value: (row: R) => Value): ExportColumn<R> => ({
  name,
  description,
  value,
});

/** The provenance columns every dataset ends with: where the fact came from and what produced it. */
function provenanceColumns<R>(
  of: (row: R) => {
    quote: string;
    span: { start: number; end: number };
    documentId: string;
    source: SourceMeta;
    extractor: { name: string; version: string };
    confidence: number | null;
    sources: number;
    confirmed: { by: string | null; at: string } | null;
    recordedAt: string;
  },
) {
  return [
    col<R>('quote', 'The exact words of the article the fact rests on', (r) => of(r).quote),
    col<R>('documentId', "The article's content hash (sha256 of its stored, normalised text)", (r) => of(r).documentId),
    col<R>('url', "The article's address, when known", (r) => of(r).source.url),
    col<R>('publisher', 'Who published the article, when known', (r) => of(r).source.publisher),
    col<R>('title', "The article's title, when known", (r) => of(r).source.title),
    col<R>('publishedAt', "The article's publication day (YYYY-MM-DD), when known", (r) => of(r).source.publishedAt),
    col<R>('spanStart', 'Offset of the first character of the quote in the stored text', (r) => of(r).span.start),
    col<R>('spanEnd', 'Offset just past the last character of the quote', (r) => of(r).span.end),
    col<R>(
      'extractor',
      'What produced the fact: `rule-extractor`, or `analyst` for a hand entry',
      (r) => of(r).extractor.name,
    ),
    col<R>('extractorVersion', "The extractor's version, or the analyst's name", (r) => of(r).extractor.version),
    col<R>(
      'confidence',
      "The extractor's confidence, 0 to 1 (1 for an analyst's entry; empty when not recorded)",
      (r) => of(r).confidence,
    ),
    col<R>(
      'sources',
      'How many distinct articles carry the fact (copies and other reports of the same statement)',
      (r) => of(r).sources,
    ),
    col<R>(
      'confirmedBy',
      'Who confirmed the fact (the token name), empty when unconfirmed',
      (r) => of(r).confirmed?.by ?? null,
    ),
    col<R>('confirmedAt', 'When the confirmation was recorded (UTC)', (r) => of(r).confirmed?.at ?? null),
    col<R>('recordedAt', 'When the tracker recorded the fact (UTC, ISO 8601)', (r) => of(r).recordedAt),
  ];
}

const claimProvenance = (c: Claim) => ({ ...c, documentId: c.source.documentId, source: c.source });
type WithSource<T> = T & { source: SourceMeta };

const claimColumns: ExportColumn<Claim>[] = [
  col('id', "The ClaimMade event id (stable; the API's /v1/claims/{id})", (c) => c.id),
  col('type', 'The event type: ClaimMade', () => 'ClaimMade'),
  col('side', 'The side the claim speaks for (a side slug, below)', (c) => c.side),
  col('topic', 'What it is about (a topic slug, below)', (c) => c.topic),
  col('stance', 'demand, proposal, offer, acceptance, rejection, accusation or statement', (c) => c.stance),
  col('speaker', 'Who said it (an actor slug, below), empty when only the side is known', (c) => c.speaker),
  col('text', 'The claim in one sentence', (c) => c.text),
  col('madeOn', 'The day the claim was made, when the article says', (c) => c.madeOn),
  col('validOn', 'Its day in valid time: madeOn, else the publication day, else the day recorded', (c) => c.validOn),
  col('withdrawnAt', 'When it was withdrawn (only with includeWithdrawn=true)', (c) => c.withdrawn?.at ?? null),
  ...provenanceColumns<Claim>(claimProvenance),
];

type PositionRow = { side: string; topic: string; stance: string; since: string; claim: Claim };
const positionColumns: ExportColumn<PositionRow>[] = [
  col('side', 'The side', (p) => p.side),
  col('topic', 'The topic', (p) => p.topic),
  col('stance', "The side's stance on the topic on the day asked for", (p) => p.stance),
  col('validOn', 'Since when (valid time): the day of the claim that set it', (p) => p.since),
  col('id', 'The claim that set the position', (p) => p.claim.id),
  col('speaker', "That claim's speaker", (p) => p.claim.speaker),
  col('madeOn', "That claim's day, when the article says", (p) => p.claim.madeOn),
  ...provenanceColumns<PositionRow>((p) => claimProvenance(p.claim)),
];

type ChangeRow = {
  side: string;
  topic: string;
  changedOn: string;
  kind: string;
  fromStance: string;
  toStance: string;
  claim: Claim;
  previousClaim: Claim;
};
const changeColumns: ExportColumn<ChangeRow>[] = [
  col('id', 'The claim that made the change', (c) => c.claim.id),
  col('side', 'The side', (c) => c.side),
  col('topic', 'The topic', (c) => c.topic),
  col('validOn', 'The day of the change (valid time)', (c) => c.changedOn),
  col('kind', '`stance`: a new stance; `terms`: the same stance with materially different terms', (c) => c.kind),
  col('fromStance', 'The stance before', (c) => c.fromStance),
  col('stance', 'The stance after', (c) => c.toStance),
  col('previousClaimId', 'The claim that held before', (c) => c.previousClaim.id),
  col('speaker', "The changing claim's speaker", (c) => c.claim.speaker),
  col('madeOn', "The changing claim's day, when the article says", (c) => c.claim.madeOn),
  ...provenanceColumns<ChangeRow>((c) => claimProvenance(c.claim)),
];

const meetingColumns: ExportColumn<WithSource<Meeting>>[] = [
  col('id', 'The MeetingProposed event id', (m) => m.id),
  col('type', 'The event type: MeetingProposed', () => 'MeetingProposed'),
  col('side', "The proposer's side", (m) => m.proposerSide),
  col('speaker', 'Who proposed (an actor slug), empty when only the side is known', (m) => m.proposer),
  col('participants', 'The sides to meet, separated by ;', (m) => m.participants.join(';')),
  col('level', 'leaders, delegations, ministers or other', (m) => m.level),
  col('location', 'Where, when said', (m) => m.location),
  col('timeframe', 'When, as the article words it', (m) => m.timeframe),
  col('windowFrom', 'The earliest day of the proposed window', (m) => m.window?.from ?? null),
  col('windowTo', 'The last day of the proposed window', (m) => m.window?.to ?? null),
  col('madeOn', 'The day of the proposal, when the article says', (m) => m.madeOn),
  col('validOn', 'Its day in valid time', (m) => m.validOn),
  col('withdrawnAt', 'When it was withdrawn (only with includeWithdrawn=true)', (m) => m.withdrawn?.at ?? null),
  ...provenanceColumns<WithSource<Meeting>>((m) => m),
];

const agreementColumns: ExportColumn<WithSource<Agreement>>[] = [
  col('id', 'The AgreementReported event id', (a) => a.id),
  col('type', 'The event type: AgreementReported', () => 'AgreementReported'),
  col('parties', 'The sides that agreed, separated by ;', (a) => a.parties.join(';')),
  col('topic', 'What was agreed about', (a) => a.topic),
  col('terms', 'The terms, as reported', (a) => a.terms),
  col('quantities', 'Figures in the terms, as JSON [{value, unit, per}]', (a) => JSON.stringify(a.quantities)),
  col('speaker', 'Who reported it (an actor slug), when known', (a) => a.reportedBy),
  col('madeOn', 'The day of the agreement, when the article says', (a) => a.madeOn),
  col('validOn', 'Its day in valid time', (a) => a.validOn),
  col('withdrawnAt', 'When it was withdrawn (only with includeWithdrawn=true)', (a) => a.withdrawn?.at ?? null),
  ...provenanceColumns<WithSource<Agreement>>((a) => a),
];

/**
 * The columns of each dataset, in order: the CSV header, the JSON lines' keys, the codebook. Each list
 * takes its own dataset's row type; looked up by name, they are typed loosely here.
 */
export const EXPORT_COLUMNS: { [D in ExportDataset]: readonly ExportColumn<never>[] } = {
  claims: claimColumns,
  positions: positionColumns,
  changes: changeColumns,
  meetings: meetingColumns,
  agreements: agreementColumns,
} as unknown as { [D in ExportDataset]: readonly ExportColumn<never>[] };

/** Which filters each dataset takes (those of its list API); any other is a 400 naming it. */
export const EXPORT_FILTERS: { [D in ExportDataset]: readonly (keyof ExportFilters)[] } = {
  claims: ['side', 'actor', 'topic', 'stance', 'from', 'to', 'q', 'includeWithdrawn'],
  positions: ['side', 'topic', 'asOf', 'clock'],
  changes: ['side', 'topic', 'from', 'to'],
  meetings: ['side', 'level', 'from', 'to', 'includeWithdrawn'],
  agreements: ['side', 'topic', 'from', 'to', 'includeWithdrawn'],
};

export function checkExportFilters(dataset: ExportDataset, filters: ExportFilters): void {
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    if (key === 'type') {
      if (value !== DATASET_TYPES[dataset]) {
        throw new HttpError(
          400,
          `invalid query: type: the ${dataset} export holds ${DATASET_TYPES[dataset] ?? 'positions, not events of one type'}`,
          'type',
        );
      }
      continue;
    }
    if (!(EXPORT_FILTERS[dataset] as readonly string[]).includes(key)) {
      throw new HttpError(
        400,
        `invalid query: ${key}: the ${dataset} export does not take ${key} (it takes ${EXPORT_FILTERS[dataset].join(', ')})`,
        key,
      );
    }
  }
}

async function sourceMeta(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, SourceMeta>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('sources')
    .select(['document_id', 'url', 'publisher', 'title', 'published_at'])
    .where('document_id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.document_id,
      { url: r.url, publisher: r.publisher, title: r.title, publishedAt: r.published_at },
    ]),
  );
}
const NO_SOURCE: SourceMeta = { url: null, publisher: null, title: null, publishedAt: null };

const PAGE = 500;

/** The query of each dataset's list API that an export's filters make. */
function listQueries(f: ExportFilters) {
  const opt = <K extends keyof ExportFilters>(k: K) =>
    f[k] !== undefined ? { [k]: f[k] as NonNullable<ExportFilters[K]> } : {};
  const range = { ...opt('from'), ...opt('to') };
  const includeWithdrawn = f.includeWithdrawn ?? 'false';
  return {
    claims: {
      ...opt('side'),
      ...opt('topic'),
      ...opt('stance'),
      ...(f.actor ? { speaker: f.actor } : {}),
      ...opt('q'),
      ...range,
      includeWithdrawn,
    },
    positions: { ...opt('side'), ...opt('topic'), ...opt('asOf'), clock: f.clock ?? 'valid' },
    changes: { ...opt('side'), ...opt('topic'), ...range },
    meetings: { ...opt('side'), ...opt('level'), ...range, includeWithdrawn },
    agreements: { ...opt('side'), ...opt('topic'), ...range, includeWithdrawn },
  } as const;
}

/** How many rows an export will have (the CLI's progress bar): a count over the list's own filters. */
export async function exportCount(
  db: Kysely<Database>,
  dataset: ExportDataset,
  f: ExportFilters,
  pairs: readonly { side: string; topic: string }[],
): Promise<number> {
  checkExportFilters(dataset, f);
  const lq = listQueries(f);
  const count = async <T extends keyof Database>(sel: SelectQueryBuilder<Database, T, object>) =>
    Number(
      (
        await sel
          .clearSelect()
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  switch (dataset) {
    case 'positions':
      return (await positionsAsOf(db, { ...lq.positions, pairs })).length;
    case 'claims':
      return count(filteredClaims(db, lq.claims));
    case 'changes':
      return count(filteredChanges(db, lq.changes));
    case 'meetings':
      return count(filteredMeetings(db, lq.meetings));
    case 'agreements':
      return count(filteredAgreements(db, lq.agreements));
  }
}

/**
 * The rows of a dataset a page at a time, through the same queries as its list API (so the rows,
 * their ids and their order are the API's), without holding more than a page in memory.
 */
export async function* exportRows(
  db: Kysely<Database>,
  dataset: ExportDataset,
  f: ExportFilters,
  pairs: readonly { side: string; topic: string }[],
): AsyncGenerator<unknown[]> {
  checkExportFilters(dataset, f);
  const lq = listQueries(f);
  const at = (cursor: string | undefined) => ({ limit: PAGE, ...(cursor ? { cursor } : {}) });
  let cursor: string | undefined;
  switch (dataset) {
    case 'positions': {
      const positions = await positionsAsOf(db, { ...lq.positions, pairs });
      for (let i = 0; i < positions.length; i += PAGE) {
        const slice = positions.slice(i, i + PAGE);
        // The claims that set the positions, for their provenance: withdrawn ones too (a record-clock answer may rest
        // on one).
        const claims = new Map(
          (
            await claimsByIds(
              db,
              slice.map((p) => p.claimId),
            )
          ).map((c) => [c.id, c]),
        );
        yield slice.flatMap((p) => {
          const claim = claims.get(p.claimId);
          return claim ? [{ side: p.side, topic: p.topic, stance: p.stance, since: p.since, claim }] : [];
        });
      }
      return;
    }
    case 'claims':
      do {
        const page = await listClaims(db, { ...lq.claims, ...at(cursor) });
        yield page.items;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return;
    case 'changes':
      do {
        const page = await listChanges(db, { ...lq.changes, ...at(cursor) });
        yield page.items;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return;
    case 'meetings':
      do {
        const page = await listMeetings(db, { ...lq.meetings, ...at(cursor) });
        const meta = await sourceMeta(
          db,
          page.items.map((m) => m.documentId),
        );
        yield page.items.map((m) => ({ ...m, source: meta.get(m.documentId) ?? NO_SOURCE }));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return;
    case 'agreements':
      do {
        const page = await listAgreements(db, { ...lq.agreements, ...at(cursor) });
        const meta = await sourceMeta(
          db,
          page.items.map((a) => a.documentId),
        );
        yield page.items.map((a) => ({ ...a, source: meta.get(a.documentId) ?? NO_SOURCE }));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return;
  }
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(v: Value): string {
  if (v === null) return '';
  // Text a spreadsheet would run as a formula (=, +, -, @ first; OWASP's CSV injection advice) gets a leading
  // apostrophe, which spreadsheets show as text; numbers are left as they are.
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A dataset as CSV (a header row, CRLF line ends) or JSON lines, chunk by chunk. `onRows` counts
 * what went out (the CLI's progress bar).
 */
export async function* exportText(
  db: Kysely<Database>,
  dataset: ExportDataset,
  format: ExportFormat,
  filters: ExportFilters,
  pairs: readonly { side: string; topic: string }[],
  onRows: (n: number) => void = () => {},
): AsyncGenerator<string> {
  const columns = EXPORT_COLUMNS[dataset] as readonly ExportColumn<unknown>[];
  if (format === 'csv') yield `${columns.map((c) => csvField(c.name)).join(',')}\r\n`;
  for await (const rows of exportRows(db, dataset, filters, pairs)) {
    if (rows.length === 0) continue;
    yield rows
      .map((row) =>
        format === 'csv'
          ? `${columns.map((c) => csvField(c.value(row))).join(',')}\r\n`
          : `${JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, c.value(row)])))}\n`,
      )
      .join('');
    onRows(rows.length);
  }
}
