// Preload for bench/writes.mjs (not a test): how the SQLite write turns (src/db/write-turns.ts) and the
// event loop of each process fare under the load. Usage:
//   BENCH_NODE_ARGS="--require ./bench/lib/turn-times.cjs" BENCH_SKIP_BUILD=1 BENCH_KILL=0 node bench/writes.mjs
// Each worker prints on SIGTERM (the bench's stop), to stderr, over the whole run (warm-up included):
// - wait: from asking the primary for a turn to reading its answer;
// - delivery: from the primary sending the turn to the worker reading it (the turn is held, and
//   unused, meanwhile: the worker's event loop was busy, or the worker not on a core);
// - hold: from reading the turn to giving it back (the transaction);
// - the event loop's delay (perf_hooks.monitorEventLoopDelay, 1 ms resolution).
// The primary stamps each turn it sends; process.hrtime is the same clock in every process.
// The figures guide work; they test nothing.
const cluster = require('node:cluster');
const { monitorEventLoopDelay } = require('node:perf_hooks');

const now = () => Number(process.hrtime.bigint()) / 1e6;
const isTurn = (m) => typeof m === 'object' && m !== null && m.palabre === 'write-turn';
const pct = (a, f) => (a.length ? a[Math.min(a.length - 1, Math.floor(a.length * f))].toFixed(1) : '-');
const line = (name, a) => {
  a.sort((x, y) => x - y);
  return `${name} p50 ${pct(a, 0.5)} p90 ${pct(a, 0.9)} p99 ${pct(a, 0.99)} ms`;
};

if (cluster.isPrimary) {
  const send = cluster.Worker.prototype.send;
  cluster.Worker.prototype.send = function (m, ...rest) {
    return send.call(this, isTurn(m) && m.op === 'yours' ? { ...m, sentAt: now() } : m, ...rest);
  };
} else {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const wait = [], delivery = [], hold = [];
  let asked = 0, got = 0;
  const send = process.send.bind(process);
  process.send = (m, ...rest) => {
    if (isTurn(m) && m.op === 'take') asked = now();
    if (isTurn(m) && m.op === 'give') hold.push(now() - got);
    return send(m, ...rest);
  };
  // Before the application's own listener (this preload runs first), so its reading time is the worker's.
  process.on('message', (m) => {
    if (!isTurn(m) || m.op !== 'yours') return;
    got = now();
    wait.push(got - asked);
    if (typeof m.sentAt === 'number') delivery.push(got - m.sentAt);
  });
  // Once: the primary passes the bench's SIGTERM on to the workers too.
  process.once('SIGTERM', () => {
    const ms = (p) => (loop.percentile(p) / 1e6).toFixed(1);
    const turns = hold.length ? `turns ${hold.length}: ${line('wait', wait)}; ${line('delivery', delivery)}; ${line('hold', hold)}; ` : '';
    process.stderr.write(`worker ${process.env.PALABRE_WORKER_INDEX} (${process.pid}): ${turns}event loop delay p50 ${ms(50)} p90 ${ms(90)} p99 ${ms(99)} ms\n`);
  });
}
