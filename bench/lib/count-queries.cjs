// Preloaded into the benchmarked server (`node --require`, BENCH_COUNT_QUERIES=DIR in bench/writes.mjs):
// counts the statements each process sends to the database (better-sqlite3 statements run, pg
// queries), by SQL text, and writes the counts to DIR/queries-PID-THREAD.json every 250 ms (a worker
// thread, such as SQLite's checkpointer, has its own file), so the
// bench can count queries per comment over its measured window. Not part of the product.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { createRequire } = require('node:module');

const dir = process.env.BENCH_COUNT_QUERIES;
const counts = Object.create(null);
let total = 0;
const count = (sql) => {
  const key = String(sql).replace(/\s+/g, ' ').replace(/\(\?(, \?)*\)/g, '(…)').replace(/\(\$\d+(, \$\d+)*\)/g, '(…)').slice(0, 160);
  counts[key] = (counts[key] ?? 0) + 1;
  total++;
};
// Resolved from the benchmarked build (BENCH_CLI may be another tree with its own node_modules).
const load = createRequire(process.argv[1] ?? join(process.cwd(), 'package.json'));
try {
  const Database = load('better-sqlite3');
  const probe = new Database(':memory:');
  const Statement = Object.getPrototypeOf(probe.prepare('select 1'));
  probe.close();
  for (const m of ['run', 'get', 'all', 'iterate']) {
    const original = Statement[m];
    Statement[m] = function (...args) {
      count(this.source);
      return original.apply(this, args);
    };
  }
  const exec = Database.prototype.exec;
  Database.prototype.exec = function (source) {
    count(source);
    return exec.call(this, source);
  };
} catch {}
try {
  const pg = load('pg');
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, ...rest) {
    count(typeof config === 'string' ? config : config?.text);
    return query.call(this, config, ...rest);
  };
} catch {}
const { threadId } = require('node:worker_threads');
setInterval(() => writeFileSync(join(dir, `queries-${process.pid}-${threadId}.json`), JSON.stringify({ total, counts })), 250).unref();
