/** One id of a source (a WordPress site, a Disqus forum) and the local row it became. */
export interface ImportMapTable {
  /** `wxr:<site URL>` or `disqus:<forum>`. */
  source: string;
  /** `author`, `post`, `comment`, `attachment`, `thumbnail`, `thread`, `post`… */
  kind: string;
  external_id: string;
  /** The local row's id; null when nothing was created (skipped, unmatched). */
  local_id: number | null;
  /** JSON text: what a later step needs (an attachment's URL, a pending parent). */
  data: string | null;
  created_at: string;
}

/** An old URL (path, with `?p=N` for WordPress short links) that now answers 301 to an article. */
export interface LegacyUrlsTable {
  path: string;
  article_id: number;
}

/** A featured image an import found for an article (its address at the old site). */
export interface ImportedImagesTable {
  article_id: number;
  url: string;
  alt: string;
}

export interface ImporterTables {
  import_map: ImportMapTable;
  legacy_urls: LegacyUrlsTable;
  imported_images: ImportedImagesTable;
}
