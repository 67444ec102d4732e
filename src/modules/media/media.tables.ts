import type { Generated } from 'kysely';

/** An uploaded image and its renditions (JSON text: [{width, type, file}]). */
export interface MediaTable {
  id: Generated<number>;
  user_id: number | null;
  original_name: string;
  alt: string;
  /** MIME type of the stored full-size copy (the sniffed type of the upload). */
  type: string;
  width: number;
  height: number;
  bytes: number;
  /** File name of the full-size copy under the media directory. */
  file: string;
  renditions: string;
  created_at: string;
}

export interface MediaTables {
  media: MediaTable;
}
