const fr = {
  'home.latest': 'Derniers articles',
  'home.empty': 'Aucun article publié pour le moment.',
  'article.by': 'Par',
  'article.and': 'et',
  'article.published': 'Publié le',
  'article.updated': 'Mis à jour le',
  'article.correction': 'Correction',
  'article.tags': 'Mots-clés',
  'section.empty': 'Aucun article dans cette rubrique pour le moment.',
  'tag.title': 'Mot-clé : {name}',
  'author.title': 'Articles de {name}',
} as const;

const en: Record<keyof typeof fr, string> = {
  'home.latest': 'Latest articles',
  'home.empty': 'No article has been published yet.',
  'article.by': 'By',
  'article.and': 'and',
  'article.published': 'Published',
  'article.updated': 'Updated',
  'article.correction': 'Correction',
  'article.tags': 'Tags',
  'section.empty': 'No article in this section yet.',
  'tag.title': 'Tag: {name}',
  'author.title': 'Articles by {name}',
};

export const articleMessages = { fr, en };
