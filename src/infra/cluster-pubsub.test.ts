import { afterEach, describe, expect, it } from 'vitest';
import { ClusterPubSub, type RelayMessage } from './cluster-pubsub';

const turn = () => new Promise((r) => setImmediate(r));

describe('ClusterPubSub', () => {
  const open: ClusterPubSub[] = [];
  afterEach(async () => {
    for (const p of open.splice(0)) await p.close();
  });

  it('sends the publications of one turn to the primary in one message, in order, and delivers them here at once', async () => {
    const sent: RelayMessage[] = [];
    const bus = new ClusterPubSub((m) => sent.push(m));
    open.push(bus);
    const here: string[] = [];
    await bus.subscribe('article:1', (m) => here.push(m));
    await bus.publish('article:1', 'a');
    await bus.publish('article:2', 'b');
    await bus.publish('article:1', 'c');
    expect(here).toEqual(['a', 'c']);
    expect(sent).toEqual([]);
    await turn();
    expect(sent).toEqual([{ palabre: 'pubsub', batch: [['article:1', 'a'], ['article:2', 'b'], ['article:1', 'c']] }]);
    await bus.publish('article:1', 'd');
    await turn();
    expect(sent.map((m) => m.batch.length)).toEqual([3, 1]);
  });

  it('delivers what another worker relayed, in order, and ignores what is not a relay', async () => {
    const bus = new ClusterPubSub(() => undefined);
    open.push(bus);
    const got: string[] = [];
    await bus.subscribe('article:1', (m) => got.push(m));
    process.emit('message', { palabre: 'pubsub', batch: [['article:1', 'x'], ['article:9', 'y'], ['article:1', 'z']] }, undefined);
    process.emit('message', { palabre: 'pubsub', channel: 'article:1', message: 'old form' }, undefined);
    process.emit('message', { palabre: 'pubsub', batch: [[1, 2], ['article:1']] }, undefined);
    expect(got).toEqual(['x', 'z']);
  });

  it('sends what is still waiting when it closes', async () => {
    const sent: RelayMessage[] = [];
    const bus = new ClusterPubSub((m) => sent.push(m));
    await bus.publish('article:1', 'last');
    await bus.close();
    expect(sent).toEqual([{ palabre: 'pubsub', batch: [['article:1', 'last']] }]);
  });
});
