#!/usr/bin/env node
// Import benchmark: writes a synthetic WordPress export of IMPORT_BENCH_MB megabytes
// (default 500) — posts of ~4 KB with 40 comments each, a third of them replies —
// then runs `palabre import wxr` on it against a fresh SQLite database (or
// DATABASE_URL when set) and reports wall time, comments per second, the importer's CPU seconds
// and comments per CPU second (the figure to compare on a busy machine), and the importer
// process's peak resident memory (VmHWM from /proc, sampled until it exits); also the CPU
// seconds of the import's own thread (the render worker and V8's helper threads excluded).
//
//   npm run build && node bench/import.mjs            # 500 MB
//   IMPORT_BENCH_MB=50 node bench/import.mjs
//   IMPORT_BENCH_COMMENTS=50000 node bench/import.mjs  # sized by comments instead
//   IMPORT_BENCH_KEEP=1 …                               # keep the file and database (path on stderr)
//   IMPORT_BENCH_FILE=/tmp/big.xml …                    # generate the file there once, then import that file
//                                                       # (kept: A/B runs of two builds on the same file)
//   IMPORT_BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' …  # flags for the importer's node
//   IMPORT_BENCH_CLI=cli-base.js …                      # another bundle in dist/ (compare two builds)
//   IMPORT_BENCH_NODE_ARGS='--require ./bench/lib/sql-time.cjs' …  # time in SQLite per statement (stderr)
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MB = Number(process.env.IMPORT_BENCH_MB ?? 500);
const COMMENTS = process.env.IMPORT_BENCH_COMMENTS ? Number(process.env.IMPORT_BENCH_COMMENTS) : undefined;
const KEEP = process.env.IMPORT_BENCH_KEEP === '1';
const dir = mkdtempSync(join(tmpdir(), 'palabre-import-bench-'));
const REUSE = process.env.IMPORT_BENCH_FILE;
const file = REUSE ?? join(dir, 'big.xml');
const cdata = (s) => `<![CDATA[${s}]]>`;
const para = 'Le conseil municipal a voté mardi soir le budget de l’année, après un long débat sur les transports et la rénovation des écoles. ';

async function write(out, s) {
  if (!out.write(s)) await once(out, 'drain');
}

