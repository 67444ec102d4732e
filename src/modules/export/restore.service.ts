import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { AppError } from '../../web/errors';
import { ImportFormatError } from '../importers/importer.errors';
import { SummaryBuilder, type ImportSummary } from '../importers/import.summary';
import type { ImportOptions } from '../importers/wxr.service';
import { EXPORT_FORMAT, EXPORT_KINDS, EXPORT_VERSION, type ExportKind, type ExportRow } from './export.format';
import { linkCommentParents, restoreCommentRows } from '../comments/comment-bulk.service';
import { articleIdsAfter, countContent, insertRows, upsertSettingRow } from './export.repository';

/** 409: `import palabre` restores into an empty instance only (ids are kept as they were). */
export class RestoreTargetNotEmptyError extends AppError {
  constructor() {
    super('import_not_empty', 409, 'this instance already has accounts, articles or comments; restore a Palabre export into an empty database');
  }
}

const headerSchema = z.object({ type: z.literal('header'), format: z.literal(EXPORT_FORMAT), version: z.number().int().positive() });
const lineSchema = z.object({ type: z.string() }).catchall(z.union([z.string(), z.number(), z.null()]));
const endSchema = z.object({ type: z.literal('end'), counts: z.record(z.string(), z.number().int().min(0)) });
const BATCH = 200;

/**
 * `palabre import palabre FILE`: restores an export into an empty instance in one
 * transaction (all or nothing), ids kept, so every link between rows holds; then
 * moves the id generators past the restored rows and tells the other modules
 * (search…) about each article.
 */
export async function importPalabre(deps: Deps, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  if ((await countContent(deps.db)) > 0) throw new RestoreTargetNotEmptyError();
  const s = new SummaryBuilder('palabre');
  const total = statSync(file).size;
  const byType = new Map(EXPORT_KINDS.map((k) => [k.type, k]));
  await deps.dialect.writeTransaction(deps.db, async (db) => {
    let batch: ExportRow[] = [];
    let batchKind: ExportKind | undefined;
    const lateParents: [number, number][] = [];
    const flush = async () => {
      // Comments are the comments module's rows: written through its bulk service.
      if (batchKind?.table === 'comments') await restoreCommentRows(db, batch);
      else if (batchKind && batch.length) await insertRows(db, batchKind.table, batch);
      batch = [];
    };
    let n = 0;
    let read = 0;
    let ended = false;
    for await (const text of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
      n += 1;
      read += Buffer.byteLength(text) + 1;
      if (text.trim() === '') continue;
      if (ended) throw new ImportFormatError(`line ${n}: content after the end line`);
      const value = parseJson(text, n);
      if (n === 1) {
        const h = headerSchema.safeParse(value);
        if (!h.success) throw new ImportFormatError('line 1: not a Palabre export (no palabre-export header)');
        if (h.data.version > EXPORT_VERSION) throw new ImportFormatError(`the export is version ${h.data.version}; this Palabre reads up to version ${EXPORT_VERSION}`);
        s.summary.version = String(h.data.version);
        s.summary.source = 'palabre';
        continue;
      }
      if ((value as { type?: unknown }).type === 'end') {
        await flush();
        checkCounts(endSchema, value, s, n);
        ended = true;
        continue;
      }
      const line = lineSchema.safeParse(value);
      const kind = line.success ? byType.get(line.data.type) : undefined;
      if (!line.success || !kind) throw new ImportFormatError(`line ${n}: ${line.success ? `unknown type "${line.data.type}"` : 'not a row (values must be text, numbers or null)'}`);
      const { type: _type, ...row } = line.data;
      if (kind.table === 'settings') {
        await upsertSettingRow(db, String(row.key), String(row.value));
      } else {
        if (kind.table === 'comments' && typeof row.parent_id === 'number' && typeof row.id === 'number' && row.parent_id >= row.id) {
          // A reply stored before its parent (an import fixed it up later): linked once both exist.
          lateParents.push([row.id, row.parent_id]);
          row.parent_id = null;
        }
        if (batchKind !== kind || batch.length >= BATCH) await flush();
        batchKind = kind;
        batch.push(row);
      }
      s.created(kind.type);
      if (n % 1000 === 0) opts.onProgress?.(read, total);
    }
    await flush();
    if (!ended) throw new ImportFormatError('the file ends before its end line: truncated export?');
    await linkCommentParents(db, lateParents.map(([id, parentId]) => ({ id, parentId })));
    for (const kind of EXPORT_KINDS) if (kind.hasId) await deps.dialect.syncIdSequence(db, kind.table);
  });
  opts.onProgress?.(total, total);
  for (let after = 0, ids = await articleIdsAfter(deps.db, 0, 500); ids.length > 0; ids = await articleIdsAfter(deps.db, after, 500)) {
    for (const id of ids) await deps.hooks.emit('article.saved', { articleId: id });
    after = ids[ids.length - 1] ?? after;
  }
  await deps.cache.invalidate(['*']);
  return s.summary;
}

function parseJson(text: string, n: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ImportFormatError(`line ${n}: not JSON`);
  }
}

function checkCounts(schema: typeof endSchema, value: unknown, s: SummaryBuilder, n: number): void {
  const end = schema.safeParse(value);
  if (!end.success) throw new ImportFormatError(`line ${n}: malformed end line`);
  for (const [type, count] of Object.entries(end.data.counts)) {
    const got = s.summary.created[type] ?? 0;
    if (got !== count) throw new ImportFormatError(`the end line counts ${count} ${type} lines but the file holds ${got}: damaged export`);
  }
}
