// Search benchmark (not a test): generates French articles into a fresh database,
// measures the indexing rate (the whole index rebuilt by the search module) and the
// latency of searches through the same service the /search page calls (the index query,
// which reads what the results show, then the snippets), p50/p95/p99 over a fixed set of queries.
//
// Usage: node bench/search.mjs                    (SQLite, 100,000 articles)
//        BENCH_ARTICLES=20000 node bench/search.mjs
//        DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bench/search.mjs   (a fresh schema, dropped after)
//        BENCH_KEEP=1 …                          keeps the database (prints BENCH_REUSE=…)
//        BENCH_REUSE=bench_1234 …                 searches a kept schema (or SQLite file) again: no generation, no indexing
//        BENCH_BASELINE=main …                    alternates every search between that git revision's search
//                                                 module and the current one (same data, same moment): a before/after
//        BENCH_TAIL=12 …                          also prints each variant's 12 slowest searches (section filter, index query time)
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { NODE_BUNDLE } from '../scripts/esbuild-node.mjs';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_ARTICLES ?? 100_000);
const QUERY_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REUSE = process.env.BENCH_REUSE;
const BASELINE = process.env.BENCH_BASELINE;
const dir = mkdtempSync(join(tmpdir(), 'palabre-search-bench-'));

// The TypeScript modules, bundled for Node into dist/ (packages stay external and resolve
// from the project's node_modules, as for dist/cli.js).
const entry = join(root, 'dist', 'bench-search.mjs');
await build({
  stdin: {
    contents: `
      export { loadConfig } from './src/config';
      export { createDeps, closeDeps } from './src/deps';
      export { insertArticle, replaceArticleTags, replaceArticleAuthors } from './src/modules/articles/article.repository';
      export { insertSection } from './src/modules/articles/section.repository';
      export { reindexAll, searchArticles } from './src/modules/search/search.service';
      export { searchIndexFor } from './src/modules/search/search.index';`,
    resolveDir: root,
    loader: 'ts',
  },
  outfile: entry,
  ...NODE_BUNDLE,
});
const m = await import(pathToFileURL(entry).href);

// The baseline: the search module's files at that revision, bundled apart (its service and
// its index query), on the current schema (a later migration may add to it, not take away).
let baseline;
if (BASELINE) {
  const out = join(root, 'dist', 'bench-baseline');
  rmSync(out, { recursive: true, force: true });
  execFileSync('sh', ['-c', `mkdir -p "${out}" && git -C "${root}" archive "${BASELINE}" src/modules/search | tar -x -C "${out}"`]);
  const file = join(root, 'dist', 'bench-baseline.mjs');
  await build({
    stdin: {
      contents: `
        export { searchIndexFor } from './src/modules/search/search.index';
        export { searchArticles } from './src/modules/search/search.service';`,
      resolveDir: out,
      loader: 'ts',
    },
    outfile: file,
    ...NODE_BUNDLE,
    // What the old files import from outside the search module resolves to the current tree.
    plugins: [
      {
        name: 'current-tree',
        setup(b) {
          b.onResolve({ filter: /^\.\.\// }, (a) => {
            if (!a.importer.startsWith(join(out, 'src/modules/search'))) return undefined;
            const path = join(root, 'src/modules/search', a.path);
            return { path: ['.ts', '.tsx', '/index.ts'].map((x) => path + x).find((f) => existsSync(f)) ?? `${path}.ts` };
          });
        },
      },
    ],
  });
  baseline = await import(pathToFileURL(file).href);
}

