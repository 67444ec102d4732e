/**
 * Post meta keys a Palabre WXR export writes for what WordPress has no field for; the
 * WordPress importer keeps post meta as it is and WordPress's exporter writes it back,
 * so Palabre's importer finds them after a trip through WordPress.
 */
export const PALABRE_META = {
  /** JSON array of every byline in order: `{login, email, name}` (WordPress has one author per post). */
  bylines: '_palabre_bylines',
  dateline: '_palabre_dateline',
  correction: '_palabre_correction',
  /** The article's language (`fr`, `en`): WordPress has one language per site. */
  lang: '_palabre_lang',
} as const;

/**
 * Comment meta keys of a Palabre WXR export: the newsroom's picks (issue 14), `1` and the
 * time of the pick (ISO 8601). WordPress keeps comment meta through its importer and exporter.
 */
export const PALABRE_COMMENT_META = {
  pick: 'palabre_pick',
  pickedAt: 'palabre_picked_at',
} as const;
