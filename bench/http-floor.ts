import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';

// The floor under the load target (issue 9: POST /claims ≥ 60 % of hello world's req/s, p99 ≤ 25 ms
// at 100 connections). Two bare Fastify apps that do the least ANY durable claim submission must
// do — validate the JSON body against a schema and write it to PostgreSQL before answering — and
// nothing else: no authentication, no assessment, no claim number, no audit chain, no work item.
//  (d) one INSERT per request (autocommit), as a synchronous registration does at minimum;
//  (e) group commit: requests that arrive while a write is in flight are written together in the
//      next multi-row INSERT, one round trip and one commit for all of them.
// Whatever the full route does costs more than these; if a floor is below 60 % of hello world in
// the same run, no implementation that acknowledges a claim only once it is stored can meet the
// target on this machine.

const BODY_SCHEMA = {
  type: 'object',
  required: ['customerId', 'policyId', 'incidentDate', 'description', 'channel', 'lines'],
  additionalProperties: false,
  properties: {
    customerId: { type: 'string', format: 'uuid' },
    policyId: { type: 'string', format: 'uuid' },
    incidentDate: { type: 'string', format: 'date' },
    description: { type: 'string', minLength: 1, maxLength: 4000 },
    channel: { type: 'string', enum: ['phone', 'email', 'letter', 'portal', 'api'] },
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        required: ['benefitCode', 'description', 'serviceDate', 'amountMinor', 'currency'],
        additionalProperties: false,
        properties: {
          benefitCode: { type: 'string', maxLength: 40 },
          description: { type: 'string', maxLength: 400 },
          serviceDate: { type: 'string', format: 'date' },
          amountMinor: { type: 'integer', minimum: 1 },
          currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        },
      },
    },
  },
} as const;

export type FloorApps = { apps: FastifyInstance[]; close: () => Promise<void> };

export async function buildFloorApps(databaseUrl: string): Promise<FloorApps> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, body jsonb NOT NULL)');

  const single = Fastify({ logger: false });
  single.post('/claims', { schema: { body: BODY_SCHEMA } }, async (req, reply) => {
    const { rows } = await pool.query<{ id: string }>(
      'INSERT INTO bench_floor (body) VALUES ($1) RETURNING id',
      [req.body],
    );
    return reply.status(201).send({ id: rows[0]?.id });
  });

  const grouped = Fastify({ logger: false });
  const commit = groupCommit(pool);
  grouped.post('/claims', { schema: { body: BODY_SCHEMA } }, async (req, reply) => {
    const id = await commit(req.body);
    return reply.status(201).send({ id });
  });

  return {
    apps: [single, grouped],
    close: async () => {
      await single.close();
      await grouped.close();
      await pool.end();
    },
  };
}

/** Natural batching: no timer; whatever queued up during the previous write goes in the next. */
function groupCommit(pool: pg.Pool): (body: unknown) => Promise<string> {
  type Pending = { body: unknown; resolve: (id: string) => void; reject: (e: unknown) => void };
  let queue: Pending[] = [];
  let writing = false;
  const flush = async () => {
    writing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        const { rows } = await pool.query<{ id: string }>(
          'INSERT INTO bench_floor (body) SELECT * FROM unnest($1::jsonb[]) RETURNING id',
          [batch.map((p) => JSON.stringify(p.body))],
        );
        for (const [i, p] of batch.entries()) p.resolve(rows[i]?.id ?? '');
      } catch (e) {
        for (const p of batch) p.reject(e);
      }
    }
    writing = false;
  };
  return (body) =>
    new Promise((resolve, reject) => {
      queue.push({ body, resolve, reject });
      if (!writing) void flush();
    });
}
