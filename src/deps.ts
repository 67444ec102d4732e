import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { Config } from './config';
import { connect, type Db } from './db/connect';
import { migrate } from './db/migrate';
import { Hooks } from './infra/hooks';
import { createMailer, type Mailer } from './infra/mailer';
import { installModuleHooks } from './modules/hooks';
import { CommentWriter } from './modules/comments/comment.batch';
import { CommentStreams } from './modules/comments/comment.stream';
import { LikeAnnouncer } from './modules/comments/like.announcer';
import { createLearnedCache, type LearnedCache } from './modules/moderation/learning.service';
import { createSiteCalibration, resetSiteCalibration, type SiteCalibration } from './modules/moderation/site-calibration.service';
import { createSlowModeGate, type SlowModeGate } from './modules/moderation/slow-mode';
import { PendingTasks, SHUTDOWN_WAIT_MS } from './modules/notifications/notification.tasks';
import { PageCache } from './infra/page-cache';
import { MemoryPubSub, RedisPubSub, type PubSub } from './infra/pubsub';
import { ClusterPubSub } from './infra/cluster-pubsub';
import { isClusterWorker } from './cluster';
import { findSetting, upsertSetting } from './infra/settings.repository';

/** The clock; tests may pass their own. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Everything a service needs, built once at start-up and passed down (first argument). */
export interface Deps {
  config: Config;
  db: Db['db'];
  dialect: Db['dialect'];
  database: Db;
  clock: Clock;
  log: Logger;
  pubsub: PubSub;
  mailer: Mailer;
  cache: PageCache;
  /** Signs cookies and tokens; from PALABRE_SECRET or generated once and kept in the database. */
  secret: string;
  /** In-process events between modules. */
  hooks: Hooks;
  // Per-process state of the modules: made here, released by closeDeps, never in module-level maps.
  /** New comments waiting for their group's transaction (comments, comment.batch.ts). */
  comments: CommentWriter;
  /** Open live streams of discussions (comments), ended before the server closes. */
  streams: CommentStreams;
  /** Like counts waiting to be announced on live streams (comments). */
  likes: LikeAnnouncer;
  /** Reply emails being sent outside any request (notifications). */
  replyMails: PendingTasks;
  /** The site-taught weights of the moderation models, kept up to date from the database (moderation). */
  learned: LearnedCache;
  /** The models' thresholds recalibrated on the site's legitimate comments (moderation). */
  calibration: SiteCalibration;
  /** Who posted where lately, for slow mode (moderation); shared through Redis when set. */
  slowMode: SlowModeGate;
}

export interface DepsOptions {
  clock?: Clock;
  log?: Logger;
  /** PostgreSQL schema (tests). */
  schema?: string;
  mailer?: Mailer;
  pubsub?: PubSub;
}

/** Opens the database, migrates it, and builds the shared services. */
export async function createDeps(config: Config, opts: DepsOptions = {}): Promise<Deps> {
  const log =
    opts.log ??
    pino({
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.body'], remove: true },
    });
  const database = await connect(config.databaseUrl, opts.schema ? { schema: opts.schema } : {});
  await migrate(database);
  const secret = config.secret ?? (await loadOrCreateSecret(database));
  const clock = opts.clock ?? systemClock;
  const pubsub = opts.pubsub ?? (config.redisUrl ? new RedisPubSub(config.redisUrl, config.redisPrefix) : isClusterWorker() ? new ClusterPubSub() : new MemoryPubSub());
  const cache = new PageCache(pubsub, () => clock.now().getTime());
  await cache.start();
  const host = new URL(config.baseUrl).hostname;
  const mailer = opts.mailer ?? createMailer(config.smtpUrl, `Palabre <no-reply@${host}>`, log);
  const deps: Deps = { config, db: database.db, dialect: database.dialect, database, clock, log, pubsub, mailer, cache,
    secret,
    hooks: new Hooks(),
    comments: new CommentWriter(),
    streams: new CommentStreams(),
    likes: new LikeAnnouncer(),
    replyMails: new PendingTasks(),
    learned: createLearnedCache(),
    calibration: createSiteCalibration(),
    slowMode: createSlowModeGate(config.redisUrl, config.redisPrefix, clock),
  };
  installModuleHooks(deps);
  return deps;
}

async function loadOrCreateSecret(database: Db): Promise<string> {
  const existing = await findSetting<string>(database.db, 'secret');
  if (existing) return existing;
  const secret = randomBytes(32).toString('base64url');
  await database.db
    .insertInto('settings')
    .values({ key: 'secret', value: JSON.stringify(secret) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Another instance may have won the race: read back what is stored.
  return (await findSetting<string>(database.db, 'secret')) ?? secret;
}

/** Closes everything createDeps opened. */
export async function closeDeps(deps: Deps): Promise<void> {
  deps.streams.closeAll();
  await deps.comments.settled();
  deps.likes.close();
  await deps.replyMails.settledWithin(SHUTDOWN_WAIT_MS);
  // A refresh of the site's calibration under way reads the database: let it end first.
  await deps.calibration.running;
  deps.learned.clear();
  resetSiteCalibration(deps.calibration);
  await deps.slowMode.close();
  deps.cache.stop();
  deps.mailer.close();
  await deps.pubsub.close();
  await deps.database.close();
}

export { upsertSetting };
