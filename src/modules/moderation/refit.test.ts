import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects';
import { createArticle, createUserWithToken } from '../../../test/support/factories';
import { createTestApp, movingClock, type TestApp } from '../../../test/support/test-app';
import { featuresFor } from './classifier/models';
import { scoreWithLearning } from './learning.service';
import { decidedComments, MIN_REFIT_DECISIONS, refitSite } from './refit.service';
import { noteModeratorDecision, RECALIBRATE_EVERY, RETRY_AFTER_MS, siteCalibrationSettled } from './site-calibration.service';

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
  const clock = movingClock();
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
    t = await createTestApp(engine, { clock });
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

  const version = async () => Number((await t.deps.db.selectFrom('moderation_models').select('version').where('model', '=', 'toxicity').executeTakeFirstOrThrow()).version);
  /** A gate the next refresh waits at before it puts its result in force: `open` lets it through, `fail` makes it fail. */
  const holdNextRefresh = () => {
    let open: () => void = () => undefined;
    let fail: (err: Error) => void = () => undefined;
    const gate = new Promise<void>((resolve, reject) => {
      open = resolve;
      fail = reject;
    });
    // Failed before the refresh reaches it: not an unhandled rejection meanwhile.
    gate.catch(() => undefined);
    t.deps.calibration.beforeInstall = () => gate;
    return { open, fail };
  };

  it('refits by itself after RECALIBRATE_EVERY decisions, in the background of the next comment', async () => {
    await siteCalibrationSettled(t.deps);
    await decide(abuse(40), 'reject');
    const v = await version();
    // The lesson of that decision bumped the version; the count reaching RECALIBRATE_EVERY makes a refit due.
    for (let i = 0; i < RECALIBRATE_EVERY; i++) noteModeratorDecision(t.deps);
    expect(await version()).toBe(v);
    expect(t.deps.calibration.running).toBeUndefined();
    await evaluateOn(t.app, 'Un commentaire ordinaire sur la gare');
    await siteCalibrationSettled(t.deps);
    expect(await version()).toBeGreaterThan(v);
  });

  it('answers a comment posted during a refit with the weights in force without waiting, and the next one after it with the refit', async () => {
    await siteCalibrationSettled(t.deps);
    const probe = 'Les gens de Nevers sont des gloubiboulgas';
    // New lessons on top of the last refit: the next refit will replace them.
    for (let i = 0; i < 3; i++) await decide(abuse(50 + i), 'reject');
    const inForce = await toxicity(probe);
    const v = await version();
    const gate = holdNextRefresh();
    try {
      for (let i = 0; i < RECALIBRATE_EVERY; i++) noteModeratorDecision(t.deps);
      const during = await evaluateOn(t.app, probe);
      // Answered while the refit waits at the gate: the weights and version in force.
      expect(t.deps.calibration.running).toBeDefined();
      expect(during.scores.toxicity).toBeCloseTo(inForce, 4);
      expect(await version()).toBe(v);
      gate.open();
      await siteCalibrationSettled(t.deps);
    } finally {
      t.deps.calibration.beforeInstall = undefined;
    }
    expect(await version()).toBeGreaterThan(v);
    const after = await evaluateOn(t.app, probe);
    expect(after.scores.toxicity).toBeCloseTo(await toxicity(probe), 4);
    expect(after.scores.toxicity).not.toBeCloseTo(inForce, 4);
  });

  it('keeps the calibration in force when a refit fails, and tries again later, not on every comment', async () => {
    await siteCalibrationSettled(t.deps);
    await decide(abuse(60), 'reject');
    const [state, v] = [t.deps.calibration.current, await version()];
    expect(state).toBeDefined();
    const gate = holdNextRefresh();
    try {
      for (let i = 0; i < RECALIBRATE_EVERY; i++) noteModeratorDecision(t.deps);
      await evaluateOn(t.app, 'Un commentaire ordinaire sur la gare');
      gate.fail(new Error('the refit failed'));
      await siteCalibrationSettled(t.deps);
      expect(t.deps.calibration.current).toBe(state);
      expect(await version()).toBe(v);
      // The next comments do not start it again at once.
      await evaluateOn(t.app, 'Un autre commentaire ordinaire');
      expect(t.deps.calibration.running).toBeUndefined();
    } finally {
      t.deps.calibration.beforeInstall = undefined;
    }
    clock.advance(RETRY_AFTER_MS);
    // Held at the gate, so that the test sees the comment start it (a quick refit would be over
    // before the answer comes back).
    const retry = holdNextRefresh();
    try {
      await evaluateOn(t.app, 'Un commentaire ordinaire, plus tard');
      expect(t.deps.calibration.running).toBeDefined();
      retry.open();
      await siteCalibrationSettled(t.deps);
    } finally {
      t.deps.calibration.beforeInstall = undefined;
    }
    expect(t.deps.calibration.current).not.toBe(state);
    expect(await version()).toBeGreaterThan(v);
  });
});
