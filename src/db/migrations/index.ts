import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-moderation';
import * as m0003 from './0003-newsroom';
import * as m0004 from './0004-search';
import * as m0005 from './0005-importers';
import * as m0006 from './0006-reply-notifications';
import * as m0007 from './0007-likes-and-edits';
import * as m0008 from './0008-tag-slugs';
import * as m0011 from './0011-comment-author-url';
import * as m0012 from './0012-auto-rules';
import * as m0013 from './0013-comment-idempotency';
import * as m0014 from './0014-search-plans';
import * as m0015 from './0015-search-tier-indexes';
import * as m0016 from './0016-search-stripped-document';
import * as m0017 from './0017-search-result-fields';
import * as m0018 from './0018-comment-keys-index';

/** A migration: append-only; each runs in its own transaction. */
export interface MigrationModule {
  up(db: Kysely<unknown>, d: Dialect): Promise<void>;
}

/**
 * Every migration, in order. Append new ones at the end; never edit or reorder a
 * migration that has shipped. Numbers reserved: 0002 moderation, 0003 accounts/media,
 * 0004 search, 0005 importers/export.
 */
export const MIGRATIONS: Record<string, MigrationModule> = {
  '0001-foundation': m0001,
  '0002-moderation': m0002,
  '0003-newsroom': m0003,
  '0004-search': m0004,
  '0005-importers': m0005,
  '0006-reply-notifications': m0006,
  '0007-likes-and-edits': m0007,
  '0008-tag-slugs': m0008,
  '0011-comment-author-url': m0011,
  '0012-auto-rules': m0012,
  '0013-comment-idempotency': m0013,
  '0014-search-plans': m0014,
  '0015-search-tier-indexes': m0015,
  '0016-search-stripped-document': m0016,
  '0017-search-result-fields': m0017,
  '0018-comment-keys-index': m0018,
};
