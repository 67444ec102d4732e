import type { TestApp } from './test-app';

/**
 * Posts a thread of `count` comments on an article through the API as `auth` (staff: published
 * at once, not rate-limited), a third of them replies to earlier ones picked by a seeded
 * generator (the same thread every run). Answers the ids in posting order.
 */
export async function postThread(t: TestApp, auth: { authorization: string }, articleId: number, count: number): Promise<number[]> {
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const parentId = i % 3 === 2 ? ids[Math.floor(random() * ids.length)] : undefined;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${articleId}/comments`,
      headers: auth,
      payload: { body: `Commentaire ${i + 1} : la coopération doit rester transparente et les citoyens méritent de savoir ce qui a été livré.`, ...(parentId ? { parentId } : {}) },
    });
    if (res.statusCode !== 201 || res.json().status !== 'published') throw new Error(`comment ${i + 1}: ${res.statusCode} ${res.body}`);
    ids.push(res.json().id as number);
  }
  return ids;
}
