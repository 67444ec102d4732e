/** At most this many warnings are listed; the rest are counted. */
const MAX_WARNINGS = 100;

/** What an import did: counts per kind, and warnings (the last line the CLI prints, as JSON). */
export interface ImportSummary {
  format: string;
  source: string;
  version?: string;
  created: Record<string, number>;
  existing: Record<string, number>;
  skipped: Record<string, number>;
  /** Posts public at the source (password-protected, private…) imported as drafts, by reason. */
  drafted: Record<string, number>;
  /** Disqus threads that match no article, by URL (the first 100; `skipped` counts them all). */
  unmatched: string[];
  warnings: string[];
  warningsTotal: number;
  /** Set when the import stopped: why. Everything counted above was committed and stays. */
  failed?: string;
}

/** Accumulates an ImportSummary while a file is read. */
export class SummaryBuilder {
  readonly summary: ImportSummary;
  private committed: Pick<ImportSummary, 'created' | 'existing' | 'skipped' | 'drafted'> = { created: {}, existing: {}, skipped: {}, drafted: {} };

  constructor(format: string) {
    this.summary = { format, source: '', created: {}, existing: {}, skipped: {}, drafted: {}, unmatched: [], warnings: [], warningsTotal: 0 };
  }

  created(kind: string, n = 1): void {
    this.summary.created[kind] = (this.summary.created[kind] ?? 0) + n;
  }

  existing(kind: string, n = 1): void {
    this.summary.existing[kind] = (this.summary.existing[kind] ?? 0) + n;
  }

  skipped(kind: string, n = 1): void {
    this.summary.skipped[kind] = (this.summary.skipped[kind] ?? 0) + n;
  }

  drafted(reason: string): void {
    this.summary.drafted[reason] = (this.summary.drafted[reason] ?? 0) + 1;
  }

  unmatched(url: string): void {
    if (this.summary.unmatched.length < MAX_WARNINGS) this.summary.unmatched.push(url);
  }

  /** The counts as they are now are committed: what `rollBack` returns to. */
  checkpoint(): void {
    this.committed = structuredClone({ created: this.summary.created, existing: this.summary.existing, skipped: this.summary.skipped, drafted: this.summary.drafted });
  }

  /** The batch being written was rolled back: the counts go back to the last checkpoint. */
  rollBack(): void {
    Object.assign(this.summary, structuredClone(this.committed));
  }

  warn(message: string): void {
    this.summary.warningsTotal += 1;
    if (this.summary.warnings.length < MAX_WARNINGS) this.summary.warnings.push(message);
  }
}

// The summary of an import that stopped, kept beside its error (which keeps its own class and code).
const summaries = new WeakMap<object, ImportSummary>();

/** What an import that failed with this error had committed, if the error came from an import. */
export function summaryOf(err: unknown): ImportSummary | undefined {
  return typeof err === 'object' && err !== null ? summaries.get(err) : undefined;
}

/** Runs an import; on failure, the error (rethrown as it is) carries the summary of what was committed. */
export async function withSummaryOnFailure<T extends ImportSummary>(s: SummaryBuilder, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    s.summary.failed = err instanceof Error ? err.message : String(err);
    if (typeof err === 'object' && err !== null && !summaries.has(err)) summaries.set(err, s.summary);
    throw err;
  }
}
