/** The editor's autosaved text: one row per article and user, overwritten; never public. */
export interface ArticleAutosavesTable {
  article_id: number;
  user_id: number;
  title: string;
  summary: string;
  body: string;
  saved_at: string;
}

export interface AutosaveTables {
  article_autosaves: ArticleAutosavesTable;
}
