import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJsonl } from '../../src/modules/export/export.service';
import { importPalabre, RestoreTargetNotEmptyError } from '../../src/modules/export/restore.service';
import { exportWxr } from '../../src/modules/export/wxr.writer';
import { importWxr } from '../../src/modules/importers/wxr.service';
import { DIALECTS, POSTGRES_URL } from '../support/dialects';
import { createArticle, createSection, createUserWithToken } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const FIXTURE_FILE = join(import.meta.dirname, '../fixtures/wordpress-6.1-export.xml');
const CLI = join(import.meta.dirname, '../../dist/cli.js');
const run = promisify(execFile);

type Listed = { id: number; [k: string]: unknown };

/** What the API shows of a site: every article (any status, as an admin), its comments and revisions. */
async function apiView(t: TestApp, auth: { authorization: string }) {
  const articles: Listed[] = [];
  for (const status of ['published', 'draft', 'scheduled']) {
    let after: string | null = null;
    do {
      const res: { statusCode: number; body: string; json(): unknown } = await t.app.inject({ method: 'GET', url: `/api/v1/articles?status=${status}&limit=100${after ? `&after=${after}` : ''}`, headers: auth });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { articles: Listed[]; next: string | null };
      articles.push(...body.articles);
      after = body.next;
    } while (after);
  }
  const comments: Record<number, unknown[]> = {};
  const revisions: Record<number, unknown> = {};
  for (const a of articles) {
    comments[a.id] = [];
    let after: string | null = null;
    do {
      const res: { statusCode: number; json(): unknown } = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/comments${after ? `?after=${after}` : ''}`, headers: auth });
      if (res.statusCode === 404) break;
      const body = res.json() as { comments: unknown[]; next: string | null };
      comments[a.id]?.push(...body.comments);
      after = body.next;
    } while (after);
    revisions[a.id] = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/revisions`, headers: auth })).json();
  }
  const statuses = await t.deps.db.selectFrom('comments').select(['id', 'status', 'reasons', 'author_name', 'parent_id']).orderBy('id').execute();
  return { articles: articles.sort((x, y) => x.id - y.id), comments, revisions, statuses };
}

