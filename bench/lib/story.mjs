// The story every page benchmark loads: 20 articles in one section, the last with 200 comments (a
// third of them replies, to earlier comments picked by a seeded generator: the same thread every
// run), posted as staff so moderation publishes them all.

const paragraph = 'Le Mali, plongé depuis 2012 dans une crise sécuritaire profonde, s’est détourné ces derniers mois de la France et de ses partenaires européens. ';

/**
 * @param {(path: string, body: unknown) => Promise<any>} post  a bench server's editor POST
 * @param {{ lastSummary?: boolean }} options  lastSummary false: the measured article has no summary
 * @returns {Promise<any>} the article with the comments
 */
export async function seedStory(post, { lastSummary = true } = {}) {
  await post('/api/v1/sections', { name: 'Afrique' });
  let article;
  for (let i = 0; i < 20; i++) {
    article = await post('/api/v1/articles', {
      title: `Article de référence numéro ${i + 1} sur la coopération militaire`,
      summary: i < 19 || lastSummary ? paragraph : '',
      body: Array.from({ length: 8 }, () => paragraph.repeat(3)).join('\n\n'),
      section: 'afrique',
      tags: ['mali', 'russie'],
      status: 'published',
    });
  }
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const ids = [];
  for (let i = 0; i < 200; i++) {
    const parentId = i % 3 === 2 ? ids[Math.floor(random() * ids.length)] : undefined;
    const c = await post(`/api/v1/articles/${article.id}/comments`, {
      body: `Commentaire ${i + 1} : je pense que la coopération doit rester transparente et que les citoyens méritent de savoir ce qui a été livré.`,
      ...(parentId ? { parentId } : {}),
    });
    ids.push(c.id);
  }
  return article;
}
