// A comment render worker that fails, for comment-render-worker.test.ts: a chunk holding the
// text 'reply' is answered with an error; any other chunk makes the worker throw, which ends its thread.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (req) => {
  if (req.texts.includes('reply')) parentPort?.postMessage({ id: req.id, error: 'this comment cannot be rendered' });
  else throw new Error('the render worker crashed');
});
