import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** int8 columns: PostgreSQL sends them as strings (they may exceed 2^53); insert a bigint, string or number. */
export type Int8 = ColumnType<string, bigint | string | number, bigint | string | number>;
/** date columns, read as `YYYY-MM-DD` strings (see createPool): a day has no time zone. */
export type Day = ColumnType<string, string, string>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface ProjectionCheckpointsTable {
  projection: string;
  position: string;
  events_handled: ColumnType<string, bigint | string | number | undefined, bigint | string | number>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ProjectionChangesTable {
  projection: string;
  position_commit: Int8;
  position_prepare: Int8;
  seq: number;
  kind: string;
  side: string | null;
  topic: string | null;
  payload: Json<Record<string, unknown>>;
  committed_at: Generated<Date>;
}

export interface ProjectionDeadLettersTable {
  projection: string;
  event_id: string;
  position: string;
  event_type: string;
  error: string;
  parked_at: Generated<Date>;
}

export interface ProjectionRebuildsTable {
  projection: string;
  shadow_schema: string;
  /** `building` (into the shadow schema), `swapping`. */
  state: 'building' | 'swapping';
  event_types: string[];
  position: string;
  events_handled: ColumnType<string, bigint | string | number | undefined, bigint | string | number>;
  started_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SourcesTable {
  document_id: string;
  stream_id: string;
  url: string | null;
  publisher: string | null;
  title: string | null;
  published_at: Day | null;
  text: string;
  content_hash: string;
  event_id: string;
  global_position: Int8;
  recorded_at: Timestamp;
}

export interface ClaimsTable {
  event_id: string;
  document_id: string;
  stream_id: string;
  stream_revision: Int8;
  global_position: Int8;
  recorded_at: Timestamp;
  speaker: string | null;
  side: string;
  topic: string;
  stance: string;
  text: string;
  quote: string;
  span_start: number;
  span_end: number;
  made_on: Day | null;
  valid_on: Day;
  published_at: Day | null;
  url: string | null;
  publisher: string | null;
  title: string | null;
  extractor_name: string;
  extractor_version: string;
  correlation_id: string | null;
  causation_id: string | null;
  written_by: string | null;
  withdrawn_at: Timestamp | null;
  withdrawn_position: Int8 | null;
  withdrawn_reason: string | null;
  withdrawn_by: string | null;
}

export interface PositionHistoryTable {
  claim_id: string;
  side: string;
  topic: string;
  valid_from: Day;
  valid_to: Day | null;
  global_position: Int8;
  stance: string;
  speaker: string | null;
  text: string;
  quote: string;
  document_id: string;
  recorded_at: Timestamp;
}

export interface PositionsTable {
  side: string;
  topic: string;
  claim_id: string;
  stance: string;
  since: Day;
  speaker: string | null;
  text: string;
  quote: string;
  document_id: string;
  claims_count: number;
}

export interface PositionChangesTable {
  after_claim_id: string;
  before_claim_id: string;
  side: string;
  topic: string;
  changed_on: Day;
  from_stance: string;
  to_stance: string;
  /** `stance`: a different stance; `terms`: the same stance, materially different terms. */
  kind: 'stance' | 'terms';
  global_position: Int8;
}

export interface MeetingsTable {
  event_id: string;
  document_id: string;
  global_position: Int8;
  recorded_at: Timestamp;
  proposer: string | null;
  proposer_side: string;
  participants: string[];
  level: string;
  location: string | null;
  timeframe: string | null;
  window_from: Day | null;
  window_to: Day | null;
  made_on: Day | null;
  valid_on: Day;
  quote: string;
  span_start: number;
  span_end: number;
  extractor_name: string;
  extractor_version: string;
  withdrawn_at: Timestamp | null;
  withdrawn_reason: string | null;
}

export interface AgreementsTable {
  event_id: string;
  document_id: string;
  global_position: Int8;
  recorded_at: Timestamp;
  parties: string[];
  topic: string;
  terms: string;
  quantities: Json<{ value: number; unit: string; per: string | null }[]>;
  reported_by: string | null;
  made_on: Day | null;
  valid_on: Day;
  quote: string;
  span_start: number;
  span_end: number;
  extractor_name: string;
  extractor_version: string;
  withdrawn_at: Timestamp | null;
  withdrawn_reason: string | null;
}

export interface ActorsTable {
  actor: string;
  side: string;
  claims_made: number;
  topics: string[];
  topic_counts: Json<Record<string, number>>;
  first_claim_on: Day | null;
  last_claim_on: Day | null;
}

export interface ArticleCopiesTable {
  document_id: string;
  /** The stored article this one copies (the first of a chain), or null. */
  copy_of: string | null;
  similarity: number | null;
  root_published_at: Day | null;
  signature: number[];
  global_position: Int8;
}

/** One locality-sensitive band of an article's signature (articles sharing one are compared). */
export interface ArticleBandsTable {
  band: string;
  document_id: string;
}

export interface FactSourcesTable {
  fact_id: string;
  fact_type: string;
  /** The fact this event is one source of: equal for every article reporting the same statement. */
  group_id: string;
  document_id: string;
  copy_of: string | null;
  confidence: number | null;
  group_day: Day;
  global_position: Int8;
  withdrawn_at: Timestamp | null;
}

export interface FactConfirmationsTable {
  confirmation_id: string;
  fact_id: string;
  fact_type: string;
  confirmed_by: string | null;
  note: string | null;
  confirmed_at: Timestamp;
  global_position: Int8;
  withdrawn_at: Timestamp | null;
}

/** Every read-model table, for kysely's type checking (the event log's: @claims/eventstore `EventLogTables`). */
export interface Database {
  projection_checkpoints: ProjectionCheckpointsTable;
  projection_changes: ProjectionChangesTable;
  projection_dead_letters: ProjectionDeadLettersTable;
  projection_rebuilds: ProjectionRebuildsTable;
  sources: SourcesTable;
  claims: ClaimsTable;
  position_history: PositionHistoryTable;
  positions: PositionsTable;
  position_changes: PositionChangesTable;
  meetings: MeetingsTable;
  agreements: AgreementsTable;
  actors: ActorsTable;
  article_copies: ArticleCopiesTable;
  article_bands: ArticleBandsTable;
  fact_sources: FactSourcesTable;
  fact_confirmations: FactConfirmationsTable;
}
