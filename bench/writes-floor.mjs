// The write path's floor (not a test): server CPU per request of a comment POST that stops before
// the pipeline — an unknown article, answered 404 after the hooks, the rate limit, the body's
// parsing and validation and the article's read — against a bare Fastify answering the same
// 404 on the same route. What is left of a comment's CPU above this floor is the pipeline and the
// write; what the floor has above bare Fastify is Palabre's HTTP layer (and the error's answer).
// 64 posters (BENCH_POSTERS) on kept-alive connections, each request from its own address, for
// BENCH_SECONDS (6) after 2 s of warm-up.
// Usage: PALABRE_WORKERS=1 node bench/writes-floor.mjs        (BENCH_CLI: another build)
//        node bench/writes-floor.mjs bare                       (Fastify alone)
import http from 'node:http';
import { spawn } from 'node:child_process';
import { address, benchEnv, freePort, cleanup, commentText, groupCpuMs, prepare, startServer, waitUp } from './writes-server.mjs';

const posters = Number(process.env.BENCH_POSTERS ?? 64);
const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const PATH = '/api/v1/articles/999999/comments';

/** Posts for `secs` seconds from `posters` loops; the number of answers. */
async function load(port, secs) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: posters });
  const end = performance.now() + secs * 1000;
  let answered = 0;
  const send = (body, ip) =>
    new Promise((resolve) => {
      const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': ip };
      const req = http.request({ agent, host: '127.0.0.1', port, path: PATH, method: 'POST', headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', () => resolve(0));
      req.end(body);
    });
  const loop = async (p) => {
    for (let n = 1; performance.now() < end; n++) {
      const status = await send(JSON.stringify({ body: commentText(p, n), name: `Lecteur ${p + 1}`, email: `lecteur${p + 1}.${n}@example.test` }), address(p, n));
      if (status === 404) answered++;
    }
  };
  await Promise.all(Array.from({ length: posters }, (_, p) => loop(p)));
  agent.destroy();
  return answered;
}

const bare = process.argv[2] === 'bare';
const port = await freePort();
let setup;
let server;
if (bare) {
  const app = `const f = require('fastify')(); f.post('${PATH.replace('999999', ':id')}', async (_q, r) => r.code(404).send({ error: 'not_found', message: 'article not found' })); f.listen({ port: ${port}, host: '127.0.0.1' });`;
  server = spawn(process.execPath, ['-e', app], { stdio: 'inherit', detached: true });
} else {
  setup = benchEnv(port);
  prepare(setup.env);
  server = startServer(setup.env);
}
try {
  if (bare) await new Promise((r) => setTimeout(r, 1500));
  else await waitUp(`http://127.0.0.1:${port}`);
  await load(port, 2);
  const cpu0 = groupCpuMs(server.pid);
  const n = await load(port, seconds);
  const cpu = groupCpuMs(server.pid) - cpu0;
  const what = bare ? 'bare Fastify' : `palabre (${process.env.BENCH_CLI ?? 'dist/cli.js'}), PALABRE_WORKERS=${process.env.PALABRE_WORKERS ?? '(one per core)'}`;
  console.log(`writes floor, ${what}: ${n} answers 404 in ${seconds} s (${Math.round(n / seconds)}/s), server CPU ${Math.round((cpu * 1000) / Math.max(1, n))} µs per request`);
} finally {
  const exited = new Promise((r) => server.once('exit', r));
  process.kill(-server.pid, 'SIGTERM');
  await exited;
  if (setup) cleanup(setup);
}
