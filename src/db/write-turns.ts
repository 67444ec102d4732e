import { processChannel, type PrimaryChannel } from '../infra/primary-channel';

/**
 * Turns at SQLite's one write lock for the workers of `PALABRE_WORKERS` (src/cluster.ts).
 * SQLite lets one connection write at a time; a worker that finds the lock taken sleeps in
 * SQLite's busy handler (1, 2, 5, 10 … ms, its whole event loop stopped, its requests waiting)
 * and may find it taken again by the same worker's next group. With turns, a worker asks the
 * primary before `begin immediate` and waits for its turn without blocking: its event loop
 * goes on reading requests meanwhile, and turns go in the order asked. The turn is an
 * optimisation only: SQLite's own lock still keeps the writes apart (a worker that writes
 * outside `writeTransaction`, or a primary that died, changes nothing but the waits).
 */

/** The IPC message of a turn: a worker asks or gives back (`take`, `give`), the primary grants (`yours`). */
export interface TurnMessage {
  palabre: 'write-turn';
  op: 'take' | 'give' | 'yours';
}

export function isTurnMessage(m: unknown): m is TurnMessage {
  return typeof m === 'object' && m !== null && (m as { palabre?: unknown }).palabre === 'write-turn';
}

/** Waits for this process's turn to write; resolves with the function that gives it back. */
export type TakeTurn = () => Promise<() => void>;

let gate: TakeTurn | undefined;

/** The turns in use (undefined: a single process, no turns). */
export function writeTurns(): TakeTurn | undefined {
  return gate;
}

/** How a worker reaches the primary for its turns (infra/primary-channel.ts). */
export type TurnChannel = PrimaryChannel<TurnMessage>;

/**
 * A cluster worker's turns, through the primary. Its own transactions queue here first, so it
 * asks for one turn at a time and gives each back once written. Without a primary (it is gone,
 * the channel disconnected) a transaction waits for no turn: SQLite's lock alone. Returns what
 * stops using them.
 */
export function useClusterTurns(channel: TurnChannel = processChannel): () => void {
  const waiting: ((give: () => void) => void)[] = [];
  // Asked the primary, or holding the turn: never both, and never a second question meanwhile.
  let state: 'idle' | 'asked' | 'holding' = 'idle';
  const giveBack = () => {
    state = 'idle';
    channel.send({ palabre: 'write-turn', op: 'give' });
    ask();
  };
  const ask = () => {
    if (state !== 'idle' || waiting.length === 0) return;
    if (!channel.connected()) {
      for (const w of waiting.splice(0)) w(() => undefined);
      return;
    }
    state = 'asked';
    channel.send({ palabre: 'write-turn', op: 'take' });
  };
  const onMessage = (m: unknown) => {
    if (!isTurnMessage(m) || m.op !== 'yours') return;
    state = 'holding';
    const next = waiting.shift();
    if (!next) {
      giveBack();
      return;
    }
    let given = false;
    next(() => {
      if (given) return;
      given = true;
      giveBack();
    });
  };
  // The primary gone while this worker waited for its answer: nobody will answer.
  const onDisconnect = () => {
    if (state === 'asked') state = 'idle';
    ask();
  };
  channel.on('message', onMessage);
  channel.on('disconnect', onDisconnect);
  gate = () =>
    new Promise<() => void>((resolve) => {
      waiting.push(resolve);
      ask();
    });
  return () => {
    channel.off('message', onMessage);
    channel.off('disconnect', onDisconnect);
    gate = undefined;
  };
}

/** The primary's side: one holder at a time, the others in the order they asked. */
export class TurnKeeper<W> {
  private holder: W | undefined;
  private readonly queue: W[] = [];

  constructor(private readonly grant: (w: W) => void) {}

  take(w: W): void {
    if (this.holder === undefined) {
      this.holder = w;
      this.grant(w);
    } else if (this.holder !== w && !this.queue.includes(w)) this.queue.push(w);
  }

  give(w: W): void {
    if (this.holder !== w) return;
    this.holder = this.queue.shift();
    if (this.holder !== undefined) this.grant(this.holder);
  }

  /** A worker gone: its turn passes on, its place in the queue is dropped. */
  gone(w: W): void {
    const i = this.queue.indexOf(w);
    if (i >= 0) this.queue.splice(i, 1);
    this.give(w);
  }
}
