const fr = {
  'search.title': 'Rechercher',
  'search.results_for': 'Résultats pour « {q} »',
  'search.query': 'Mots recherchés',
  'search.section': 'Rubrique',
  'search.all_sections': 'Toutes les rubriques',
  'search.from': 'Publié à partir du',
  'search.to': 'Publié jusqu’au',
  'search.submit': 'Rechercher',
  'search.prompt': 'Tapez un ou plusieurs mots : les majuscules, les accents et les pluriels ne comptent pas.',
  'search.none': 'Aucun article ne correspond à « {q} ».',
  'search.showing': 'Résultats {from} à {to}',
  'search.results': 'Résultats de la recherche',
  'search.refine': 'Recherche détaillée',
  'related.title': 'Sur le même sujet',
  'listing.empty': 'Aucun article publié ici pour le moment.',
} as const;

const en: Record<keyof typeof fr, string> = {
  'search.title': 'Search',
  'search.results_for': 'Results for “{q}”',
  'search.query': 'Search terms',
  'search.section': 'Section',
  'search.all_sections': 'All sections',
  'search.from': 'Published from',
  'search.to': 'Published until',
  'search.submit': 'Search',
  'search.prompt': 'Type one or more words: capitals, accents and plurals do not matter.',
  'search.none': 'No article matches “{q}”.',
  'search.showing': 'Results {from} to {to}',
  'search.results': 'Search results',
  'search.refine': 'Detailed search',
  'related.title': 'Related articles',
  'listing.empty': 'No article published here yet.',
};

/** Strings of the search page, related articles, tag and author pages. */
export const searchMessages = { fr, en };
