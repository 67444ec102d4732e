import type { Dialect } from '../../db/dialect';
import { fts5Index } from './search.fts5.repository';
import type { SearchIndex } from './search.tiers';
import { tsvectorIndex } from './search.tsvector.repository';

// The engines import the shared shapes from search.tiers, so the dependency runs one way: index → engines → tiers.
export type { IndexHit, IndexQuery, SearchDocument, SearchIndex, Tier } from './search.tiers';

const INDEXES: Record<Dialect['fullText'], SearchIndex> = { fts5: fts5Index, tsvector: tsvectorIndex };

/** The index implementation for the engine's full-text capability. */
export function searchIndexFor(dialect: Dialect): SearchIndex {
  return INDEXES[dialect.fullText];
}
