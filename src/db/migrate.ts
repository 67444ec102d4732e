import { inspect } from 'node:util';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connect';
import { MIGRATIONS } from './migrations/index';

class StaticProvider implements MigrationProvider {
  constructor(private readonly db: Db) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(MIGRATIONS)) {
      out[name] = { up: (k: Kysely<unknown>) => m.up(k, this.db.dialect) };
    }
    return out;
  }
}

/** Applies every pending migration; returns the names applied. Throws on the first failure. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db: db.db,
    provider: new StaticProvider(db),
    // Migrations are append-only and independent; a branch may land a lower number later.
    allowUnorderedMigrations: true,
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : inspect(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
