import { afterEach, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { TurnKeeper, useClusterTurns, writeTurns, type TurnChannel, type TurnMessage } from './write-turns';

const settled = () => new Promise((r) => setImmediate(r));

describe('TurnKeeper (the primary)', () => {
  it('grants one turn at a time, in the order asked, and passes a gone worker’s turn on', () => {
    const granted: string[] = [];
    const keeper = new TurnKeeper<string>((w) => granted.push(w));
    keeper.take('a');
    keeper.take('b');
    keeper.take('c');
    keeper.take('b');
    expect(granted).toEqual(['a']);
    keeper.give('b');
    expect(granted).toEqual(['a']);
    keeper.give('a');
    expect(granted).toEqual(['a', 'b']);
    keeper.gone('b');
    expect(granted).toEqual(['a', 'b', 'c']);
    keeper.gone('c');
    keeper.take('a');
    expect(granted).toEqual(['a', 'b', 'c', 'a']);
  });

  it('drops a gone worker from the queue without granting it', () => {
    const granted: string[] = [];
    const keeper = new TurnKeeper<string>((w) => granted.push(w));
    keeper.take('a');
    keeper.take('b');
    keeper.gone('b');
    keeper.give('a');
    expect(granted).toEqual(['a']);
  });
});

/** A worker's channel to a primary played by the test: what the worker sent, and the primary's answers. */
function channel() {
  const events = new EventEmitter();
  const sent: TurnMessage['op'][] = [];
  let up = true;
  const ch: TurnChannel = {
    send: (m) => sent.push(m.op),
    connected: () => up,
    on: (event, listener) => events.on(event, listener),
    off: (event, listener) => events.off(event, listener),
  };
  return {
    ch,
    sent,
    yours: () => events.emit('message', { palabre: 'write-turn', op: 'yours' } satisfies TurnMessage),
    disconnect: () => {
      up = false;
      events.emit('disconnect');
    },
  };
}

describe('useClusterTurns (a worker)', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    stop = undefined;
  });
  const turns = () => {
    const t = writeTurns();
    if (!t) throw new Error('turns expected');
    return t;
  };

  it('asks once for its queued transactions, writes one per turn and gives each back', async () => {
    const c = channel();
    stop = useClusterTurns(c.ch);
    const order: string[] = [];
    const first = turns()().then((give) => (order.push('first'), give));
    const second = turns()().then((give) => (order.push('second'), give));
    await settled();
    expect(c.sent).toEqual(['take']);
    expect(order).toEqual([]);
    c.yours();
    const giveFirst = await first;
    expect(order).toEqual(['first']);
    giveFirst();
    giveFirst();
    // Given back once, then asked again for the second: it waits for its own turn.
    expect(c.sent).toEqual(['take', 'give', 'take']);
    await settled();
    expect(order).toEqual(['first']);
    c.yours();
    (await second)();
    expect(order).toEqual(['first', 'second']);
    expect(c.sent).toEqual(['take', 'give', 'take', 'give']);
  });

  it('asks for no second turn while it holds one: the transaction that came meanwhile asks once it is given back', async () => {
    const c = channel();
    stop = useClusterTurns(c.ch);
    const first = turns()();
    c.yours();
    const giveFirst = await first;
    let secondWrote = false;
    const second = turns()().then((give) => ((secondWrote = true), give));
    await settled();
    expect(c.sent).toEqual(['take']);
    giveFirst();
    expect(c.sent).toEqual(['take', 'give', 'take']);
    await settled();
    expect(secondWrote).toBe(false);
    c.yours();
    (await second)();
    expect(c.sent).toEqual(['take', 'give', 'take', 'give']);
  });

  it('gives back a turn nobody waits for', () => {
    const c = channel();
    stop = useClusterTurns(c.ch);
    c.yours();
    expect(c.sent).toEqual(['give']);
  });

  it('waits for no turn once the primary is gone, even one already asked for', async () => {
    const c = channel();
    stop = useClusterTurns(c.ch);
    let wrote = false;
    const waiting = turns()().then((give) => ((wrote = true), give));
    await settled();
    expect(c.sent).toEqual(['take']);
    expect(wrote).toBe(false);
    c.disconnect();
    expect(typeof (await waiting)).toBe('function');
    await turns()();
    expect(c.sent).toEqual(['take']);
  });

  it('stops: no turns once stopped', () => {
    stop = useClusterTurns(channel().ch);
    expect(writeTurns()).toBeDefined();
    stop();
    stop = undefined;
    expect(writeTurns()).toBeUndefined();
  });
});
