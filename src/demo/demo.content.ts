/** The demo newsroom: original content written for Palabre (no wire copy). */
export const DEMO_SECTIONS = [
  { slug: 'afrique', name: 'Afrique' },
  { slug: 'economie', name: 'Économie' },
  { slug: 'culture', name: 'Culture' },
];

export interface DemoComment {
  name: string;
  body: string;
  /** Index of the comment (in this list) it replies to. */
  replyTo?: number;
}

export interface DemoArticle {
  title: string;
  summary: string;
  body: string;
  section: string;
  tags: string[];
  dateline: string;
  byBoth?: boolean;
  hoursAgo?: number;
  comments: DemoComment[];
}

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    title: 'À Ségou, le festival sur le Niger retrouve ses pirogues et son public',
    summary: 'Après deux éditions réduites, le festival a rassemblé musiciens, artisans et visiteurs venus de toute la sous-région.',
    dateline: 'SÉGOU',
    section: 'culture',
    tags: ['Festival', 'Musique', 'Ségou'],
    hoursAgo: 2,
    body: `Sur les berges du fleuve, les pirogues décorées ont ouvert la semaine de festivités sous les applaudissements.

Les organisateurs annoncent une fréquentation en nette hausse. « Nous avons voulu un festival plus proche des habitants, avec des concerts gratuits chaque soir », explique la coordinatrice artistique.

## Un marché d’artisans agrandi

Tisserands de bogolan, potières et forgerons ont occupé un espace deux fois plus grand que lors de la dernière édition. Plusieurs exposants disent avoir écoulé l’essentiel de leur stock en trois jours.

> « Le festival, c’est notre vitrine pour toute l’année », confie une artisane venue de Djenné.

La clôture est prévue samedi soir avec un grand concert sur la scène flottante.`,
    comments: [
      { name: 'Fatoumata', body: 'Quelle belle édition ! Les concerts gratuits, c’est une très bonne idée pour les familles.' },
      { name: 'Ibrahim D.', body: 'J’y étais jeudi, l’ambiance était magnifique. Dommage que les parkings soient si loin du fleuve.' },
      { name: 'Awa', body: 'Il y a des navettes depuis la gare routière, c’est indiqué à l’entrée du site.', replyTo: 1 },
      { name: 'Ibrahim D.', body: 'Merci Awa, je ne les avais pas vues. J’y retourne samedi !', replyTo: 2 },
    ],
  },
  {
    title: 'Le prix du riz local recule à l’approche de la récolte',
    summary: 'Sur les marchés de Bamako, le kilo a perdu plusieurs dizaines de francs CFA en un mois, selon les commerçants.',
    dateline: 'BAMAKO',
    section: 'economie',
    tags: ['Agriculture', 'Prix', 'Bamako'],
    byBoth: true,
    hoursAgo: 7,
    body: `Les étals du grand marché affichent des prix en baisse pour le riz produit dans l’Office du Niger.

Les grossistes expliquent ce recul par des stocks abondants et par l’arrivée prochaine de la nouvelle récolte. Les ménages restent prudents : les prix de l’huile et du sucre, eux, ne baissent pas.

## Des producteurs inquiets

Pour les riziculteurs, la baisse arrive au mauvais moment, alors que le coût des engrais reste élevé. Une association de producteurs demande la mise en place de greniers de stockage pour étaler les ventes sur l’année.`,
    comments: [
      { name: 'Seydou', body: 'Enfin une bonne nouvelle pour les familles. Mais il faudrait aussi parler du prix du gaz.' },
      { name: 'Mariam K.', body: 'Les greniers collectifs marchent bien dans notre village depuis trois ans, les producteurs vendent quand les prix remontent.' },
      { name: 'Oumar', body: 'Intéressant, vous savez qui les a financés ?', replyTo: 1 },
    ],
  },
  {
    title: 'Dakar–Bamako : la ligne de bus directe reprend du service',
    summary: 'Interrompue pendant plusieurs mois, la liaison routière relie de nouveau les deux capitales en un peu plus de vingt heures.',
    dateline: 'DAKAR',
    section: 'afrique',
    tags: ['Transport', 'Sénégal', 'Mali'],
    hoursAgo: 12,
    body: `Les premiers bus sont partis lundi matin de la gare routière des Baux maraîchers, complets.

La compagnie annonce trois départs par semaine dans chaque sens, avec des arrêts à Tambacounda et à Kayes. Les voyageurs saluent la reprise, attendue par les commerçants comme par les familles.

Les autorités des deux pays ont promis d’alléger les contrôles aux frontières pour réduire la durée du trajet.`,
    comments: [
      { name: 'Khady', body: 'Très bonne nouvelle, ma mère pourra enfin venir nous voir sans passer par trois taxis-brousse.' },
      { name: 'Boubacar', body: 'Vingt heures, c’est long, mais c’est moins cher que l’avion. Espérons que les horaires soient respectés.' },
    ],
  },
  {
    title: 'Une bibliothèque numérique pour les lycées de la région de Kayes',
    summary: 'Des tablettes chargées de manuels et de romans en français, bambara et soninké ont été distribuées dans douze établissements.',
    dateline: 'KAYES',
    section: 'afrique',
    tags: ['Éducation', 'Numérique'],
    hoursAgo: 30,
    body: `Le projet, porté par une association d’enseignants, fonctionne sans connexion internet : les contenus sont mis à jour une fois par trimestre.

Les élèves peuvent emprunter les tablettes comme des livres. Les professeurs disent constater un intérêt nouveau pour la lecture, en particulier pour les auteurs africains contemporains.`,
    comments: [{ name: 'Professeur Sidibé', body: 'Nous l’utilisons depuis la rentrée : les élèves lisent davantage, c’est indéniable. Il manque encore des ouvrages de sciences.' }],
  },
];