describe.each(DIALECTS)('export and restore on %s', (engine) => {
  let source: TestApp;
  let admin: Awaited<ReturnType<typeof createUserWithToken>>;
  const dir = mkdtempSync(join(tmpdir(), 'palabre-export-'));
  const file = join(dir, 'export.jsonl');

  beforeAll(async () => {
    source = await createTestApp(engine);
    admin = await createUserWithToken(source.deps, 'admin', 'Administratrice');
    await importWxr(source.deps, FIXTURE_FILE);
    await createSection(source, admin.auth, 'Économie');
    const a = await createArticle(source, admin.auth, { section: 'economie', title: 'Le prix du coton', tags: ['Coton', 'Agriculture'] });
    await source.app.inject({ method: 'PATCH', url: `/api/v1/articles/${a.id}`, headers: admin.auth, payload: { body: 'Texte révisé.', slug: 'prix-du-coton' } });
    await createArticle(source, admin.auth, { title: 'Brouillon', status: 'draft' });
    await createArticle(source, admin.auth, { title: 'Plus tard', status: 'scheduled', publishAt: '2031-01-01T00:00:00.000Z' });
    for (const [i, body] of ['Très juste.', 'Je ne suis pas d’accord du tout.', 'Merci !'].entries()) {
      await source.app.inject({ method: 'POST', url: `/api/v1/articles/${a.id}/comments`, remoteAddress: `203.0.113.${40 + i}`, payload: { body, name: `Lectrice ${i}`, email: `l${i}@example.test` } });
    }
    // A liked, edited comment: its count, its edited mark and its former text travel too.
    const mine = await source.app.inject({ method: 'POST', url: `/api/v1/articles/${a.id}/comments`, headers: admin.auth, payload: { body: 'Le coton se vend bien.' } });
    await source.app.inject({ method: 'POST', url: `/api/v1/comments/${mine.json().id}/likes`, remoteAddress: '203.0.113.60' });
    const edited = await source.app.inject({ method: 'PATCH', url: `/api/v1/comments/${mine.json().id}`, headers: admin.auth, payload: { body: 'Le coton se vend très bien.' } });
    expect(edited.statusCode, edited.body).toBe(200);
  });
  afterAll(async () => {
    await source?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a versioned JSON Lines file without password hashes, secret or addresses', async () => {
    const result = await exportJsonl(source.deps, file);
    expect(result.counts).toMatchObject({ article: 4, comment: 204, comment_edit: 1 });
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ type: 'header', format: 'palabre-export', version: 1 });
    expect(lines.at(-1)).toMatchObject({ type: 'end' });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('password_hash');
    expect(text).not.toContain('ip_hash');
    expect(text).not.toContain(source.deps.secret);
    expect(lines.some((l) => l.type === 'user' && l.email === admin.email)).toBe(true);
  });

  it('restores into an empty instance: the API lists the same articles and comments with the same statuses', async () => {
    const target = await createTestApp(engine);
    try {
      const summary = await importPalabre(target.deps, file);
      expect(summary.created).toMatchObject({ article: 4, comment: 204, comment_edit: 1 });
      // Tokens are not exported: the restored admin gets a new one.
      const token = (await import('../../src/modules/accounts/user.service')).createApiToken;
      const auth = { authorization: `Bearer ${await token(target.deps, admin.email)}` };
      const before = await apiView(source, admin.auth);
      const after = await apiView(target, auth);
      expect(after.articles).toEqual(before.articles);
      expect(after.comments).toEqual(before.comments);
      expect(after.revisions).toEqual(before.revisions);
      expect(after.statuses).toEqual(before.statuses);
      expect(before.statuses.some((s) => s.status === 'pending')).toBe(true);
      expect(Object.values(after.comments).flat()).toContainEqual(expect.objectContaining({ body: 'Le coton se vend très bien.', likes: 1, editedAt: expect.any(String) }));
      const kept = await target.deps.db.selectFrom('comment_edits').select('body').execute();
      expect(kept).toEqual([{ body: 'Le coton se vend bien.' }]);
      // The id generators moved past the restored rows, and old links still redirect.
      const created = await createArticle(target, auth, { title: 'Après la restauration' });
      expect(created.id).toBeGreaterThan(Math.max(...after.articles.map((a) => a.id)));
      expect((await target.app.inject({ method: 'GET', url: '/2022/03/08/deux-hauts-responsables-militaires-maliens-en-visite-discrete-en-russie/' })).statusCode).toBe(301);
      await expect(importPalabre(target.deps, file)).rejects.toBeInstanceOf(RestoreTargetNotEmptyError);
    } finally {
      await target.close();
    }
  });

  it('goes back to WordPress: the WXR export imports with every article and comment', async () => {
    const wxr = join(dir, 'site.xml');
    const result = await exportWxr(source.deps, wxr);
    expect(result.counts).toMatchObject({ articles: 4, comments: 204 });
    const target = await createTestApp(engine);
    try {
      const summary = await importWxr(target.deps, wxr);
      expect(summary.created).toMatchObject({ articles: 4, comments: 204 });
      const statuses = await target.deps.db.selectFrom('comments').select('status').execute();
      const count = (rows: { status: string }[], s: string) => rows.filter((r) => r.status === s).length;
      const original = await source.deps.db.selectFrom('comments').select('status').execute();
      expect(count(statuses, 'published')).toBe(count(original, 'published'));
      expect(count(statuses, 'pending')).toBe(count(original, 'pending'));
    } finally {
      await target.close();
    }
  });

  it('exports and backs up from the command line', async () => {
    const url = engine === 'sqlite' ? `sqlite:${source.deps.database.location}` : `${POSTGRES_URL}?schema=${source.deps.database.schema ?? ''}`;
    const env = { ...process.env, DATABASE_URL: url, PALABRE_DEMO: '0', LOG_LEVEL: 'silent' };
    const out = await run(process.execPath, [CLI, 'export', join(dir, 'cli.xml'), '--format', 'wxr'], { env });
    expect(JSON.parse(out.stdout.trim().split('\n').pop() ?? '')).toMatchObject({ format: 'wxr', counts: { articles: 4 } });
    const backup = await run(process.execPath, [CLI, 'backup', join(dir, 'cli.backup')], { env });
    expect(JSON.parse(backup.stdout.trim())).toMatchObject({ method: engine === 'sqlite' ? 'sqlite-backup-api' : 'pg_dump' });
    const bad = await run(process.execPath, [CLI, 'export', join(dir, 'x'), '--format', 'csv'], { env }).catch((e: unknown) => e as { code: number; stderr: string });
    expect('code' in bad && bad.code).not.toBe(0);
    expect('stderr' in bad ? bad.stderr : '').toMatch(/^palabre: --format must be jsonl or wxr/);
    // Child processes load the whole bundle: give them time on a busy machine.
  }, 180_000);
});
