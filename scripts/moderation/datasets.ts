import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One labelled comment of ../shared/datasets. */
export interface LabelledComment {
  text: string;
  label: string;
  lang: string;
  source: string;
}

export interface Dataset {
  name: string;
  /** The label that means "unwanted" (spam, toxic). */
  positive: string;
  train: LabelledComment[];
  heldOut: LabelledComment[];
}

/** Where the labelled sets live: ../shared/datasets beside the checkout, or DATASETS_DIR. */
export function datasetsDir(root: string): string {
  return process.env.DATASETS_DIR ?? join(root, '../shared/datasets');
}

/**
 * The fixed held-out 30%: decided by a hash of the text alone, so it never
 * depends on file order, and no training run can ever see it.
 */
export function isHeldOut(text: string): boolean {
  return createHash('sha256').update(text).digest().readUInt32BE(0) % 100 < 30;
}

/** Loads the two labelled sets, split into training and held-out parts (file order kept). */
export function loadDatasets(root: string): Dataset[] {
  const read = (file: string): LabelledComment[] =>
    readFileSync(join(datasetsDir(root), file), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as LabelledComment);
  return [
    { name: 'youtube-spam', positive: 'spam', file: 'youtube-spam.jsonl' },
    { name: 'toxifrench', positive: 'toxic', file: 'toxifrench.jsonl' },
  ].map((d) => {
    const all = read(d.file);
    return { name: d.name, positive: d.positive, train: all.filter((c) => !isHeldOut(c.text)), heldOut: all.filter((c) => isHeldOut(c.text)) };
  });
}
