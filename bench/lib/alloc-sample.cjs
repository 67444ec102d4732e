// Where a server's garbage comes from, for the write benchmark: loaded into the server with
// `BENCH_NODE_ARGS="--require ./bench/lib/alloc-sample.cjs"`, it samples every allocation (one
// per 4 KiB allocated, V8's sampling heap profiler, collected objects included) from start to
// SIGTERM, then writes ALLOC_DIR (default /tmp)/alloc-PID.txt: the total sampled and the 40
// largest allocators (a built-in, such as Map's `set`, with the two functions that called it).
// Shares guide a change; they test nothing.
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.enable', () =>
  session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }),
);
const name = (f) => `${f.functionName || '(anonymous)'} ${f.url.replace(/.*\/(node_modules\/[^/]+|dist)\//, '$1/')}:${f.lineNumber}`;
process.prependListener('SIGTERM', () => {
  session.post('HeapProfiler.stopSampling', (err, result) => {
    if (err) return;
    const bytes = new Map();
    const walk = (node, callers) => {
      const key = node.callFrame.url ? name(node.callFrame) : `${name(node.callFrame)} < ${callers.slice(-2).reverse().map(name).join(' < ')}`;
      bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
      for (const child of node.children) walk(child, node.callFrame.url ? [...callers.slice(-3), node.callFrame] : callers);
    };
    walk(result.profile.head, []);
    const total = [...bytes.values()].reduce((a, b) => a + b, 0);
    const rows = [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 40);
    const text = [`sampled ${(total / 1e6).toFixed(0)} MB`, ...rows.map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}% ${(v / 1e6).toFixed(1).padStart(7)} MB  ${k}`)].join('\n');
    writeFileSync(join(process.env.ALLOC_DIR ?? '/tmp', `alloc-${process.pid}.txt`), `${text}\n`);
  });
});