// --- A reproducible French corpus ------------------------------------------------------
// mulberry32: a small seeded generator, so every run writes the same corpus.
let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const seedText = readFileSync(join(root, '../shared/seeds/000_70dd4064b709cd77.txt'), 'utf8');
const NEWS = `gouvernement ministre ministres défense élection élections présidentielle députés assemblée sénat réforme réformes
budget économie croissance inflation chômage entreprises entreprise salariés grève grèves syndicats manifestation manifestations
police justice tribunal procès juge enquête enquêtes victimes attentat sécurité armée soldats militaires hélicoptère hélicoptères
frontière frontières réfugiés migrants accord accords négociations sommet président présidents premier opposition majorité
pétrole gaz énergie électricité prix marchés banque banques dette investissements agriculture agriculteurs récolte pluies sécheresse
climat inondations santé hôpital hôpitaux médecins vaccin épidémie école écoles enseignants étudiants université examens
football match matchs équipe équipes joueur joueurs championnat coupe victoire défaite entraîneur stade supporters
culture musique festival festivals cinéma film films livre livres artiste artistes exposition théâtre chanteuse
ville villes village villages région régions capitale quartier habitants route routes pont ponts port transport transports
Mali Sénégal Niger Burkina Côte Ivoire Guinée Bamako Dakar Niamey Abidjan France Russie Ukraine Europe Afrique Chine
téléphone internet réseau numérique jeunes femmes enfants famille familles population pauvreté aide humanitaire
conseil décision décisions annonce annoncé déclaré selon mardi mercredi jeudi vendredi samedi dimanche lundi semaine mois année`;
const STOP = 'de la le les des du un une et en à au aux pour par sur dans avec qui que est sont a été ont ce cette ces plus ne pas il elle ils se son sa ses leur leurs'.split(' ');
const vocab = [...new Set([...NEWS.split(/\s+/), ...(seedText.match(/[\p{L}]{4,}/gu) ?? [])])].filter(Boolean);
// Zipf-like choice: a few words are frequent, most are rare, as in real text.
const zipf = (list) => list[Math.min(list.length - 1, Math.floor(list.length * rand() ** 2.2))];
// The long tail of a newspaper's vocabulary (names, places, rare words): 40,000 made-up
// words of French syllables, so that a news word is in some articles, not in all.
const SYLLABLES = 'ba be bi bo bou ca ce ci co cou da de di do dou fa fe fi fo ga gi go la le li lo lou ma me mi mo mou na ne ni no pa pe pi po ra re ri ro rou sa se si so ta te ti to tou va ve vi vo an en in on ar er ir or al el il ol é è'.split(' ');
const tail = new Set();
while (tail.size < 40_000) tail.add(Array.from({ length: 2 + Math.floor(rand() * 3) }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join(''));
const TAIL = [...tail];
function sentence(words) {
  const out = [];
  for (let i = 0; i < words; i++) {
    const r = rand();
    out.push(r < 0.42 ? zipf(STOP) : r < 0.62 ? zipf(vocab) : zipf(TAIL));
  }
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}
const paragraph = (sentences) => Array.from({ length: sentences }, () => sentence(12 + Math.floor(rand() * 14))).join(' ');

// --- Load ---------------------------------------------------------------------------------
const pgUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
const baseUrl = pgUrl ?? `sqlite:${REUSE ?? join(dir, 'bench.db')}`;
const schema = pgUrl ? (REUSE ?? `bench_${process.pid}`) : undefined;
const config = m.loadConfig({ DATABASE_URL: baseUrl, PALABRE_DEMO: '0', LOG_LEVEL: 'silent' });
const deps = await m.createDeps(config, schema ? { schema } : {});
const engine = deps.dialect.engine;
const now = new Date();
const iso = now.toISOString();
const SECTIONS = ['afrique', 'politique', 'economie', 'sport', 'culture', 'societe', 'monde', 'sante'];
let loadSeconds = 0;
let indexSeconds = 0;
let indexed = 0;
if (!REUSE) {
const sectionIds = [];
for (const s of SECTIONS) sectionIds.push(await m.insertSection(deps.db, { slug: s, name: s, created_at: iso }));
const authorId = (
  await deps.db.insertInto('users').values({ email: 'bench@example.test', name: 'Rédaction', role: 'editor', password_hash: null, created_at: iso }).returning('id').executeTakeFirstOrThrow()
).id;

let t0 = performance.now();
const BATCH = 1000;
for (let done = 0; done < N; done += BATCH) {
  await deps.dialect.writeTransaction(deps.db, async (db) => {
    for (let i = done; i < Math.min(N, done + BATCH); i++) {
      const published = new Date(now.getTime() - Math.floor(rand() * 3 * 365 * 86_400_000)).toISOString();
      const title = sentence(6 + Math.floor(rand() * 6)).slice(0, -1);
      const id = await m.insertArticle(
        db,
        {
          slug: `article-${i}`,
          title,
          summary: sentence(20),
          body: Array.from({ length: 5 }, () => paragraph(3)).join('\n\n'),
          section_id: sectionIds[i % sectionIds.length],
          dateline: '',
          status: i % 50 === 0 ? 'draft' : 'published',
          publish_at: published,
          comments_open: 1,
          image_id: null,
          correction: null,
          lang: 'fr',
        },
        published,
      );
      await m.replaceArticleAuthors(db, id, [authorId]);
      if (i % 3 === 0) await m.replaceArticleTags(db, id, [{ slug: zipf(SECTIONS), name: 'Dossier' }]);
    }
  });
}
loadSeconds = (performance.now() - t0) / 1000;

t0 = performance.now();
indexed = await m.reindexAll(deps);
indexSeconds = (performance.now() - t0) / 1000;
}

// --- Search ------------------------------------------------------------------------------
const QUERIES = [
  'ministres defense', 'helicopteres', 'DEFENSE', 'élection présidentielle', 'election', 'gouvernement', 'Mali', 'bamako',
  'russie mali', 'greve syndicats', 'hôpitaux médecins', 'football championnat', 'prix du pétrole', 'réfugiés frontière',
  'climat sécheresse récolte', 'festival musique', 'ecoles enseignants', 'banque dette', 'internet jeunes', 'victoire equipe',
  'accords negociations sommet', 'inondations', 'transport routes', 'justice proces', 'armée soldats', 'capitale habitants',
  'vaccins', 'chanteuses', 'Wagner', 'instructeurs russes', 'zzzz introuvable', 'ministre', 'les', 'culture cinéma films',
];
const opts = (q, i) => ({ q, offset: 0, limit: 20, ...(i % 4 === 3 ? { section: SECTIONS[i % SECTIONS.length] } : {}) });
// With a baseline, its search and the current one take turns (which goes first alternates
// too), so both meet the same load. Each module's index query is timed alone too: the rest of
// a search (reading what the results show, cutting the snippets) is the time after it.
const variants = [{ name: 'current', search: m.searchArticles, index: m.searchIndexFor(deps.dialect) }];
if (baseline) variants.push({ name: `baseline ${BASELINE}`, search: baseline.searchArticles, index: baseline.searchIndexFor(deps.dialect) });
for (const v of variants) {
  Object.assign(v, { times: [], indexTimes: [], rest: [], each: [], found: 0, ids: [] });
  const query = v.index.query;
  v.index.query = async (...args) => {
    const s = performance.now();
    const r = await query.apply(v.index, args);
    v.indexTimes.push(performance.now() - s);
    return r;
  };
}
for (const v of variants) {
  for (const [i, q] of QUERIES.entries()) await v.search(deps, opts(q, i)); // warm up
  v.indexTimes.length = 0;
}
let turn = 0;
for (let r = 0; r < QUERY_ROUNDS; r++) {
  for (const [i, q] of QUERIES.entries()) {
    const order = turn++ % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) {
      const before = v.indexTimes.length;
      const s = performance.now();
      const res = await v.search(deps, opts(q, i + r));
      const ms = performance.now() - s;
      v.times.push(ms);
      const section = opts(q, i + r).section;
      v.each.push({ q: section ? `${q} [${section}]` : q, ms, index: v.indexTimes.length > before ? (v.indexTimes[v.indexTimes.length - 1] ?? 0) : 0 });
      // A search of stop words only makes no index query.
      v.rest.push(ms - (v.indexTimes.length > before ? (v.indexTimes[v.indexTimes.length - 1] ?? 0) : 0));
      v.found += res.hits.length;
      v.ids.push(res.hits.map((h) => h.article.id).join(','));
    }
  }
}
const current = variants[0];
const pct = (times, p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)].toFixed(1);
const slowest = QUERIES.map((q, i) => ({ q, ms: 0, i }));
for (const s of slowest) {
  const a = performance.now();
  await current.search(deps, opts(s.q, s.i));
  s.ms = performance.now() - a;
}
slowest.sort((a, b) => b.ms - a.ms);

