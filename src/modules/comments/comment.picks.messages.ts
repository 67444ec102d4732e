/** The newsroom's page of picks (/admin/articles/:id/picks). */
const fr = {
  'picks.title': 'Sélection de la rédaction — {title}',
  'picks.intro': 'Les commentaires choisis portent le badge « Sélection de la rédaction » et mènent l’ordre du même nom sous l’article.',
  'picks.see_order': 'Voir la sélection sous l’article',
  'picks.feed': 'Flux RSS de la sélection',
  'picks.none': 'Aucun commentaire publié sous cet article.',
  'picks.picked': 'Choisi',
  'picks.pick': 'Choisir pour la sélection',
  'picks.unpick': 'Retirer de la sélection',
  'picks.saved': 'Sélection mise à jour.',
  'picks.limit': 'Les {n} commentaires publiés les plus récents.',
  'picks.editor_link': 'Sélection de la rédaction (commentaires)',
} as const;

const en: Record<keyof typeof fr, string> = {
  'picks.title': 'Editors’ picks — {title}',
  'picks.intro': 'Picked comments carry the “Editors’ pick” badge and lead the order of the same name under the article.',
  'picks.see_order': 'See the picks under the article',
  'picks.feed': 'RSS feed of the picks',
  'picks.none': 'No published comment under this article.',
  'picks.picked': 'Picked',
  'picks.pick': 'Pick for the selection',
  'picks.unpick': 'Remove from the selection',
  'picks.saved': 'Picks updated.',
  'picks.limit': 'The {n} latest published comments.',
  'picks.editor_link': 'Editors’ picks (comments)',
};

export const pickMessages = { fr, en };
