import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Issue 14. Articles: their own slow mode and the protection an automatic rule put on
 * them (a mode and its end, compared with the clock at read time: no cron). Moderation:
 * one row per article an automatic rule switched (the current or last switch);
 * moderators' alert and digest opt-ins. Comments: the newsroom's picks.
 */
export async function up(db: Kysely<unknown>, _d: Dialect): Promise<void> {
  await db.schema.alterTable('articles').addColumn('slow_mode_minutes', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('articles').addColumn('protect_mode', 'text').execute();
  await db.schema.alterTable('articles').addColumn('protect_slow_minutes', 'integer').execute();
  await db.schema.alterTable('articles').addColumn('protect_until', 'text').execute();
  await db.schema
    .createTable('auto_rule_switches')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('slow_minutes', 'integer')
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createTable('moderator_preferences')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('rule_alerts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('digest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('digest_sent_at', 'text')
    .execute();
  // The newsroom's picks (comments module).
  await db.schema
    .createTable('comment_picks')
    .addColumn('comment_id', 'integer', (c) => c.primaryKey().references('comments.id').onDelete('cascade'))
    .addColumn('picked_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('picked_at', 'text', (c) => c.notNull())
    .execute();
}
