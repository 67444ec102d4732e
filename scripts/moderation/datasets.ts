import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldText } from '../../src/modules/moderation/classifier/features';

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
 * The text a split is decided on: case, accents, punctuation and spacing folded
 * away, so "Sale con !" and "sale con" (variants of one comment) always fall on
 * the same side and the held-out part never tests a text the model trained on.
 */
export function splitKey(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * The fixed held-out 30%: decided by a hash of the folded text alone, so it never
 * depends on file order, and no training run can ever see it.
 */
export function isHeldOut(text: string): boolean {
  return createHash('sha256').update(splitKey(text)).digest().readUInt32BE(0) % 100 < 30;
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

/** One comment of the corpus written for Palabre (scripts/moderation/corpus). */
export interface CorpusComment extends LabelledComment {
  category: string;
}

/**
 * The corpus written for Palabre (scripts/moderation/corpus/*.jsonl), split like
 * the datasets by a hash of the folded text: `train` is trained on, `check` is
 * an extra check set (never an acceptance figure: the same people wrote both parts).
 */
export function loadCorpus(root: string): { train: CorpusComment[]; check: CorpusComment[] } {
  const dir = join(root, 'scripts/moderation/corpus');
  if (!existsSync(dir)) return { train: [], check: [] };
  const all: CorpusComment[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        all.push(JSON.parse(line) as CorpusComment);
      } catch {
        // A file still being written may end in half a line.
      }
    }
  }
  return { train: all.filter((c) => !isHeldOut(c.text)), check: all.filter((c) => isHeldOut(c.text)) };
}

/** The cross-validation fold of a text (0–4), by its folded text, so variants share a fold. */
export function foldOf(text: string, folds = 5): number {
  return createHash('sha256').update(`fold:${splitKey(text)}`).digest().readUInt32BE(0) % folds;
}

/**
 * The ordinary news comments written for Palabre (`news-comments.jsonl`): the `train` half
 * trains the models, the `check` half is never trained on (the pipeline must publish all of it).
 */
export function loadNewsComments(root: string, half: 'train' | 'check'): { text: string; source: string }[] {
  return readFileSync(join(root, 'scripts/moderation/news-comments.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; source: string })
    .filter((c) => c.source.endsWith(`-${half}`));
}
