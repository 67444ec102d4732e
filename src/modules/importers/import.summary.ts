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
  warnings: string[];
  warningsTotal: number;
}

/** Accumulates an ImportSummary while a file is read. */
export class SummaryBuilder {
  readonly summary: ImportSummary;

  constructor(format: string) {
    this.summary = { format, source: '', created: {}, existing: {}, skipped: {}, warnings: [], warningsTotal: 0 };
  }

  created(kind: string, n = 1): void {
    this.summary.created[kind] = (this.summary.created[kind] ?? 0) + n;
  }

  existing(kind: string): void {
    this.summary.existing[kind] = (this.summary.existing[kind] ?? 0) + 1;
  }

  skipped(kind: string): void {
    this.summary.skipped[kind] = (this.summary.skipped[kind] ?? 0) + 1;
  }

  warn(message: string): void {
    this.summary.warningsTotal += 1;
    if (this.summary.warnings.length < MAX_WARNINGS) this.summary.warnings.push(message);
  }
}
