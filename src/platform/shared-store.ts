// Keyed, expiring state that every app instance must share: sessions and rate-limit counters.
// It lives in the database (the `kv` table) or, when REDIS_URL is set, in Redis. Nothing of it
// is kept in process memory, so two instances behind a load balancer see the same state.
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Db } from './db/database.ts';

export interface SharedStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Adds one to a counter that starts a window of `windowMs` on its first hit. */
  increment(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }>;
  /** Resolves when the store answers (for the readiness check); rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class DatabaseStore implements SharedStore {
  private readonly db: Db;
  private lastSweep = 0;

  constructor(db: Db) {
    this.db = db;
  }

  async get(key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('kv')
      .select('value')
      .where('key', '=', key)
      .where('expires_at', '>', Date.now())
      .executeTakeFirst();
    return row?.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const expires_at = Date.now() + ttlMs;
    await this.db
      .insertInto('kv')
      .values({ key, value, expires_at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, expires_at }))
      .execute();
    await this.sweep();
  }

  async delete(key: string): Promise<void> {
    await this.db.deleteFrom('kv').where('key', '=', key).execute();
  }

  async increment(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }> {
    const now = Date.now();
    // One statement, atomic on both dialects: a new or expired window starts at 1.
    const row = await this.db
      .insertInto('kv')
      .values({ key, value: '1', expires_at: now + windowMs })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          value: sql<string>`case when kv.expires_at <= cast(${now} as bigint) then '1' else cast(cast(kv.value as integer) + 1 as text) end`,
          expires_at: sql<number>`case when kv.expires_at <= cast(${now} as bigint) then cast(${now + windowMs} as bigint) else kv.expires_at end`,
        }),
      )
      .returning(['value', 'expires_at'])
      .executeTakeFirstOrThrow();
    return { count: Number(row.value), ttlMs: Math.max(0, Number(row.expires_at) - now) };
  }

  /** Removes expired rows now and then, so the table does not grow without end. */
  private async sweep(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    await this.db.deleteFrom('kv').where('expires_at', '<=', now).execute();
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {}
}

export class RedisStore implements SharedStore {
  readonly redis: Redis;
  private readonly prefix: string;

  constructor(url: string, prefix = 'withme:') {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.prefix = prefix;
    // While Redis is away, ioredis keeps reconnecting and reports each failure: say it once a
    // minute (requests meanwhile get a 503 page), and say when it is back.
    let lastReported = 0;
    let away = false;
    this.redis.on('error', (error: Error) => {
      away = true;
      if (Date.now() - lastReported < 60_000) return;
      lastReported = Date.now();
      console.error(`Redis unavailable: ${error.message}`);
    });
    this.redis.on('ready', () => {
      if (away) console.error('Redis is back');
      away = false;
    });
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async increment(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }> {
    const k = this.prefix + key;
    const [[, count], [, ttl]] = (await this.redis
      .multi()
      .incr(k)
      .pexpire(k, windowMs, 'NX')
      .pttl(k)
      .exec()
      .then((r) => [r?.[0] ?? [null, 0], r?.[2] ?? [null, windowMs]])) as [[unknown, number], [unknown, number]];
    return { count, ttlMs: ttl < 0 ? windowMs : ttl };
  }

  async ping(): Promise<void> {
    // While Redis is away, commands queue until their retries run out: answer within 2 seconds.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('Redis did not answer')), 2_000)));
    try {
      await Promise.race([this.redis.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

export function createSharedStore(db: Db, redisUrl: string | undefined): SharedStore {
  return redisUrl ? new RedisStore(redisUrl) : new DatabaseStore(db);
}
