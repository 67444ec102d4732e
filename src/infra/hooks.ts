import type { CommentChanged } from '../modules/comments/comment';

/** Events one module announces and others act on, awaited in order (e.g. search indexing on publish). */
export interface HookEvents {
  /** An article was created or changed (any field, any status). */
  'article.saved': { articleId: number };
  /** An article was deleted. */
  'article.deleted': { articleId: number };
  /** Comments changed (posted, status, edited, erased): announced by the comments module alone, after its transaction. */
  'comment.changed': CommentChanged;
}

type Listener<K extends keyof HookEvents> = (payload: HookEvents[K]) => Promise<void> | void;

/** A tiny typed, awaited event bus inside one process. */
export class Hooks {
  private readonly listeners: { [K in keyof HookEvents]?: Listener<K>[] } = {};

  on<K extends keyof HookEvents>(event: K, fn: Listener<K>): void {
    const list = (this.listeners[event] ??= []) as Listener<K>[];
    list.push(fn);
  }

  async emit<K extends keyof HookEvents>(event: K, payload: HookEvents[K]): Promise<void> {
    for (const fn of (this.listeners[event] ?? [])) await fn(payload);
  }
}
