import { foldText } from './features';

/**
 * A lexicon of harm in French and English: the signals a moderator looks for
 * that a bag of words learned from a thousand comments cannot (it has seen too
 * few of them): people targeted for what they are, words that make people
 * animals or dirt, slurs, personal insults, sexual harassment, threats, body
 * shaming, and the turns of phrase that make one person stand for a whole group
 * ("ils sont tous", "toutes les mêmes").
 *
 * Written from general knowledge of abusive language (the categories follow
 * HurtLex and the Perspective attributes), not from the evaluation sets. Entries
 * are folded (case, accents); a single word also matches its plural and
 * feminine forms (+s, +x, +e, +es); an entry with a space is a phrase matched on
 * word boundaries; an entry ending in `*` matches every word it starts.
 *
 * The signals are features of the toxicity model, never a decision on their
 * own: "les femmes" or "tuer" are ordinary words in news comments.
 */
export type HarmCategory = 'identity' | 'slur' | 'dehumanizing' | 'insult' | 'sexual' | 'threat' | 'body' | 'generalizing' | 'contempt';

const LEXICON: Record<HarmCategory, string> = {
  // Groups people are attacked for being (not a harm alone: a condition for the combinations below).
  identity: `
    femme meuf gonzesse nana bonne-femme feminin feministe feminisme neofeministe
    masculiniste
    noir black renoi noiche blanc blanche babtou gaulois
    arabe rebeu beur reubeu maghrebin africain afro asiatique chinois chinoise jaune
    juif juive feuj israelien sioniste musulman musulmane islam islamiste muslim
    chretien catho gitan tzigane manouche rom roms migrant immigre immigration immigrationniste
    etranger refugie clandestin sans-papiers exile
    homo homosexuel homosexualite gay gai lesbienne bi bisexuel trans transgenre lgbt lgbtq queer
    handicape autiste trisomique
    vieux vieille boomer
    banlieusard banlieue
    gauchiste gaucho droitard facho fasciste wokiste woke islamogauchiste
    palestinien iranien algerien marocain tunisien senegalais malien congolais turc afghan syrien roumain
    pakistanais indien ukrainien russe americain
    women woman girl girls female lady ladies
    black blacks white whites asian asians arab arabs african africans mexican mexicans latino latinos
    jew jews jewish muslim muslims islam christian christians
    immigrant immigrants migrant migrants refugee refugees foreigner foreigners illegals
    gay gays lesbian lesbians homosexual homosexuals trans transgender queer
    disabled retards autistic boomer boomers liberal liberals leftist leftists conservative conservatives
  `,
  // Slurs: words whose only use is to demean a group.
  slur: `
    muzz muzzs moustachu bounty negro-* sale-arabe sale-noir sale-juif bougnoul arriere arrieres sous-race races-de-boue pedo pedophile zoophile consanguin kahba
    bougnoule bicot raton crouille negre negresse negro bamboula macaque singe-* youpin youtre
    chinetoque niakoue citrouille romanichel
    pd pede pedale tapette tarlouze tantouze gouine travelo fiotte enculé encule
    gogol mongol triso attarde debile-mental
    feminazi feminazie gauchiasse islamo-gauchiste
    racaille racailles sous-race sous-homme
    nigger niggers nigga niggas faggot faggots fag fags dyke tranny kike kikes spic spics chink chinks
    gook gooks wetback raghead towelhead retard retarded
  `,
  // Words that make people animals, vermin or waste.
  dehumanizing: `
    engeance engeances primitif primitifs arrieres degenere degeneres dechet-humain consanguins
    animal animaux bete betes bestiole singe singes primate primates porc porcs chien chiens chienne
    cafard cafards rat rats vermine parasite parasites cancrelat sangsue
    sauvage sauvages barbare barbares sous-homme dechet dechets ordure ordures raclure raclures
    detritus fumier fumiers pourriture vermines nuisible nuisibles betail cheptel
    invasion envahisseur envahisseurs grand-remplacement
    animals beasts vermin parasites cockroaches rats pigs dogs savages subhuman subhumans
    filth trash scum garbage invaders infestation
  `,
  // Insults aimed at a person.
  insult: `
    lavette larbin soumis soumise ksos kassos sdf teubé mongole abrutis ahuri ahurie incel simp cocu cuck cucks fragile tocard tocards charlot charlots schizo psychopathe
    connard connasse con conne abruti abrutie idiot idiote cretin cretine debile imbecile
    bouffon bouffonne clown guignol golem cassos cas-social clochard clodo
    salaud salope salopard pute putain-de pouffiasse poufiasse grognasse thon
    batard enfoire enculé encule fdp ntm tg tagueule trouduc trou-du-cul
    merdeux merdeuse minable pauvre-con pauvre-type loser looser
    mongolien demeure attarde tare tares neuneu teubé teube stupide
    naze bolos boloss baltringue sale-* gros-con
    crevard crevarde gueux plouc beauf beaufs
    idiot idiots moron morons stupid dumb dumbass imbecile asshole assholes bastard bitch bitches
    cunt cunts dickhead douche douchebag jerk loser losers pathetic scumbag slut sluts whore whores
    twat wanker prick clown clowns brain-dead braindead pervert perverts pervers worthless
    degenerate degenerates lowlife
  `,
  // Sexual harassment and sexual content aimed at people.
  sexual: `
    enculer enculerais encul* sperme milf cochonne ramoner fion bandeur bander baisodrome titties onlyfans leaks hentai copuler inseminer culbuter bonasse bonnasses chaudasse trainee salope s-lope p-te branler branlette gicler ejaculer orgasme porno porn sodomie sodomiser levrette a-quatre-pattes bukkake partouze teton tetons string
    sucer suce suceuse pipe fellation baiser baise niquer nique niquez bz
    nudes nude seins nichons boobs fesses chatte bite zizi
    viol violer viole violee violeur violeurs tournante chaudasse
    minette bonnasse coquine
    blowjob rape raped rapist tits boobs pussy dick cock nudes
  `,
  // Violence wished or threatened.
  threat: `
    guillotine guillotiner napalm coma crucifier cogner balles-reelles genocide genocidaire purge purger nettoyer karcher pendaison gibet potence lapider decapiter decapite poignarder couteau kalash kalachnikov attentat bombe bombarder atomiser fusillade suicide suicider suicidee meurtre assassiner cancer crever-la-bouche coup-de-pied coup-de-poing
    tuer tue tuez crever creve crevez buter bute butez egorger egorge fusiller fusille
    pendre pendu pendez lyncher lynche gazer gaze exterminer extermine
    eliminer massacre massacrer abattre abattu defoncer defonce eclater
    mort-aux a-mort une-balle au-four chambre-a-gaz
    kill die hang lynch shoot burn exterminate slaughter gas
    death-to should-die must-die bullet kill-yourself kys hope-you-die suicide-toi va-te-pendre
    va-crever
  `,
  // Bodies mocked.
  body: `
    obese obesite baleine vache truie thon laide laideron moche mocheté
    bourrelet bourrelets
    fat fatty obese ugly pig whale
  `,
  // One person standing for a whole group.
  generalizing: `
    tous-les toutes-les tous-des toutes-des tous-pareils toutes-pareilles toutes-les-memes tous-les-memes
    ces-gens ces-gens-la cette-race leur-race cette-engeance ces-individus
    ils-sont-tous elles-sont-toutes c-est-genetique c-est-culturel dans-leur-culture chez-eux
    chez-ces-gens leur-pays rentrer-chez-eux retourne-dans-ton-pays rentre-chez-toi dehors
    comme-d-habitude encore-eux evidemment-c-est toujours-les-memes
    all-of-them they-are-all they-re-all all-the-same these-people those-people their-kind go-back
    your-kind you-people back-to-your-country go-back-to typical typique typiquement stay-in-the-kitchen
    a-la-cuisine retourne-a-la-cuisine
  `,
  // Contempt and mockery aimed at someone.
  contempt: `
    degueulasse degueu pathetique lamentable ridicule honte honteux gerbe gerber vomir vomi
    malaise malaisant pitoyable misérable cringe risible
    ferme-la ferme-ta-gueule ta-gueule tais-toi
    disgusting pathetic shut-up shut-your
  `,
};