async function generate() {
  const out = createWriteStream(file);
  await write(out, `<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Bench</title><link>https://bench.example</link><language>fr-FR</language><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url><wp:base_blog_url>https://bench.example</wp:base_blog_url>\n`);
  for (let a = 1; a <= 20; a++) await write(out, `<wp:author><wp:author_id>${a}</wp:author_id><wp:author_login>${cdata(`auteur${a}`)}</wp:author_login><wp:author_email>${cdata(`auteur${a}@bench.example`)}</wp:author_email><wp:author_display_name>${cdata(`Auteur ${a}`)}</wp:author_display_name></wp:author>\n`);
  const target = MB * 1024 * 1024;
  let post = 0;
  let comment = 0;
  while (COMMENTS !== undefined ? comment < COMMENTS : out.bytesWritten + out.writableLength < target) {
    post += 1;
    const first = comment + 1;
    let comments = '';
    for (let c = 0; c < 40; c++) {
      comment += 1;
      const parent = c > 0 && c % 3 === 0 ? first + Math.floor(c / 2) : 0;
      comments += `<wp:comment><wp:comment_id>${comment}</wp:comment_id><wp:comment_author>${cdata(`Lecteur ${comment % 5000}`)}</wp:comment_author><wp:comment_author_email>${cdata(`l${comment % 5000}@bench.example`)}</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP>${cdata(`198.51.100.${comment % 250}`)}</wp:comment_author_IP><wp:comment_date>${cdata('2022-03-08 10:00:00')}</wp:comment_date><wp:comment_date_gmt>${cdata('2022-03-08 09:00:00')}</wp:comment_date_gmt><wp:comment_content>${cdata(`Commentaire ${comment} : je ne partage pas tout à fait cet avis.\nMais l’article est clair et bien documenté.`)}</wp:comment_content><wp:comment_approved>${cdata(comment % 17 === 0 ? '0' : '1')}</wp:comment_approved><wp:comment_type>${cdata('comment')}</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n`;
    }
    const body = Array.from({ length: 30 }, () => `<!-- wp:paragraph -->\n<p>${para}</p>\n<!-- /wp:paragraph -->`).join('\n\n');
    await write(out, `<item><title>${cdata(`Article ${post}`)}</title><link>https://bench.example/2022/03/08/article-${post}/</link><pubDate>Tue, 08 Mar 2022 09:00:00 +0000</pubDate><dc:creator>${cdata(`auteur${(post % 20) + 1}`)}</dc:creator><guid isPermaLink="false">https://bench.example/?p=${post}</guid><description></description><content:encoded>${cdata(body)}</content:encoded><excerpt:encoded>${cdata('')}</excerpt:encoded><wp:post_id>${post}</wp:post_id><wp:post_date>${cdata('2022-03-08 10:00:00')}</wp:post_date><wp:post_date_gmt>${cdata('2022-03-08 09:00:00')}</wp:post_date_gmt><wp:comment_status>${cdata('open')}</wp:comment_status><wp:post_name>${cdata(`article-${post}`)}</wp:post_name><wp:status>${cdata('publish')}</wp:status><wp:post_type>${cdata('post')}</wp:post_type><category domain="category" nicename="rubrique-${post % 8}">${cdata(`Rubrique ${post % 8}`)}</category><category domain="post_tag" nicename="tag-${post % 50}">${cdata(`Tag ${post % 50}`)}</category>\n${comments}</item>\n`);
  }
  await write(out, '</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
  return { posts: post, comments: comment };
}

/**
 * User + system CPU seconds of a process (from /proc, sampled while it runs), or of one of
 * its threads (`tid`; the main thread's is the process id).
 */
function cpuSeconds(pid, tid) {
  try {
    const fields = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function peakRss(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const t0 = Date.now();
const reused = REUSE !== undefined && existsSync(REUSE);
const counts = reused ? undefined : await generate();
const size = statSync(file).size;
if (reused) process.stderr.write(`importing ${file} (${(size / 1048576).toFixed(0)} MB, generated before)\n`);
else process.stderr.write(`generated ${(size / 1048576).toFixed(0)} MB (${counts.posts} posts, ${counts.comments} comments) in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${join(dir, 'bench.db')}`, PALABRE_DEMO: '0', LOG_LEVEL: 'warn' };
const started = Date.now();
const child = spawn(process.execPath, [...(process.env.IMPORT_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), join(import.meta.dirname, '../dist', process.env.IMPORT_BENCH_CLI ?? 'cli.js'), 'import', 'wxr', file], { env, stdio: ['ignore', 'pipe', 'inherit'] });
let peak = 0;
let cpu = 0;
let mainCpu = 0;
const timer = setInterval(() => {
  peak = Math.max(peak, peakRss(child.pid));
  cpu = Math.max(cpu, cpuSeconds(child.pid));
  mainCpu = Math.max(mainCpu, cpuSeconds(child.pid, child.pid));
}, 100);
let stdout = '';
child.stdout.on('data', (d) => {
  stdout += d;
});
const [code] = await once(child, 'exit');
clearInterval(timer);
const seconds = (Date.now() - started) / 1000;
if (KEEP) process.stderr.write(`kept ${dir}\n`);
else rmSync(dir, { recursive: true, force: true });
if (code !== 0) {
  process.stderr.write(`import failed (exit ${code})\n`);
  process.exit(1);
}
const summary = JSON.parse(stdout.trim().split('\n').pop());
const result = {
  fileMB: Math.round(size / 1048576),
  engine: env.DATABASE_URL.split(':')[0],
  seconds: Math.round(seconds),
  mbPerSecond: Number((size / 1048576 / seconds).toFixed(2)),
  articles: summary.created.articles,
  comments: summary.created.comments,
  commentsPerSecond: Math.round(summary.created.comments / seconds),
  // On a busy machine the wall time counts other processes' turns: CPU time is the importer's own.
  cpuSeconds: cpu,
  commentsPerCpuSecond: cpu > 0 ? Math.round(summary.created.comments / cpu) : null,
  // The import's own thread (reading, writing): on a quiet machine with a core for the render
  // worker and V8's helper threads, its CPU time is about the wall time.
  mainThreadCpuSeconds: mainCpu,
  peakRssMB: Math.round(peak / 1048576),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
