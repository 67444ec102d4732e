// Time spent in SQLite per statement text, for the import benchmark: loaded into the
// importer with `IMPORT_BENCH_NODE_ARGS='--require ./bench/lib/sql-time.cjs'`; prints on
// stderr, when the process exits, the total and the 15 costliest statements (time, count).
// Times are wall times of better-sqlite3's synchronous calls (a commit's includes its writes).
const Database = require(require.resolve('better-sqlite3', { paths: [process.cwd()] }));

const stats = new Map();
const note = (key, started) => {
  const s = stats.get(key) ?? { n: 0, ns: 0n };
  s.n += 1;
  s.ns += process.hrtime.bigint() - started;
  stats.set(key, s);
};
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function timedPrepare(source) {
  const stmt = prepare.call(this, source);
  // Row lists of any length read as one shape.
  const key = source.replace(/\s+/g, ' ').replace(/\(\?(, \?)*\)(, \(\?(, \?)*\))*/g, '(…)').replace(/\?(, \?)+/g, '?…').slice(0, 100);
  for (const m of ['run', 'all', 'get', 'iterate']) {
    const f = stmt[m];
    stmt[m] = function timed(...args) {
      const started = process.hrtime.bigint();
      try {
        return f.apply(this, args);
      } finally {
        note(key, started);
      }
    };
  }
  return stmt;
};
process.on('exit', () => {
  let total = 0n;
  for (const s of stats.values()) total += s.ns;
  const rows = [...stats].sort((a, b) => Number(b[1].ns - a[1].ns)).slice(0, 15);
  process.stderr.write(`SQLite: ${(Number(total) / 1e9).toFixed(2)} s\n`);
  for (const [k, s] of rows) process.stderr.write(`${(Number(s.ns) / 1e9).toFixed(2).padStart(7)} s ${String(s.n).padStart(7)}×  ${k}\n`);
});
