import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentWaves, linkOrphans, writeCommentBatch, type SourceComment } from '../../src/modules/importers/comment-batch';
import { createArticle, createUserWithToken } from '../support/factories';
import { DIALECTS } from '../support/dialects';
import { createTestApp, type TestApp } from '../support/test-app';

/** A comment of the source: `parent` is the source id it answers. */
function comment(id: string, parent: string | null, articleId = 1): SourceComment {
  return { externalId: id, parentExternalId: parent, articleId, userId: null, name: `Lecteur ${id}`, email: `l${id}@old.example`, url: '', ip: '198.51.100.7', html: `Commentaire ${id}`, status: 'published', reasons: [], createdAt: '2022-03-08T09:00:00.000Z' };
}

const ids = (waves: SourceComment[][]) => waves.map((w) => w.map((c) => c.externalId));

describe('comment waves (replies after their parents)', () => {
  it('puts each reply one wave after its parent, in file order within a wave, whatever the order of the file', () => {
    const batch = [comment('a', null), comment('b', 'a'), comment('d', 'z'), comment('c', 'b'), comment('z', null), comment('e', 'a')];
    expect(ids(commentWaves(batch, () => false))).toEqual([
      ['a', 'z'],
      ['b', 'd', 'e'],
      ['c'],
    ]);
  });

  it('starts a reply whose parent is written already, or not in the batch, in the first wave', () => {
    const batch = [comment('b', 'old'), comment('c', 'b'), comment('x', 'missing')];
    expect(ids(commentWaves(batch, (ext) => ext === 'old'))).toEqual([['b', 'x'], ['c']]);
  });

  it('ends a loop of parents (and a comment answering itself) in the first wave, the replies to it after', () => {
    const batch = [comment('f', 'g'), comment('g', 'f'), comment('h', 'f'), comment('s', 's')];
    expect(ids(commentWaves(batch, () => false))).toEqual([['f', 'g', 's'], ['h']]);
  });
});

/** Counts UPDATE statements a Kysely handle runs. */
function countingUpdates(): KyselyPlugin & { updates: number } {
  const p = {
    updates: 0,
    transformQuery(args: { node: RootOperationNode }) {
      if (args.node.kind === 'UpdateQueryNode') p.updates += 1;
      return args.node;
    },
    transformResult: (args: Parameters<KyselyPlugin['transformResult']>[0]) => Promise.resolve(args.result),
  };
  return p;
}

describe.each(DIALECTS)('a batch of imported comments on %s', (engine) => {
  let t: TestApp;
  let articleId: number;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const editor = await createUserWithToken(t.deps, 'editor');
    articleId = (await createArticle(t, editor.auth)).id;
  });
  afterAll(() => t.close());

  const parentsOf = async (local: Map<string, number>) => {
    const rows = await t.deps.db.selectFrom('comments').select(['id', 'parent_id']).where('id', 'in', [...local.values()]).execute();
    const external = new Map([...local].map(([ext, id]) => [id, ext]));
    return Object.fromEntries(rows.map((r) => [external.get(r.id), r.parent_id === null ? null : (external.get(r.parent_id) ?? r.parent_id)]));
  };

  it('writes replies with their parent in the row, no UPDATE after, when the parent is in the batch or written before', async () => {
    const first = await writeCommentBatch(t.deps, 'waves', [comment('p1', null, articleId)]);
    const plugin = countingUpdates();
    const deps = { ...t.deps, db: t.deps.db.withPlugin(plugin) };
    const batch = [comment('a', null, articleId), comment('b', 'a', articleId), comment('d', 'z', articleId), comment('c', 'b', articleId), comment('z', null, articleId), comment('r', 'p1', articleId)];
    const r = await writeCommentBatch(deps, 'waves', batch);
    expect(plugin.updates).toBe(0);
    expect(r.created).toBe(6);
    expect(r.orphans).toEqual([]);
    const all = new Map([...first.ids, ...r.ids]);
    expect(await parentsOf(all)).toEqual({ p1: null, a: null, b: 'a', d: 'z', c: 'b', z: null, r: 'p1' });
    // Within the batch, parents and their replies were numbered in waves: each reply after its parent.
    for (const [child, parent] of [['b', 'a'], ['c', 'b'], ['d', 'z']] as const) expect(r.ids.get(child) ?? 0).toBeGreaterThan(r.ids.get(parent) ?? Infinity);
  });

  it('still reports a reply whose parent is not there, and a comment answering itself, and links a reply to its parent written later', async () => {
    const r = await writeCommentBatch(t.deps, 'waves2', [comment('x', 'later', articleId), comment('s', 's', articleId)]);
    expect(r.orphans.map((o) => o.parentExternalId).sort()).toEqual(['later', 's']);
    const next = await writeCommentBatch(t.deps, 'waves2', [comment('later', null, articleId)]);
    const missing = await linkOrphans(t.deps, 'waves2', r.orphans);
    expect(missing.map((m) => m.parentExternalId)).toEqual(['s']);
    expect(await parentsOf(new Map([...r.ids, ...next.ids]))).toEqual({ x: 'later', s: null, later: null });
  });

  it('writes nothing twice when the same batch comes again, and keeps its threads', async () => {
    const batch = [comment('t1', null, articleId), comment('t2', 't1', articleId), comment('t3', 't2', articleId)];
    const once = await writeCommentBatch(t.deps, 'waves3', batch);
    const twice = await writeCommentBatch(t.deps, 'waves3', batch);
    expect([once.created, twice.created, twice.existing]).toEqual([3, 0, 3]);
    expect(twice.ids).toEqual(once.ids);
    expect(await parentsOf(once.ids)).toEqual({ t1: null, t2: 't1', t3: 't2' });
  });
});
