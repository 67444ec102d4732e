import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { DoctypeRefusedError, ImportFormatError } from './importer.errors';

/** A small element tree: what a record (an item, a comment, a thread…) looks like once read. */
export interface XNode {
  /** Local name: `post_id` for `<wp:post_id>`, whatever namespace URI the prefix is bound to. */
  name: string;
  /** Namespace URI ('' when none). */
  uri: string;
  /** Attributes by local name. */
  attrs: Record<string, string>;
  /** Text and CDATA of the element itself, concatenated. */
  text: string;
  children: XNode[];
}

/** A complete record and the record that encloses it, if any (seen so far: its children before this one). */
export interface XRecord {
  node: XNode;
  /** Local names from the root to this element. */
  path: string[];
  /** The enclosing record while it is still being read (e.g. the item of a comment). */
  parent: XNode | undefined;
}

/** First child with that local name. */
export function child(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children.find((c) => c.name === name);
}

/** Every child with that local name. */
export function children(node: XNode | undefined, name: string): XNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

/** Text of the first child with that local name ('' when absent). */
export function textOf(node: XNode | undefined, name: string): string {
  return child(node, name)?.text ?? '';
}

export interface StreamOptions {
  /** Whether the element at this path (local names from the root) is a record to hand over whole. */
  isRecord(path: readonly string[]): boolean;
  /** Called with each record, in document order; reading waits for it. */
  onRecord(record: XRecord): Promise<void>;
  /**
   * Called with the records a chunk completed, before the first of them is handed to
   * `onRecord`: a look-ahead, to start work on later records (a worker) while earlier
   * ones are written.
   */
  onChunk?: (records: readonly XRecord[]) => void;
  /** Called after each chunk with bytes read and total. */
  onProgress?: (read: number, total: number) => void;
  /**
   * Tolerant mode: malformed XML is not refused; saxes reports each error (with its
   * line and column) here and goes on reading with its own recovery (text outside
   * the root dropped, an unquoted attribute value read up to the next space…).
   */
  onRecovered?: (message: string) => void;
}

interface Frame {
  node: XNode;
  record: boolean;
}

/**
 * Reads an XML file as a stream with saxes: at most one chunk and the records it
 * completed are in memory at once, whatever the file's size. Elements are matched
 * by local name, so any namespace URI version works. A DOCTYPE is refused (no
 * entity expansion, no external entities); malformed XML fails with its position.
 */
export async function streamXmlRecords(file: string, opts: StreamOptions): Promise<void> {
  const total = statSync(file).size;
  const parser = new SaxesParser({ xmlns: true, position: true, fileName: basename(file) });
  const stack: Frame[] = [];
  const path: string[] = [];
  const queue: XRecord[] = [];
  // How many records are open around the current element: text outside any record is dropped.
  let recordDepth = 0;
  const recovered = opts.onRecovered;
  if (recovered) parser.on('error', (err) => recovered(err.message.replace(/^[^:]*:(\d+):(\d+): /, 'line $1, column $2: ')));
  parser.on('doctype', () => {
    throw new DoctypeRefusedError();
  });
  parser.on('xmldecl', (decl) => {
    const enc = decl.encoding?.toLowerCase();
    if (enc && enc !== 'utf-8' && enc !== 'utf8') throw new ImportFormatError(`the file declares encoding ${decl.encoding}; only UTF-8 is read`);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    path.push(tag.local);
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) if (a.prefix !== 'xmlns' && a.name !== 'xmlns') attrs[a.local] = a.value;
    const node: XNode = { name: tag.local, uri: tag.uri, attrs, text: '', children: [] };
    const record = opts.isRecord(path);
    const top = stack[stack.length - 1];
    // A record is never kept inside its enclosing record: it is handed over on its own.
    if (top && !record && recordDepth > 0) top.node.children.push(node);
    if (record) recordDepth += 1;
    stack.push({ node, record });
  });
  const onText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top && recordDepth > 0) top.node.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const frame = stack.pop();
    if (frame?.record) {
      recordDepth -= 1;
      const parent = [...stack].reverse().find((f) => f.record)?.node;
      queue.push({ node: frame.node, path: [...path], parent });
    }
    path.pop();
  });

  let read = 0;
  try {
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.write(chunk);
      read += Buffer.byteLength(chunk);
      opts.onChunk?.(queue);
      while (queue.length > 0) {
        const next = queue.shift();
        if (next) await opts.onRecord(next);
      }
      opts.onProgress?.(read, total);
    }
    parser.close();
    opts.onChunk?.(queue);
    for (const next of queue.splice(0)) await opts.onRecord(next);
  } catch (err) {
    if (err instanceof ImportFormatError || err instanceof DoctypeRefusedError) throw err;
    // saxes reports malformed XML as "FILE:LINE:COLUMN: what".
    if (err instanceof Error && /:\d+:\d+: /.test(err.message)) throw new ImportFormatError(`not well-formed XML at ${err.message}`);
    throw err;
  }
}
