import type { Kysely, Transaction } from 'kysely';
import type { BaseLogger } from 'pino';
import type { DB } from '../db/schema.ts';

/** What a worker needs of a logger: pino's (Fastify's `app.log` is one) or anything shaped alike. */
export type JobLogger = Pick<BaseLogger, 'debug' | 'info' | 'warn' | 'error'> & {
  child?: (bindings: Record<string, unknown>) => JobLogger;
};

export type JobContext = {
  /**
   * The transaction that also marks the job done: write every effect through it, so the effects
   * and the job's completion commit together or not at all. Never write to the outside world
   * (mail, files, HTTP) from here directly; enqueue a job or an outbox row through `trx` instead.
   */
  trx: Transaction<DB>;
  job: {
    id: string | number;
    kind: string;
    payload: Record<string, unknown>;
    /** 1 on the first attempt; counts attempts whose worker crashed too. */
    attempts: number;
    /** When this attempt was due. */
    runAt: Date;
  };
  log: JobLogger;
  /** The database clock when the job was claimed. */
  now: Date;
  /** What the handler's `outside` step returned (undefined without one). */
  prepared?: unknown;
};

export type JobHandler = ((ctx: JobContext) => Promise<void>) & {
  /**
   * Optional work that must NOT hold a database session — a call to another system that may hang
   * (a webhook POST): run before the job's transaction opens, with the pool (reads or short writes
   * of its own), its result handed to the handler as `ctx.prepared`. It runs once per attempt and
   * may repeat if an attempt is retried or taken over, so its effect must tolerate repetition
   * (a webhook carries an event id for the receiver to deduplicate). A throw fails the attempt.
   */
  outside?: (ctx: OutsideJobContext) => Promise<unknown>;
};

/** What `JobHandler.outside` gets: the database (no transaction), the job and a logger. */
export type OutsideJobContext = { db: Kysely<DB>; job: JobContext['job']; log: JobLogger };

export type JobHandlers = Record<string, JobHandler>;

/** A job every worker schedules once per `everyMs` bucket (deduplicated across workers). */
export type PeriodicJob = { kind: string; everyMs: number; payload?: Record<string, unknown> };
