// The reader's page, weighed (a benchmark, not a test): builds, starts the built server on a fresh
// SQLite file with the same 200-comment article as bench/run.mjs, opens it in Chromium and reports
// what a first visit costs before the live event stream opens (requests, bytes on the wire), the
// DOM size, and Lighthouse's four scores when Lighthouse is installed (npm ci --prefix tools/lighthouse).
// Usage: node bench/page.mjs   (BENCH_PORT=39180, BENCH_SKIP_BUILD=1 to reuse dist/, BENCH_NO_LIGHTHOUSE=1,
//   BENCH_LIGHTHOUSE_PRESETS=mobile,desktop, BENCH_LIGHTHOUSE_JSON=/tmp/lh to keep the reports, TEST_CHROMIUM=/usr/bin/chromium)
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root, startBenchServer } from './lib/server.mjs';
import { seedStory } from './lib/story.mjs';

const chromiumPath = process.env.TEST_CHROMIUM ?? '/usr/bin/chromium';
const port = Number(process.env.BENCH_PORT ?? 39180);
if (!process.env.BENCH_SKIP_BUILD) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
// One process, no snapshots: the application's own answers are weighed.
const { base, post } = await startBenchServer({ port, env: { PALABRE_WORKERS: '1', PALABRE_BASE_URL: `http://127.0.0.1:${port}` } });

// The story of bench/run.mjs (so the page lists related ones); the one measured has no summary,
// so its meta description comes from its first paragraph.
const article = await seedStory(post, { lastSummary: false });
const url = base + new URL(article.url).pathname;

// One cold visit: every request until the event stream opens, with its bytes on the wire (headers + encoded body).
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await (await browser.newContext()).newPage();
const before = [];
let streamSeen = false;
page.on('request', (r) => {
  if (/\/comments\/events(\?|$)/.test(r.url())) streamSeen = true;
  else if (!streamSeen) before.push(r);
});
const streamOpen = page.waitForResponse((r) => /\/comments\/events(\?|$)/.test(r.url()));
await page.goto(url, { waitUntil: 'load' });
await streamOpen;
await page.waitForLoadState('networkidle').catch(() => undefined); // the stream stays open: networkidle may not come
const rows = [];
for (const r of before) {
  const res = await r.response();
  const sizes = res ? await r.sizes() : { responseHeadersSize: 0, responseBodySize: 0 };
  rows.push({ url: r.url().replace(base, ''), status: res?.status() ?? 0, bytes: sizes.responseHeadersSize + sizes.responseBodySize, encoding: (await res?.headerValue('content-encoding')) ?? 'identity' });
}
const dom = await page.evaluate(() => document.getElementsByTagName('*').length);
const scripts = await page.evaluate(() => document.scripts.length);
const perTag = await page.evaluate(() => {
  const n = {};
  for (const el of document.getElementsByTagName('*')) n[el.tagName.toLowerCase()] = (n[el.tagName.toLowerCase()] ?? 0) + 1;
  return Object.entries(n).sort((a, b) => b[1] - a[1]);
});
await browser.close();

const total = rows.reduce((s, r) => s + r.bytes, 0);
console.log(`reader page of a 200-comment article, ${url.replace(base, '')} (load: ${execFileSync('uptime', { encoding: 'utf8' }).trim()})`);
for (const r of rows) console.log(`  ${String(r.status).padStart(3)} ${String(r.bytes).padStart(7)} B  ${r.encoding.padEnd(8)} ${r.url}`);
console.log(`elements by tag: ${perTag.map(([t, n]) => `${t} ${n}`).join(', ')}`);
console.log(`requests before the event stream: ${rows.length}   bytes on the wire: ${total} (${(total / 1024).toFixed(1)} KiB)   DOM elements: ${dom}   <script> elements: ${scripts}`);

/**
 * What the performance score is made of, from the report itself: the metrics, then the long tasks
 * (main thread, > 50 ms, as Lighthouse's simulation saw them, with their script) and the main
 * thread's time by kind — the shape of the start-up work, which load on the machine inflates
 * but does not change.
 */
