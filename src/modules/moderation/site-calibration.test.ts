import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects';
import { createArticle, createUserWithToken } from '../../../test/support/factories';
import { createTestApp, fakeClock, type TestApp } from '../../../test/support/test-app';
import { insertCommentRows } from '../comments/comment-bulk.repository';
import { MIN_SITE_LEGITIMATE, thresholdsFromTable } from './classifier/calibration';
import { featuresFor, shippedModel } from './classifier/models';
import { scoreWithLearning } from './learning.service';
import { noteModeratorDecision, RECALIBRATE_EVERY, siteCalibratedThresholds, siteCalibrationSettled } from './site-calibration.service';

type Verdict = { status: string; reasons: { code: string }[]; scores: Record<string, number> };

/** Heated but legitimate comments: a site whose readers write like this has them published every day. */
const topics = ['la gare', 'les travaux', 'la piscine', 'le stade'];
const heated = (i: number) => `Bande de cons à la mairie, vous vous foutez de nous avec ${topics[i % topics.length]}, ${i + 2} jours`;

describe.each(DIALECTS)("the site's own calibration on %s", (engine) => {
  let t: TestApp;
  let articleId: number;
  let evaluate: (body: string) => Promise<Verdict>;
  const clock = fakeClock(new Date('2026-05-01T10:00:00.000Z'));
  const model = shippedModel('toxicity');
  const budget = 0.03;
  const shipped = thresholdsFromTable(model.tail, budget * model.budgetShare, undefined);
  const score = async (b: string) => (await scoreWithLearning(t.deps, 'toxicity', featuresFor('toxicity', b))).learned;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    const editor = await createUserWithToken(t.deps, 'editor');
    const moderator = await createUserWithToken(t.deps, 'moderator');
    articleId = (await createArticle(t, editor.auth, { title: 'Le conseil municipal' })).id;
    evaluate = async (body) => (await t.app.inject({ method: 'POST', url: '/api/v1/moderation/evaluate', headers: moderator.auth, payload: { body } })).json<Verdict>();
  });
  afterAll(async () => t?.close());

  const publish = (count: number, from: number, createdAt: string) =>
    insertCommentRows(
      t.deps.db,
      Array.from({ length: count }, (_, k) => ({ article_id: articleId, parent_id: null, user_id: null, author_name: 'Lecteur', author_email: null, author_url: null, ip_hash: null, body: heated(from + k), html: `<p>${heated(from + k)}</p>`, status: 'published' as const, reasons: '[]', scores: '{}', created_at: createdAt })),
    );

  it('keeps the shipped calibration below 200 legitimate comments, then moves the thresholds so at most the budget of them is held', async () => {
    const bodies = Array.from({ length: MIN_SITE_LEGITIMATE }, (_, i) => heated(i));
    const scores = await Promise.all(bodies.map(score));
    // The shipped calibration holds many of them (far more than the budget): what the site's calibration is for.
    expect(scores.filter((s) => s >= shipped.hold).length).toBeGreaterThan(bodies.length / 4);
    // The least toxic of those the shipped calibration holds.
    const lowestHeld = Math.min(...scores.filter((s) => s >= shipped.hold));
    const probe = bodies[scores.indexOf(lowestHeld)] as string;
    expect((await evaluate(probe)).status).toBe('pending');

    // 199 settled comments and one too recent to count: still the shipped calibration.
    await publish(MIN_SITE_LEGITIMATE - 1, 0, '2026-04-20T10:00:00.000Z');
    await publish(1, MIN_SITE_LEGITIMATE - 1, '2026-04-29T10:00:00.000Z');
    await siteCalibrationSettled(t.deps);
    expect(await siteCalibratedThresholds(t.deps, 'toxicity', budget)).toBeUndefined();

    // A week later the last one has settled too; the next recalibration (after 50 decisions) counts it.
    clock.set(new Date('2026-05-07T10:00:00.000Z'));
    expect(await siteCalibratedThresholds(t.deps, 'toxicity', budget)).toBeUndefined();
    for (let i = 0; i < RECALIBRATE_EVERY; i++) noteModeratorDecision(t.deps);
    // The comment that starts the recalibration does not wait for it: the calibration in force answers.
    expect(await siteCalibratedThresholds(t.deps, 'toxicity', budget)).toBeUndefined();
    expect(t.deps.calibration.running).toBeDefined();
    await siteCalibrationSettled(t.deps);
    const own = await siteCalibratedThresholds(t.deps, 'toxicity', budget);
    expect(own).toBeDefined();
    const hold = own?.hold ?? 0;
    expect(hold).toBeGreaterThan(shipped.hold);
    expect(scores.filter((s) => s >= hold).length / bodies.length).toBeLessThanOrEqual(budget * model.budgetShare + 1e-9);
    expect(lowestHeld).toBeLessThan(hold);
    // The pipeline uses it: the same kind of comment is now published (listed for review at most).
    expect((await evaluate(probe)).status).toBe('published');
  });
});