/**
 * An entry matched in the text's tokens joined by spaces: `padded` is what is looked for
 * (` phrase `, ` stem`). It can only be there if one of the text's tokens is `token` (a
 * phrase's first word, a stem's of several words) or starts with `start` (a one-word stem's
 * first three letters); neither is set for a stem shorter than that.
 */
interface Spaced {
  padded: string;
  token?: string;
  start?: string;
  category: HarmCategory;
}

interface CompiledLexicon {
  words: Map<string, HarmCategory[]>;
  prefixes: (Spaced & { stem: string })[];
  phrases: (Spaced & { phrase: string })[];
}

/** Length of the token starts a stem is gated by (`harmSignals`). */
const STEM_GATE = 3;

function prefixEntry(stem: string, category: HarmCategory): CompiledLexicon['prefixes'][number] {
  const space = stem.indexOf(' ');
  const padded = ` ${stem}`;
  if (space >= 0) return { stem, padded, token: stem.slice(0, space), category };
  return { stem, padded, ...(stem.length >= STEM_GATE ? { start: stem.slice(0, STEM_GATE) } : {}), category };
}

function phraseEntry(phrase: string, category: HarmCategory): CompiledLexicon['phrases'][number] {
  const space = phrase.indexOf(' ');
  return { phrase, padded: ` ${phrase} `, token: space >= 0 ? phrase.slice(0, space) : phrase, category };
}

