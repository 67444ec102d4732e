import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterPubSub, Relay, type BusChannel, type RelayMessage, type SubscribeMessage, type WorkerBusMessage } from './cluster-pubsub';

const turn = () => new Promise((r) => setImmediate(r));

/** A channel to a stand-in primary: what is sent is kept; a subscription is answered on the next turn unless `silent`. */
function primary(opts: { silent?: boolean; connected?: boolean } = {}) {
  const sent: WorkerBusMessage[] = [];
  const events = new EventEmitter();
  const channel: BusChannel = {
    send: (m) => {
      sent.push(m);
      if (m.palabre === 'pubsub-sub' && !opts.silent) setImmediate(() => events.emit('message', { palabre: 'pubsub-subscribed', ask: m.ask }));
    },
    connected: () => opts.connected ?? true,
    on: (event, listener) => events.on(event, listener),
    off: (event, listener) => events.off(event, listener),
  };
  /** A message from the primary. */
  const receive = (m: unknown) => events.emit('message', m);
  const relays = () => sent.filter((m): m is RelayMessage => m.palabre === 'pubsub');
  const subs = () => sent.filter((m): m is SubscribeMessage => m.palabre === 'pubsub-sub').map((m) => `${m.on ? '+' : '-'}${m.channel}`);
  return { channel, sent, relays, subs, receive, disconnect: () => events.emit('disconnect') };
}

describe('ClusterPubSub', () => {
  const open: ClusterPubSub[] = [];
  afterEach(async () => {
    for (const p of open.splice(0)) await p.close();
  });

  it('sends the publications of one turn to the primary in one message, in order, and delivers them here at once', async () => {
    const to = primary();
    const bus = new ClusterPubSub(to.channel);
    open.push(bus);
    const here: string[] = [];
    await bus.subscribe('article:1', (m) => here.push(m));
    await bus.publish('article:1', 'a');
    await bus.publish('article:2', 'b');
    await bus.publish('article:1', 'c');
    expect(here).toEqual(['a', 'c']);
    expect(to.relays()).toEqual([]);
    await turn();
    expect(to.relays()).toEqual([{ palabre: 'pubsub', batch: [['article:1', 'a'], ['article:2', 'b'], ['article:1', 'c']] }]);
    await bus.publish('article:1', 'd');
    await turn();
    expect(to.relays().map((m) => m.batch.length)).toEqual([3, 1]);
  });

  it('delivers what another worker relayed, in order, and ignores what is not a relay', async () => {
    const from = primary();
    const bus = new ClusterPubSub(from.channel);
    open.push(bus);
    const got: string[] = [];
    await bus.subscribe('article:1', (m) => got.push(m));
    from.receive({ palabre: 'pubsub', batch: [['article:1', 'x'], ['article:9', 'y'], ['article:1', 'z']] });
    from.receive({ palabre: 'pubsub', channel: 'article:1', message: 'old form' });
    from.receive({ palabre: 'pubsub', batch: [[1, 2], ['article:1']] });
    expect(got).toEqual(['x', 'z']);
  });

  it('sends what is still waiting when it closes', async () => {
    const to = primary();
    const bus = new ClusterPubSub(to.channel);
    await bus.publish('article:1', 'last');
    await bus.close();
    expect(to.relays()).toEqual([{ palabre: 'pubsub', batch: [['article:1', 'last']] }]);
  });

  it('subscribes once the primary has the channel on its list, telling it of the first subscriber and the last to leave', async () => {
    const to = primary({ silent: true });
    const bus = new ClusterPubSub(to.channel);
    open.push(bus);
    let first: (() => void) | undefined;
    let second: (() => void) | undefined;
    void bus.subscribe('article:1', () => undefined).then((u) => (first = u));
    void bus.subscribe('article:1', () => undefined).then((u) => (second = u));
    await turn();
    // Not answered yet: neither subscriber may read what it missed.
    expect(first).toBeUndefined();
    expect(second).toBeUndefined();
    const ask = (to.sent[0] as SubscribeMessage).ask;
    to.receive({ palabre: 'pubsub-subscribed', ask: ask + 1 });
    await turn();
    expect(first).toBeUndefined();
    to.receive({ palabre: 'pubsub-subscribed', ask });
    await turn();
    expect(first).toBeTypeOf('function');
    expect(second).toBeTypeOf('function');
    first?.();
    first?.();
    expect(to.subs()).toEqual(['+article:1']);
    second?.();
    expect(to.subs()).toEqual(['+article:1', '-article:1']);
  });

  it('waits for no answer when the primary is gone, or goes away meanwhile', async () => {
    const alone = new ClusterPubSub(primary({ connected: false }).channel);
    open.push(alone);
    expect(await alone.subscribe('article:1', () => undefined)).toBeTypeOf('function');
    const to = primary({ silent: true });
    const bus = new ClusterPubSub(to.channel);
    open.push(bus);
    let unsubscribe: (() => void) | undefined;
    void bus.subscribe('article:2', () => undefined).then((u) => (unsubscribe = u));
    await turn();
    expect(unsubscribe).toBeUndefined();
    to.disconnect();
    await turn();
    expect(unsubscribe).toBeTypeOf('function');
  });
});

describe('Relay (the primary)', () => {
  const sub = (channel: string, on = true, ask = 1): SubscribeMessage => ({ palabre: 'pubsub-sub', channel, on, ask });
  const batch = (...entries: [string, string][]): RelayMessage => ({ palabre: 'pubsub', batch: entries });

  it('gives each other worker only the publications of the channels it listens to, in order', () => {
    const relay = new Relay<string>();
    expect(relay.subscription('serving', sub('article:1', true, 7))).toEqual({ palabre: 'pubsub-subscribed', ask: 7 });
    relay.subscription('serving', sub('cache-invalidate'));
    relay.subscription('snapshots', sub('cache-invalidate'));
    relay.subscription('writer', sub('article:1'));
    const m = batch(['article:1', 'a'], ['cache-invalidate', 'x'], ['article:2', 'b'], ['article:1', 'c']);
    const out = relay.forward('writer', m, ['writer', 'serving', 'snapshots', 'idle']);
    expect(out).toEqual([
      ['serving', batch(['article:1', 'a'], ['cache-invalidate', 'x'], ['article:1', 'c'])],
      ['snapshots', batch(['cache-invalidate', 'x'])],
    ]);
  });

  it('forgets a channel left and a worker gone; sends the message itself when all of it is listened to', () => {
    const relay = new Relay<string>();
    relay.subscription('a', sub('article:1'));
    relay.subscription('b', sub('article:1'));
    const m = batch(['article:1', 'x']);
    expect(relay.forward('c', m, ['a', 'b', 'c'])[0]?.[1]).toBe(m);
    relay.subscription('a', sub('article:1', false));
    relay.gone('b');
    expect(relay.forward('c', m, ['a', 'b', 'c'])).toEqual([]);
  });
});
