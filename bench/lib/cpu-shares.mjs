// Where a CPU profile's time goes (for bench/writes.mjs's BENCH_CPU_PROF): each sample is charged to
// a category by its stack, leaf first (the first frame that matches a rule names it), through
// dist/cli.js's source map back to src/ files. Shares only; the figures guide work, they test nothing.
// Usage: node bench/lib/cpu-shares.mjs PROFILE.cpuprofile [--last SECONDS]
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const [file, ...rest] = process.argv.slice(2);
const last = rest[0] === '--last' ? Number(rest[1]) * 1e6 : Infinity;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const maps = new Map();
const mapOf = (url) => {
  if (!maps.has(url)) {
    let map;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')));
    } catch {}
    maps.set(url, map);
  }
  return maps.get(url);
};

/** The original place of a frame: src/… or node_modules/<package> or node:… */
function place(frame) {
  const { url, lineNumber, columnNumber, functionName } = frame;
  if (!url) return functionName; // (program), (garbage collector), (idle), native
  if (url.startsWith('node:')) return url;
  let path = url;
  if (url.endsWith('/dist/cli.js')) {
    const entry = mapOf(url)?.findEntry(lineNumber, columnNumber);
    path = entry?.originalSource ?? url;
  }
  const mod = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (mod) return `node_modules/${mod[1]}`;
  const src = path.match(/src\/.*$/);
  return src ? src[0] : path;
}

// Leaf-first rules: the first frame of a stack that matches one names the sample's category.
const RULES = [
  [/^\(garbage collector\)$/, 'garbage collection'],
  [/^\(idle\)$/, 'idle'],
  [/franc/, 'language detection (franc)'],
  [/node_modules\/better-sqlite3|src\/db\/|count-queries/, 'SQLite / database driver (statements run)'],
  [/node_modules\/pg/, 'PostgreSQL driver'],
  [/node_modules\/kysely/, 'Kysely (building, compiling queries)'],
  [/zlib|brotli/, 'compression'],
  [/src\/infra\/static-snapshots|src\/web\/views|src\/web\/render|preact/, 'page rendering / snapshots'],
  [/src\/modules\/moderation\/(classifier|model|readability|profanity|phases\/content)/, 'moderation models (spam, toxicity, readability, profanity)'],
  [/src\/modules\/moderation\//, 'moderation pipeline (rest)'],
  [/markdown|sanitize|marked|markdown-it|dompurify|htmlparser|parse5/, 'Markdown / HTML'],
  [/src\/modules\/comments\//, 'comments module'],
  [/fastify|find-my-way|light-my-request|avvio|pino|node_modules\/ajv|fast-json|secure-json/, 'Fastify (routing, parsing, answering, logging)'],
  [/node:_http|node:net|node:internal\/stream|node:stream|node:internal\/streams|llhttp|node:_stream/, 'HTTP / sockets'],
  [/src\/web\//, 'web layer (src/web)'],
  [/src\//, 'other src/'],
  [/^\(program\)$/, '(program: native, unattributed)'],
];

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const categoryOf = new Map();
function categorize(id) {
  if (categoryOf.has(id)) return categoryOf.get(id);
  let category = 'other';
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const p = place(byId.get(n).callFrame);
    const rule = RULES.find(([re]) => re.test(p));
    if (rule) {
      category = rule[1];
      break;
    }
  }
  categoryOf.set(id, category);
  return category;
}

const times = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) times.push((t += d));
const from = profile.endTime - last;
const totals = new Map();
let sum = 0;
profile.samples.forEach((id, i) => {
  if (times[i] < from) return;
  const c = categorize(id);
  if (c === 'idle') return;
  const dt = profile.timeDeltas[i + 1] ?? 0;
  totals.set(c, (totals.get(c) ?? 0) + dt);
  sum += dt;
});
console.log(`${file}: ${(sum / 1e6).toFixed(1)} s of CPU (idle left out)`);
for (const [c, v] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`  ${((100 * v) / sum).toFixed(1).padStart(5)} %  ${c}`);