let compiled: CompiledLexicon | undefined;

function compile(): CompiledLexicon {
  if (compiled) return compiled;
  const out: CompiledLexicon = { words: new Map(), prefixes: [], phrases: [] };
  const addWord = (w: string, c: HarmCategory) => {
    const list = out.words.get(w) ?? [];
    if (!list.includes(c)) list.push(c);
    out.words.set(w, list);
  };
  for (const [category, text] of Object.entries(LEXICON) as [HarmCategory, string][]) {
    for (const raw of text.split(/\s+/).filter(Boolean)) {
      const entry = foldText(raw);
      if (entry.endsWith('*')) out.prefixes.push(prefixEntry(entry.slice(0, -1).replace(/-/g, ' '), category));
      else if (entry.includes('-')) out.phrases.push(phraseEntry(entry.replace(/-/g, ' '), category));
      else for (const form of [entry, `${entry}s`, `${entry}x`, `${entry}e`, `${entry}es`]) addWord(form, category);
    }
  }
  compiled = out;
  return out;
}

const LEET: Record<string, string> = { '4': 'a', '@': 'a', '3': 'e', '1': 'i', '0': 'o', '$': 's' };

/** Undoes the usual disguises of a word: digits and symbols for letters ("c4ncer", "s@lope"). */
function unLeet(folded: string): string {
  // Every disguise has one of these characters touching a letter (a letter before it, or one of
  // `4@$` before a letter); most comments have none (97 % of the datasets' comments, and a number
  // such as "163 semaines" is not one): the text is then its own answer, without the lookbehinds' scan.
  if (!/\p{L}[4@310$]|[4@$]\p{L}/u.test(folded)) return folded;
  return folded.replace(/(?<=\p{L})[4@310$]+(?=\p{L})|(?<=\p{L}{2})[4@310$](?!\p{N})|(?<![\p{L}\p{N}])[4@$](?=\p{L}{2})/gu, (m) => Array.from(m, (ch) => LEET[ch] ?? ch).join(''));
}

