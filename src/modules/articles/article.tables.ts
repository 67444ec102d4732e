import type { Generated } from 'kysely';

export interface SectionsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  created_at: string;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  summary: string;
  /** Markdown. */
  body: string;
  section_id: number | null;
  dateline: string;
  /** Stored status; 'scheduled' is derived: published with publish_at in the future. */
  status: 'draft' | 'published';
  /** When it is (or was) published; null for a draft never scheduled. */
  publish_at: string | null;
  created_at: string;
  updated_at: string;
  comments_open: number;
  image_id: number | null;
  correction: string | null;
  lang: string;
  /** Per-article override of the discussion's moderation mode; null = the site's setting. */
  moderation: string | null;
  /** Slow mode set by the newsroom: one comment per reader per N minutes (0 = off). */
  slow_mode_minutes: Generated<number>;
  /** What an automatic rule switched the article to ('pre' | 'slow'), until protect_until. */
  protect_mode: string | null;
  protect_slow_minutes: number | null;
  /** When the protection ends by itself (compared with the clock at read time). */
  protect_until: string | null;
  /** Bumped on every change of the article or its published discussion; part of cache keys. */
  version: number;
}

export interface ArticleAuthorsTable {
  article_id: number;
  user_id: number;
  position: number;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
}

/** Former slugs (and imported permalinks) that redirect to an article. */
export interface ArticleSlugsTable {
  slug: string;
  article_id: number;
}

/** Former slugs of a tag (renamed, or merged into it) that redirect to its page. */
export interface TagSlugsTable {
  slug: string;
  tag_id: number;
}

export interface RevisionsTable {
  id: Generated<number>;
  article_id: number;
  created_at: string;
  author_id: number | null;
  title: string;
  summary: string;
  body: string;
}

export interface ArticleTables {
  sections: SectionsTable;
  tags: TagsTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  article_slugs: ArticleSlugsTable;
  tag_slugs: TagSlugsTable;
  revisions: RevisionsTable;
}
