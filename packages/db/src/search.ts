/**
 * The text each read-model table is searched by, as the SQL expression of its tsvector: the GIN
 * index (migration 0003_workbench) is built over exactly this expression, and a query must repeat
 * it word for word for PostgreSQL to use the index. The two-argument to_tsvector with a constant
 * configuration is immutable, as an index expression must be.
 */
export const SEARCH_DOCUMENTS = {
  claims: "to_tsvector('english'::regconfig, text || ' ' || quote)",
  meetings: "to_tsvector('english'::regconfig, quote)",
  agreements: "to_tsvector('english'::regconfig, terms || ' ' || quote)",
  sources: "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || text)",
} as const;
export type SearchableTable = keyof typeof SEARCH_DOCUMENTS;
