import { Redis } from 'ioredis';
import type { Clock } from '../../deps';

/**
 * Slow mode's memory of who posted where: one slot per reader per article, held for
 * N minutes. In Redis when REDIS_URL is set, so every instance sees the same slots;
 * the end of a slot is compared with the app's clock (tests move it), Redis's own
 * expiry only cleans up.
 */
export interface SlowModeGate {
  /** Takes the slot, or answers the seconds left before the reader may post again. */
  claim(key: string, minutes: number): Promise<number | undefined>;
  close(): Promise<void>;
}

class MemoryGate implements SlowModeGate {
  private readonly until = new Map<string, number>();
  constructor(private readonly clock: Clock) {}
  async claim(key: string, minutes: number): Promise<number | undefined> {
    const now = this.clock.now().getTime();
    const end = this.until.get(key);
    if (end !== undefined && end > now) return Math.ceil((end - now) / 1000);
    // Forget ended slots now and then so the map stays small.
    if (this.until.size > 10_000) for (const [k, v] of this.until) if (v <= now) this.until.delete(k);
    this.until.set(key, now + minutes * 60_000);
    return undefined;
  }
  async close(): Promise<void> {
    this.until.clear();
  }
}

// Atomic: read the slot's end, keep it if it is still ahead, else take the slot.
const CLAIM = `
local v = redis.call('GET', KEYS[1])
if v and tonumber(v) > tonumber(ARGV[1]) then return v end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return false`;

class RedisGate implements SlowModeGate {
  private readonly redis: Redis;
  constructor(url: string, private readonly prefix: string, private readonly clock: Clock) {
    this.redis = new Redis(url, { connectTimeout: 500, maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
  }
  async claim(key: string, minutes: number): Promise<number | undefined> {
    const now = this.clock.now().getTime();
    const ms = minutes * 60_000;
    const held = (await this.redis.eval(CLAIM, 1, `${this.prefix}slow:${key}`, String(now), String(now + ms), String(ms))) as string | null;
    return held === null ? undefined : Math.max(1, Math.ceil((Number(held) - now) / 1000));
  }
  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

export function createSlowModeGate(redisUrl: string | undefined, prefix: string, clock: Clock): SlowModeGate {
  return redisUrl ? new RedisGate(redisUrl, prefix, clock) : new MemoryGate(clock);
}