function shape(report) {
  const a = report.audits;
  const ms = (id) => `${Math.round(a[id]?.numericValue ?? NaN)} ms`;
  const tasks = a['long-tasks']?.details?.items ?? [];
  const byKind = (a['mainthread-work-breakdown']?.details?.items ?? []).map((i) => `${i.group} ${Math.round(i.duration)}`).join(', ');
  const page = (a['bootup-time']?.details?.items ?? []).find((i) => /article\.js/.test(i.url));
  return (
    `TBT ${ms('total-blocking-time')}, FCP ${ms('first-contentful-paint')}, LCP ${ms('largest-contentful-paint')}, CLS ${a['cumulative-layout-shift']?.numericValue ?? '?'}, SI ${ms('speed-index')}\n` +
    `  long tasks: ${tasks.length} (${tasks.map((t) => `${Math.round(t.duration)} ms ${String(t.url).replace(/^.*\//, '') || '?'}`).join(', ')})\n` +
    `  main thread (ms): ${byKind}\n` +
    `  article.js: ${page ? `${Math.round(page.total)} ms (script evaluation ${Math.round(page.scripting)} ms, parse ${Math.round(page.scriptParseCompile)} ms)` : 'not listed'}`
  );
}

const lighthouseBin = join(root, 'tools/lighthouse/node_modules/.bin/lighthouse');

/** One Lighthouse run; on a loaded machine its trace is sometimes lost (NO_NAVSTART): tried again, up to three times. */
function lighthouse(preset) {
  for (let attempt = 1; ; attempt++) {
    try {
      return execFileSync(
        lighthouseBin,
        [url, '--output=json', '--quiet', '--only-categories=performance,accessibility,best-practices,seo', `--chrome-flags=--headless --no-sandbox --disable-gpu`, ...(preset === 'desktop' ? ['--preset=desktop'] : [])],
        { env: { ...process.env, CHROME_PATH: chromiumPath }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (e) {
      if (attempt >= 3 || !/NO_NAVSTART|NO_FCP|PROTOCOL_TIMEOUT/.test(String(e.stderr ?? e.message))) throw e;
      console.log(`  Lighthouse (${preset}): run lost (${/NO_\w+|PROTOCOL_TIMEOUT/.exec(String(e.stderr ?? e.message))?.[0]}), again`);
    }
  }
}
if (process.env.BENCH_NO_LIGHTHOUSE) {
  console.log('Lighthouse: skipped (BENCH_NO_LIGHTHOUSE)');
} else if (!existsSync(lighthouseBin)) {
  console.log('Lighthouse: not installed (npm ci --prefix tools/lighthouse)');
} else {
  for (const preset of (process.env.BENCH_LIGHTHOUSE_PRESETS ?? 'mobile,desktop').split(',')) {
    const out = lighthouse(preset);
    const report = JSON.parse(out);
    const score = (c) => Math.round(report.categories[c].score * 100);
    const failed = Object.values(report.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual');
    console.log(
      `Lighthouse ${report.lighthouseVersion} (${preset}): performance ${score('performance')}, accessibility ${score('accessibility')}, best practices ${score('best-practices')}, SEO ${score('seo')}; ` +
        `${report.audits['network-requests'].details.items.length} requests, ${Math.round(report.audits['total-byte-weight'].numericValue / 102.4) / 10} KiB, DOM ${report.audits['dom-size']?.numericValue ?? '?'}`,
    );
    console.log(`  ${shape(report)}`);
    if (process.env.BENCH_LIGHTHOUSE_JSON) writeFileSync(`${process.env.BENCH_LIGHTHOUSE_JSON}-${preset}.json`, out);
    for (const a of failed) {
      console.log(`  below 1: ${a.id} (${a.score}) ${a.displayValue ?? ''}`);
      if (process.env.BENCH_VERBOSE) for (const item of (a.details?.items ?? []).slice(0, 5)) console.log(`    ${JSON.stringify(item).slice(0, 400)}`);
    }
  }
}
process.exit(0);
