import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects';
import { createArticle, createUserWithToken } from '../../../test/support/factories';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { featuresFor } from './classifier/models';
import { scoreWithLearning } from './learning.service';
import { decidedComments, MIN_REFIT_DECISIONS, refitSite } from './refit.service';
import { noteModeratorDecision, RECALIBRATE_EVERY } from './site-calibration.service';

type Verdict = { status: string; reasons: { code: string }[]; scores: Record<string, number> };
let n = 0;
const nextAddress = () => `198.51.100.${(n++ % 250) + 1}`;

const towns = ['Vierzon', 'Brive', 'Guéret', 'Aurillac', 'Tulle', 'Millau', 'Rodez', 'Cahors', 'Figeac', 'Mende', 'Privas', 'Digne'];
/** Abuse the shipped model was never shown, written with the commonest words of French and one invented insult. */
const abuse = (i: number) => `Les gens de ${towns[i % towns.length]} sont des gloubiboulgas, il faut le dire (${i + 1})`;
/** Ordinary comments of the same common words, approved. */
const fine = (i: number) => `Les gens de ${towns[i % towns.length]} attendent la nouvelle gare, il faut le dire (${i + 1})`;

describe.each(DIALECTS)('the refit over all of the decisions on %s', (engine) => {
  let t: TestApp;
  let moderator: Awaited<ReturnType<typeof createUserWithToken>>;
  let articleId: number;
  const evaluateOn = async (app: TestApp['app'], body: string) =>
    (await app.inject({ method: 'POST', url: '/api/v1/moderation/evaluate', headers: moderator.auth, payload: { body } })).json<Verdict>();
  const decide = async (body: string, action: 'approve' | 'reject') => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: nextAddress(), payload: { body, name: 'Lecteur', email: `r${n}@example.test` } });
    expect(res.statusCode, res.body).toBe(201);
    const decided = await t.app.inject({ method: 'POST', url: `/api/v1/comments/${res.json<{ id: number }>().id}/moderation`, headers: moderator.auth, payload: { action } });
    expect(decided.statusCode, decided.body).toBe(200);
  };
  const toxicity = async (body: string) => (await scoreWithLearning(t.deps, 'toxicity', featuresFor('toxicity', body))).learned;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const editor = await createUserWithToken(t.deps, 'editor');
    moderator = await createUserWithToken(t.deps, 'moderator');
    articleId = (await createArticle(t, editor.auth, { title: 'Les villes moyennes' })).id;
  });
  afterAll(async () => t?.close());

  it('moves a comment like the rejected ones and not an ordinary one of the same common words, and every instance uses it', async () => {
    const other = await t.restart();
    try {
      const probe = 'Les gens de Nevers sont des gloubiboulgas';
      const ordinary = 'Il faut le dire, les gens de Nevers attendent la gare';
      const [probeBefore, ordinaryBefore] = [await toxicity(probe), await toxicity(ordinary)];
      const half = MIN_REFIT_DECISIONS / 2;
      for (let i = 0; i < half; i++) {
        await decide(abuse(i), 'reject');
        await decide(fine(i), 'approve');
      }
      const decided = await decidedComments(t.deps);
      expect(decided.map((d) => d.action).sort()).toEqual([...Array(half).fill('approve'), ...Array(half).fill('reject')]);
      // The lessons as learnt one at a time, then the refit that replaces them.
      const lessons = await toxicity(probe);
      const refit = await refitSite(t.deps);
      const weights = refit.get('toxicity')?.weights;
      expect(weights?.size).toBeGreaterThan(0);
      const probeAfter = await toxicity(probe);
      expect(probeAfter).not.toBe(lessons);
      expect(probeAfter).toBeGreaterThan(probeBefore + 0.2);
      expect(Math.abs((await toxicity(ordinary)) - ordinaryBefore)).toBeLessThan(0.1);
      // The other instance reads the refit on its next comment (not the lessons it replaced).
      const elsewhere = await evaluateOn(other.app, probe);
      expect(elsewhere.scores.toxicity).toBeCloseTo(probeAfter, 3);
      // A refit of the same decisions changes nothing (and writes nothing).
      const version = async () => Number((await t.deps.db.selectFrom('moderation_models').select('version').where('model', '=', 'toxicity').executeTakeFirstOrThrow()).version);
      const v = await version();
      await refitSite(t.deps);
      expect(await version()).toBe(v);
    } finally {
      await other.stop();
    }
  });

  it('gives each decided comment the weights of a fit that did not see it, for the calibration', async () => {
    const refit = (await refitSite(t.deps)).get('toxicity');
    const decided = await decidedComments(t.deps);
    expect(refit?.outOfFold.size).toBe(decided.length);
    let differing = 0;
    for (const c of decided) {
      const own = refit?.outOfFold.get(c.id) as ReadonlyMap<string, number>;
      // A word only this comment has ("(7)" → "w:7" is shared; the pair "dire_7" is its own) was never fitted out of fold.
      const mine = [...featuresFor('toxicity', c.body).keys()].filter((f) => decided.every((d) => d.id === c.id || !featuresFor('toxicity', d.body).has(f)));
      expect(mine.length).toBeGreaterThan(0);
      for (const f of mine) expect(own.get(f) ?? 0, f).toBe(0);
      if (mine.some((f) => (refit?.weights.get(f) ?? 0) !== 0)) differing++;
    }
    // In sample, the refit did learn those words of the rejected comments.
    expect(differing).toBeGreaterThan(0);
  });

  it('refits by itself after RECALIBRATE_EVERY decisions, on the next comment', async () => {
    const version = async () => Number((await t.deps.db.selectFrom('moderation_models').select('version').where('model', '=', 'toxicity').executeTakeFirstOrThrow()).version);
    await decide(abuse(40), 'reject');
    const v = await version();
    // The lesson of that decision bumped the version; the count reaching RECALIBRATE_EVERY triggers a refit.
    for (let i = 0; i < RECALIBRATE_EVERY; i++) noteModeratorDecision(t.deps);
    expect(await version()).toBe(v);
    await evaluateOn(t.app, 'Un commentaire ordinaire sur la gare');
    expect(await version()).toBeGreaterThan(v);
  });
});
