import type { Transaction } from 'kysely';
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
};

export type JobHandler = (ctx: JobContext) => Promise<void>;

export type JobHandlers = Record<string, JobHandler>;

/** A job every worker schedules once per `everyMs` bucket (deduplicated across workers). */
export type PeriodicJob = { kind: string; everyMs: number; payload?: Record<string, unknown> };
