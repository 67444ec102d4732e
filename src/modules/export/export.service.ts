import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Deps } from '../../deps';
import { EXPORT_FORMAT, EXPORT_KINDS, EXPORT_VERSION, SECRET_SETTINGS, type ExportKind, type ExportRow } from './export.format';
import { pageRows } from './export.repository';

const PAGE = 1000;

/** What an export wrote: lines per type. */
export interface ExportResult {
  file: string;
  format: 'jsonl' | 'wxr';
  counts: Record<string, number>;
}

/** Writes a line, waiting when the stream's buffer is full (bounded memory on any size). */
export async function writeLine(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Closes a file stream and waits until everything is on disk. */
export async function closeStream(out: Writable): Promise<void> {
  out.end();
  await once(out, 'finish');
}

/** Every row of one kind, a page at a time. */
export async function* rowsOf(deps: Deps, kind: ExportKind): AsyncGenerator<ExportRow> {
  let after: string | number | undefined;
  let offset = 0;
  for (;;) {
    const rows = await pageRows(deps.db, kind.table, kind.key, { after, offset }, PAGE);
    for (const row of rows) yield row;
    if (rows.length < PAGE) return;
    offset += rows.length;
    const last = rows[rows.length - 1];
    after = last ? (last[kind.key[0] ?? 'id'] ?? undefined) : undefined;
  }
}

/**
 * `palabre export FILE`: the whole newsroom as JSON Lines (docs/export-format.md):
 * a header, then one line per row, dependencies first, then an end line with the
 * counts, so a truncated file is detected on restore.
 */
export async function exportJsonl(deps: Deps, file: string): Promise<ExportResult> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const counts: Record<string, number> = {};
  try {
    await writeLine(out, `${JSON.stringify({ type: 'header', format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: deps.clock.now().toISOString(), engine: deps.dialect.engine })}\n`);
    for (const kind of EXPORT_KINDS) {
      counts[kind.type] = 0;
      for await (const row of rowsOf(deps, kind)) {
        if (kind.table === 'settings' && SECRET_SETTINGS.includes(String(row.key))) continue;
        const line: Record<string, unknown> = { type: kind.type };
        for (const [col, value] of Object.entries(row)) if (!kind.omit.includes(col)) line[col] = value;
        await writeLine(out, `${JSON.stringify(line)}\n`);
        counts[kind.type] = (counts[kind.type] ?? 0) + 1;
      }
    }
    await writeLine(out, `${JSON.stringify({ type: 'end', counts })}\n`);
  } finally {
    await closeStream(out);
  }
  return { file, format: 'jsonl', counts };
}
