// Fan-out benchmark (not a test): N readers hold the live stream of one article open
// (`GET /api/v1/articles/:id/comments/events`, Server-Sent Events); one comment is posted; the time
// from its 201 to its arrival on each stream gives p50/p99 and how many got it; the server's RSS
// (all its processes) is read from /proc. Raw sockets on the client side, so the client is cheap.
// Usage: npm run build && node bench/fanout.mjs   (FANOUT_READERS=10000, DATABASE_URL for PostgreSQL)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { startBenchServer } from './lib/server.mjs';

const readers = Number(process.env.FANOUT_READERS ?? 10_000);
const port = Number(process.env.BENCH_PORT ?? 3997);
const { post, stop, pid } = await startBenchServer({ port, env: { PALABRE_STREAMS_PER_ADDRESS: String(readers + 100) } });
await post('/api/v1/sections', { name: 'Afrique' });
const article = await post('/api/v1/articles', { title: 'Une histoire suivie en direct', summary: 'Fan-out.', body: 'Texte.', section: 'afrique', status: 'published' });

const marker = `Commentaire diffusé ${Date.now()}`;
/** Opens one stream; resolves once the server answered its headers; `arrived` resolves when the marker comes. */
function open() {
  return new Promise((resolveOpen, rejectOpen) => {
    const socket = connect(port, '127.0.0.1');
    let seen = '';
    let headers = false;
    let resolveArrived;
    const arrived = new Promise((r) => (resolveArrived = r));
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`GET /api/v1/articles/${article.id}/comments/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`));
    socket.on('data', (chunk) => {
      seen = (seen + chunk).slice(-4096);
      if (!headers && seen.includes('\r\n\r\n')) {
        headers = true;
        if (!seen.startsWith('HTTP/1.1 200')) return rejectOpen(new Error(seen.split('\r\n')[0]));
        resolveOpen({ socket, arrived });
      }
      if (seen.includes(marker)) resolveArrived(performance.now());
    });
    socket.on('error', rejectOpen);
  });
}

const streams = [];
const t0 = performance.now();
for (let i = 0; i < readers; i += 250) {
  streams.push(...(await Promise.all(Array.from({ length: Math.min(250, readers - i) }, open))));
}
const openMs = Math.round(performance.now() - t0);
// The server and its workers (PALABRE_WORKERS, one per core by default).
const pids = [String(pid), ...execFileSync('sh', ['-c', `pgrep -P ${pid} || true`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean)];
const rssOf = (p) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
const rssMb = Math.round(pids.reduce((sum, pid) => sum + rssOf(pid), 0) / 1024);

const sent = performance.now();
await post(`/api/v1/articles/${article.id}/comments`, { body: marker });
const timeout = new Promise((r) => setTimeout(() => r(undefined), 10_000));
const times = await Promise.all(streams.map((s) => Promise.race([s.arrived, timeout])));
const got = times.filter((t) => t !== undefined).map((t) => t - sent).sort((a, b) => a - b);
const pct = (p) => Math.round(got[Math.min(got.length - 1, Math.floor((p / 100) * got.length))]);
console.log(`${readers} streams open in ${openMs} ms; server RSS ${rssMb} MB (${pids.length} processes)`);
console.log(`one new comment reached ${got.length}/${readers} streams: p50 ${pct(50)} ms, p99 ${pct(99)} ms, last ${Math.round(got.at(-1))} ms after its 201   (acceptance: p99 < 1000)`);
for (const s of streams) s.socket.destroy();
stop();
process.exit(0);