console.log(`engine: ${engine}`);
if (REUSE) console.log(`articles: reused ${REUSE}`);
else {
  console.log(`articles: ${N} generated (every 50th a draft), loaded in ${loadSeconds.toFixed(1)} s`);
  console.log(`indexing: ${indexed} published articles in ${indexSeconds.toFixed(1)} s = ${Math.round(indexed / indexSeconds)} articles/s`);
}
for (const v of variants) {
  const t = v.times.sort((a, b) => a - b);
  console.log(`search, ${v.name} (${t.length} searches, 20 results with snippets): p50 ${pct(t, 50)} ms, p95 ${pct(t, 95)} ms, p99 ${pct(t, 99)} ms, max ${t[t.length - 1].toFixed(1)} ms; ${v.found} hits`);
  const x = v.indexTimes.slice(0, t.length).sort((a, b) => a - b);
  console.log(`  its index query alone: p50 ${pct(x, 50)} ms, p95 ${pct(x, 95)} ms, p99 ${pct(x, 99)} ms, max ${x[x.length - 1].toFixed(1)} ms`);
  const rest = v.rest.sort((a, b) => a - b);
  console.log(`  the rest of a search (after its index query): p50 ${pct(rest, 50)} ms, p95 ${pct(rest, 95)} ms, max ${rest[rest.length - 1].toFixed(1)} ms`);
}
if (process.env.BENCH_TAIL) {
  for (const v of variants) {
    const top = [...v.each].sort((a, b) => b.ms - a.ms).slice(0, Number(process.env.BENCH_TAIL));
    console.log(`slowest searches, ${v.name}: ${top.map((x) => `"${x.q}" ${x.ms.toFixed(1)} (index ${x.index.toFixed(1)})`).join(', ')}`);
  }
}
if (baseline) console.log(`same results in the same order as the baseline: ${variants[1].ids.every((ids, i) => ids === current.ids[i]) ? 'yes' : 'NO'}`);
console.log(`slowest: ${slowest.slice(0, 3).map((s) => `"${s.q}" ${s.ms.toFixed(1)} ms`).join(', ')}`);

await m.closeDeps(deps);
if (schema && !process.env.BENCH_KEEP && !REUSE) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}
if (process.env.BENCH_KEEP && !REUSE) console.log(`kept: BENCH_REUSE=${schema ?? join(dir, 'bench.db')}`);
else rmSync(dir, { recursive: true, force: true });
