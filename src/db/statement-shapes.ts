import { CompiledQuery, type Compilable, type Kysely } from 'kysely';

/**
 * Bulk writes (an import) run the same statements thousands of times with new values:
 * a 400-row INSERT is 6,000 values for Kysely to build into nodes and compile each time.
 * The write path of new comments runs a few short statements for every group (the
 * pipeline's questions, the INSERT, the article's version): building them was ~5 % of a
 * serving worker's CPU (docs/performance.md, fourteenth round).
 * Here Kysely builds and compiles a shape once; later statements of that shape reuse its
 * SQL text with their own parameters. `params` lists them in the order Kysely writes them;
 * the first statement of a shape checks that (a shape whose parameters differ from what
 * Kysely wrote is never reused, only compiled each time), so the text run is always Kysely's.
 */
const texts = new WeakMap<object, Map<string, string | null>>();

function sameParams(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Runs a statement of the named shape (the same SQL text whatever the values) and returns its rows. */
export async function runShaped<DB, R>(db: Kysely<DB>, shape: string, params: readonly unknown[], build: () => Compilable<R>): Promise<R[]> {
  // The adapter is the engine's: one cache per database and engine, shared by its transactions.
  const adapter = db.getExecutor().adapter;
  let known = texts.get(adapter);
  if (!known) texts.set(adapter, (known = new Map<string, string | null>()));
  const text = known.get(shape);
  if (text) return (await db.executeQuery<R>(CompiledQuery.raw(text, [...params]))).rows;
  const compiled = build().compile();
  if (text === undefined) known.set(shape, sameParams(compiled.parameters, params) ? compiled.sql : null);
  return (await db.executeQuery<R>(compiled)).rows;
}

/** The shapes run so far on this database and engine, each with whether its SQL text is reused (tests). */
export function shapesRun<DB>(db: Kysely<DB>): Map<string, boolean> {
  return new Map([...(texts.get(db.getExecutor().adapter) ?? [])].map(([shape, text]) => [shape, text !== null]));
}
