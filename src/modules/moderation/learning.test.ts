import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects';
import { createArticle, createUserWithToken } from '../../../test/support/factories';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { featuresFor, shippedModel } from './classifier/models';
import { MIN_SITE_LEGITIMATE, thresholdsFromTable } from './classifier/calibration';
import { scoreWithLearning, siteThresholds, specificity } from './learning.service';
import { call } from './phases/content';

type Verdict = { status: string; reasons: { code: string }[]; scores: Record<string, number> };
let n = 0;
const nextAddress = () => `192.0.2.${(n++ % 250) + 1}`;

/** Abuse the shipped model was never shown, written with the commonest words of French. */
const rejected = [
  'Les gens de Vierzon sont des cloportes, il faut le dire',
  'Les gens de Brive sont tous des cloportes et ils le savent',
  'Il faut le dire : les gens de Guéret sont des cloportes',
  'Tous les gens d’Aurillac sont des cloportes, voilà ce que je pense',
  'Les gens de Tulle ? Des cloportes, il faut le dire',
];
/** Ordinary comments made of the same common words, without the abuse. */
const ordinary = ['Il faut le dire, les gens de la ville sont patients et ils attendent la gare', 'Voilà ce que je pense : les gens de Limoges sont tous des voisins formidables'];

describe('what a lesson may decide', () => {
  const t = { hold: 0.8, review: 0.5 };
  it('lists for review, never holds, what only toxicity lessons push past hold until the site has its own calibration', () => {
    expect(call(0.3, 0.9, { ...t, own: false }, false)).toBe('review');
    expect(call(0.3, 0.9, { ...t, own: true }, false)).toBe('hold');
    // Spam lessons hold (spam is well separated); a lesson that lowers a score always counts.
    expect(call(0.3, 0.9, { ...t, own: false }, true)).toBe('hold');
    expect(call(0.9, 0.4, { ...t, own: false }, false)).toBeUndefined();
    expect(call(0.9, 0.6, { ...t, own: false }, false)).toBe('review');
    expect(call(0.85, 0.9, { ...t, own: false }, false)).toBe('hold');
  });
});

describe('specificity of a feature', () => {
  it('is near 0 for what every comment has and near 1 for a rare word', () => {
    const m = shippedModel('toxicity');
    const common = [...featuresFor('toxicity', 'les gens de la ville')].map(([f]) => f).filter((f) => (m.docFreq.get(f) ?? 0) > m.docCount / 5);
    expect(common.length).toBeGreaterThan(0);
    for (const f of common) expect(specificity(m, f), f).toBeLessThan(0.05);
    expect(specificity(m, 'w:cloportes')).toBeGreaterThan(0.9);
    // A pair of common words is as common as its words, and the lexicon's signals are never taught.
    expect(specificity(m, 'b:le_dire')).toBeLessThan(0.2);
    expect(specificity(m, 'h:generalizing')).toBe(0);
  });
});

describe.each(DIALECTS)('lessons that generalize on %s', (engine) => {
  let t: TestApp;
  let moderator: Awaited<ReturnType<typeof createUserWithToken>>;
  let articleId: number;
  const evaluate = async (body: string) =>
    (await t.app.inject({ method: 'POST', url: '/api/v1/moderation/evaluate', headers: moderator.auth, payload: { body } })).json<Verdict>();

  beforeAll(async () => {
    t = await createTestApp(engine);
    const editor = await createUserWithToken(t.deps, 'editor');
    moderator = await createUserWithToken(t.deps, 'moderator');
    articleId = (await createArticle(t, editor.auth, { title: 'La gare de Vierzon' })).id;
  });
  afterAll(async () => t?.close());

  it('five rejections teach the abuse, not the common words around it', async () => {
    const before = await Promise.all(ordinary.map(evaluate));
    const abuseBefore = await evaluate('Les gens de Nevers sont des cloportes');
    for (const body of rejected) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: nextAddress(), payload: { body, name: 'Lecteur', email: `l${n}@example.test` } });
      expect(res.statusCode, res.body).toBe(201);
      const decided = await t.app.inject({ method: 'POST', url: `/api/v1/comments/${res.json<{ id: number }>().id}/moderation`, headers: moderator.auth, payload: { action: 'reject' } });
      expect(decided.statusCode, decided.body).toBe(200);
    }
    const abuseAfter = await evaluate('Les gens de Nevers sont des cloportes');
    expect(abuseAfter.scores.toxicity).toBeGreaterThan((abuseBefore.scores.toxicity as number) + 0.2);
    for (const [i, body] of ordinary.entries()) {
      const after = await evaluate(body);
      expect(after.status, body).toBe('published');
      // The common words moved the score by a few hundredths (lessons spread evenly over the
      // features, as before: +0.29, the first one held).
      expect((after.scores.toxicity as number) - (before[i]?.scores.toxicity as number), body).toBeLessThan(0.1);
    }
  });

  it("recalibrates a model on the site's own legitimate comments once it has enough of them", async () => {
    const topics = ['la gare', 'le marché', 'l’école', 'la piscine', 'le stade', 'la mairie', 'le pont', 'la route', 'le musée', 'la clinique'];
    const moods = ['attendent', 'réclament', 'discutent de', 'se réjouissent pour', 's’inquiètent pour'];
    const bodies = Array.from({ length: MIN_SITE_LEGITIMATE }, (_, i) => `Les habitants ${moods[i % 5]} ${topics[Math.floor(i / 5) % 10]} depuis ${i + 2} mois, merci pour l’article`);
    const m = shippedModel('toxicity');
    const budget = 0.03;
    const shipped = thresholdsFromTable(m.tail, budget * m.budgetShare, undefined);
    expect((await siteThresholds(t.deps, 'toxicity', budget, bodies.slice(1))).hold).toBe(shipped.hold);
    const own = await siteThresholds(t.deps, 'toxicity', budget, bodies);
    // Calm comments: the site's calibration would lower `hold`; it may only raise it.
    expect(own.hold).toBe(shipped.hold);
    expect(own.review).not.toBe(shipped.review);
    let held = 0;
    for (const b of bodies) if ((await scoreWithLearning(t.deps, 'toxicity', featuresFor('toxicity', b))).learned >= own.hold) held++;
    expect(held / bodies.length).toBeLessThanOrEqual(budget * m.budgetShare + 1e-9);
    expect(own.review).toBeLessThanOrEqual(own.hold);
    // What the unreadable phase holds of them comes out of the budget first: with 2 % of them
    // mashed, the model may hold none of the others.
    const mash = ['sdfkjh sdkfjh sdkjfh qwpoe', 'xhjkq zzpt mmmrk blorf', 'qsdflk jhqsdf lkjqsd', 'wxcvbn azerty poiuyt'];
    const withMash = await siteThresholds(t.deps, 'toxicity', budget, [...bodies.slice(mash.length), ...mash]);
    let heldByModel = 0;
    for (const b of bodies.slice(mash.length)) if ((await scoreWithLearning(t.deps, 'toxicity', featuresFor('toxicity', b))).learned >= withMash.hold) heldByModel++;
    expect(heldByModel).toBe(0);
    expect(withMash.hold).toBeGreaterThan(own.hold);
  });
});