/** The categories of harm a text shows, with the words that showed them. */
export function harmSignals(text: string): Map<HarmCategory, string[]> {
  const lex = compile();
  const folded = unLeet(foldText(text)).replace(/[’']/g, ' ');
  const tokens = folded.match(/[\p{L}\p{N}]+/gu) ?? [];
  const found = new Map<HarmCategory, string[]>();
  const add = (c: HarmCategory, w: string) => {
    const list = found.get(c) ?? [];
    if (!list.includes(w)) list.push(w);
    found.set(c, list);
  };
  // The text's tokens and their first letters: an entry they rule out cannot be in `spaced`;
  // the others are looked for as before, in the lexicon's order (the order of `found` is the
  // order of the model's features).
  const whole = new Set(tokens);
  const starts = new Set<string>();
  for (const t of tokens) {
    const c = lex.words.get(t);
    if (c) for (const category of c) add(category, t);
    if (t.length >= STEM_GATE) starts.add(t.slice(0, STEM_GATE));
  }
  const spaced = ` ${tokens.join(' ')} `;
  const there = (e: Spaced) => (e.token === undefined || whole.has(e.token)) && (e.start === undefined || starts.has(e.start)) && spaced.includes(e.padded);
  for (const e of lex.phrases) if (there(e)) add(e.category, e.phrase);
  for (const e of lex.prefixes) if (there(e)) add(e.category, `${e.stem}…`);
  return found;
}

/** Second-person address ("tu", "t'es", "you"): an insult aimed at the reader it answers. */
export function addressesSomeone(text: string): boolean {
  return /(?:^|[^\p{L}])(?:tu|t|toi|ton|ta|tes|te|vous|you|your|ur|u)(?=[^\p{L}]|$)/iu.test(foldText(text).replace(/[’']/g, ' '));
}

/** A call to act ("il faut", "faudrait", "on devrait", "je vais"): with violence, a threat rather than a report. */
function callsForIt(text: string): boolean {
  return /\b(?:faut|faudrait|faudra|devrait|devraient|doit|doivent|on va|je vais|je vois bien|qu ils|qu on|should|must|gonna|deserve|deserves|ought)\b/.test(foldText(text).replace(/[’']/g, ' '));
}

/** Categories that are ordinary news vocabulary on their own ("deux jeunes tués", "300 kg de déchets"). */
const CONTEXTUAL = new Set<HarmCategory>(['identity', 'threat', 'dehumanizing', 'body']);

/**
 * The lexicon's features for the toxicity model: one per category found, and
 * the combinations that make harm out of ordinary words (a group and a
 * generalisation, a group and dehumanising words, an insult aimed at someone).
 */
export function harmFeatures(text: string, s: Map<HarmCategory, string[]> = harmSignals(text)): string[] {
  const has = (c: HarmCategory) => s.has(c);
  // Alone, a group or an act of violence is news vocabulary ("deux jeunes tués"); only the combinations count.
  const out = [...s.keys()].filter((c) => !CONTEXTUAL.has(c)).map((c) => `h:${c}`);
  const you = addressesSomeone(text);
  const aimed = you || has('identity') || /\b(?:elle|lui|cette|celle|she|her|him)\b/.test(foldText(text));
  if (has('threat') && (you || has('identity') || callsForIt(text))) out.push('h:threat+target');
  if (has('dehumanizing') && (aimed || has('generalizing'))) out.push('h:dehumanizing+target');
  if (has('body') && aimed) out.push('h:body+target');
  if (has('identity') && has('generalizing')) out.push('h:identity+generalizing');
  if (has('identity') && (has('dehumanizing') || has('contempt'))) out.push('h:identity+dehumanizing');
  if (has('identity') && (has('insult') || has('threat') || has('sexual'))) out.push('h:identity+attack');
  if (you && (has('insult') || has('contempt'))) out.push('h:you+insult');
  if (you && has('sexual')) out.push('h:you+sexual');
  const strength = s.size;
  if (strength >= 2) out.push('h:two');
  if (strength >= 3) out.push('h:three');
  return out;
}
