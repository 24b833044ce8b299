import { type Kysely, sql } from 'kysely';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Database } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import type { DB } from '../src/db/schema.ts';
import { seedDemo } from '../src/db/seed/seed-demo.ts';
import { type ReceivedEmail, startSmtpIntake } from '../src/modules/inbound/index.ts';
import { onEachEngine } from './each-engine.ts';
import { describeMachine, type Figure, mergeFigures, writeDocSection } from './results.ts';

// Benchmark 5 — the email intake (issue 6): a burst of MESSAGES emails (default 1,000; quick 100)
// sent over real SMTP by nodemailer (a pool of CONNECTIONS concurrent connections) to the intake
// server (smtp-server → mailparser → matching → one transaction per message), on PGlite (the
// embedded default) and on a throw-away PostgreSQL 15, after the demo data is seeded (1,000
// customers with claims, so the matcher has real numbers and addresses to find).
//
// The mix: a third are replies with a real claim number in the subject (half with a PDF, which
// becomes two documents: on the message and on the claim), a third come from a demo customer's
// address, a third from strangers (triage items). DUPLICATE_SHARE of them (5 %) are sent a second
// time, interleaved with the rest. Correctness (the run fails otherwise): exactly MESSAGES rows
// with the burst's Message-IDs, none twice, and every second delivery reported as a duplicate.
//
// Peer (the ceiling): the same raw messages parsed by mailparser alone, in one process, with no
// SMTP and no storage. ratio = ours ÷ peer (messages per second; higher is better).

export type EmailBenchOptions = {
  quick?: boolean;
  messages?: number;
  write?: boolean;
  log?: (l: string) => void;
};
export type EmailBenchResult = { failures: string[]; figures: Figure[] };

const CONNECTIONS = 4;
const DUPLICATE_SHARE = 0.05;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

type Outgoing = { messageId: string; from: string; raw: Buffer; duplicate: boolean };
type EngineResult = {
  engine: string;
  messages: number;
  deliveries: number;
  seconds: number;
  perSecond: number;
  peerSeconds: number;
  peerPerSecond: number;
  statuses: Record<string, number>;
  documents: number;
};

export async function runEmailBench(opts: EmailBenchOptions = {}): Promise<EmailBenchResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const loadAtStart = describeMachine().loadAverage;
  const messages = opts.messages ?? (opts.quick ? 100 : 1_000);
  const failures: string[] = [];
  log(
    `email: a burst of ${messages} messages (+${Math.round(messages * DUPLICATE_SHARE)} sent twice) over SMTP, ${CONNECTIONS} connections`,
  );

  const results = await onEachEngine('email', log, (engine, database) =>
    runOn(engine, database, messages, failures, log),
  );

  for (const r of results) {
    log(
      `  ${r.engine}: ${r.messages} stored from ${r.deliveries} deliveries in ${r.seconds.toFixed(2)} s = ${r.perSecond.toFixed(1)} msg/s · peer (mailparser alone) ${r.peerPerSecond.toFixed(0)} msg/s · ours/peer ${(r.perSecond / r.peerPerSecond).toFixed(4)} · ${JSON.stringify(r.statuses)}, ${r.documents} documents`,
    );
  }
  if (opts.write) {
    mergeFigures(toFigures(results, failures));
    const seconds = Math.round((performance.now() - started) / 1000);
    writeDocSection('email', doc(results, messages, seconds, loadAtStart, failures));
  }
  return { failures, figures: toFigures(results, failures) };
}

async function runOn(
  engine: string,
  database: Database,
  messages: number,
  failures: string[],
  log: (l: string) => void,
): Promise<EngineResult> {
  let t = performance.now();
  await migrate(database);
  await seedDemo(database.db);
  await sql`ANALYZE`.execute(database.db);
  const outgoing = await composeBurst(database.db, messages);
  log(`  ${engine}: migrated, demo seeded, ${outgoing.length} messages composed (${secs(t)} s)`);

  const received: ReceivedEmail[] = [];
  const intake = await startSmtpIntake({
    db: database.db,
    host: '127.0.0.1',
    port: 0,
    maxBytes: 25 * 1024 * 1024,
    maxClients: CONNECTIONS * 2,
    onReceived: (r) => received.push(r),
  });
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: intake.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  try {
    t = performance.now();
    const sent = await Promise.allSettled(
      outgoing.map((m) =>
        transport.sendMail({ envelope: { from: m.from, to: ['claims@claimdesk.example'] }, raw: m.raw }),
      ),
    );
    const seconds = (performance.now() - t) / 1000;
    const refused = sent.filter((s) => s.status === 'rejected');
    if (refused.length > 0) {
      failures.push(
        `${engine}: ${refused.length} deliveries refused (${String((refused[0] as PromiseRejectedResult).reason)})`,
      );
    }
    const ids = [...new Set(outgoing.map((m) => m.messageId))];
    const counted = await sql<{ n: number; distinct_ids: number }>`
      SELECT count(*)::int AS n, count(DISTINCT message_id)::int AS distinct_ids
      FROM inbound_messages WHERE message_id = ANY(${ids}::text[])`.execute(database.db);
    const { n = 0, distinct_ids = 0 } = counted.rows[0] ?? {};
    if (n !== messages) failures.push(`${engine}: ${n} rows stored for ${messages} messages`);
    if (distinct_ids !== n) failures.push(`${engine}: ${n - distinct_ids} messages stored twice`);
    const duplicatesSent = outgoing.filter((m) => m.duplicate).length;
    const duplicatesSeen = received.filter((r) => r.duplicate).length;
    if (duplicatesSeen !== duplicatesSent)
      failures.push(`${engine}: ${duplicatesSeen} deliveries reported as duplicates, ${duplicatesSent} sent`);
    const statuses = await database.db
      .selectFrom('inbound_messages')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('message_id', 'in', ids)
      .groupBy('status')
      .execute();
    const documents = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM documents WHERE source = 'email'`.execute(database.db);

    // Peer: the same bytes through mailparser alone.
    t = performance.now();
    for (const m of outgoing) await simpleParser(m.raw);
    const peerSeconds = (performance.now() - t) / 1000;
    return {
      engine,
      messages,
      deliveries: outgoing.length,
      seconds,
      perSecond: messages / seconds,
      peerSeconds,
      peerPerSecond: outgoing.length / peerSeconds,
      statuses: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
      documents: documents.rows[0]?.n ?? 0,
    };
  } finally {
    transport.close();
    await intake.close();
  }
}

/** The burst, as raw MIME (so ours and the peer read the same bytes), duplicates interleaved. */
async function composeBurst(db: Kysely<DB>, messages: number): Promise<Outgoing[]> {
  const claims = await db
    .selectFrom('claims')
    .select('claim_number')
    .orderBy('claim_number')
    .limit(300)
    .execute();
  const customers = await db
    .selectFrom('customers')
    .select('email')
    .where('email', 'is not', null)
    .orderBy('customer_number')
    .limit(300)
    .execute();
  const out: Outgoing[] = [];
  for (let i = 0; i < messages; i++) {
    const messageId = `<bench-${i}-${Date.now().toString(36)}@mail.bench.example>`;
    const kind = i % 3;
    const claim = claims[i % Math.max(1, claims.length)]?.claim_number ?? 'CLM-2026-000001';
    const from =
      kind === 1
        ? (customers[i % Math.max(1, customers.length)]?.email ?? `c${i}@bench.example`)
        : `sender${i}@bench.example`;
    const mail =
      kind === 0
        ? {
            subject: `Re: Skadeanmälan ${claim} – kvitto för åtgärd`,
            text: `Hej! Här kommer kvittot för ${claim}. Med vänliga hälsningar`,
            ...(i % 2 === 0 ? { attachments: [{ filename: `kvitto-${i}.pdf`, content: PDF }] } : {}),
          }
        : kind === 1
          ? {
              subject: 'Domanda sulla polizza',
              text: 'Buongiorno, è possibile sapere lo stato della pratica? Grazie',
            }
          : {
              subject: `Question ${i}`,
              text: 'Hello, I would like some information about my insurance, please.',
            };
    const raw = await new MailComposer({ from, to: 'claims@claimdesk.example', messageId, ...mail })
      .compile()
      .build();
    out.push({ messageId, from, raw, duplicate: false });
  }
  // Every twentieth message again, later in the burst (a sending server's retry).
  const again = out
    .filter((_, i) => i % Math.round(1 / DUPLICATE_SHARE) === 0)
    .map((m) => ({ ...m, duplicate: true }));
  const burst = [...out];
  for (const [k, d] of again.entries()) burst.splice(Math.min(burst.length, (k + 1) * 21), 0, d);
  return burst;
}

function toFigures(results: EngineResult[], failures: string[]): Figure[] {
  const now = new Date().toISOString();
  return results.map((r) => {
    const key = r.engine.startsWith('PGlite') ? 'pglite' : 'postgres';
    const lost = failures.some((f) => f.startsWith(r.engine));
    return {
      name: `email.intake_messages_per_s.${key}`,
      value: round(r.perSecond),
      unit: 'messages/s',
      peer: 'mailparser alone (parse only: no SMTP, no storage)',
      peer_value: round(r.peerPerSecond),
      ratio: Math.round((r.perSecond / r.peerPerSecond) * 10_000) / 10_000,
      better: 'higher',
      target: `a burst of ${r.messages}: none lost, none duplicated`,
      met: !lost,
      note: `${r.messages} messages (${r.deliveries} deliveries, ${r.deliveries - r.messages} of them repeats) over SMTP with ${CONNECTIONS} nodemailer connections, each parsed, matched and stored in one transaction (${r.documents} documents); ${r.engine}`,
      measured_at: now,
    };
  });
}

function doc(
  results: EngineResult[],
  messages: number,
  seconds: number,
  loadAtStart: number,
  failures: string[],
): string {
  const m = describeMachine();
  const rows = results
    .map(
      (r) =>
        `| ${r.engine} | ${r.messages.toLocaleString('en')} | ${r.deliveries.toLocaleString('en')} | ${r.seconds.toFixed(2)} | **${r.perSecond.toFixed(1)}** | ${r.peerPerSecond.toFixed(0)} | ${(r.perSecond / r.peerPerSecond).toFixed(4)} | ${r.statuses.matched ?? 0} / ${r.statuses.triage ?? 0} / ${r.statuses.rejected ?? 0} | ${failures.some((f) => f.startsWith(r.engine)) ? '**failed**' : 'none lost, none twice'} |`,
    )
    .join('\n');
  return `## Email intake

Measured ${new Date().toISOString().slice(0, 10)} on ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node};
1-minute load average ${loadAtStart} at the start and ${m.loadAverage} at the end. Whole run (set-up
included): ${seconds} s.

| engine | messages | deliveries | seconds | ours msg/s | peer msg/s | ours ÷ peer | matched / triage / rejected | burst |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |
${rows}

**What is timed.** A burst of ${messages.toLocaleString('en')} emails sent by nodemailer over real SMTP (a pool of
${CONNECTIONS} connections) to the intake server (\`startSmtpIntake\`: smtp-server, mailparser, the attachment
policy, the matcher's set-based look-ups, and one transaction per message with its documents, case message or
triage item and audit events; 250 only after the commit), from the first connection to the last reply. The demo
data (1,000 customers with claims) is seeded first. A third of the messages are replies with a real claim number
in the subject (half with a PDF), a third come from a demo customer's address, a third from strangers; 5 % are
sent a second time later in the burst. **Peer (the ceiling):** the same raw messages parsed by mailparser alone,
one after the other in one process, without SMTP or storage. The run fails unless exactly ${messages.toLocaleString('en')}
rows carry the burst's Message-IDs, none twice, and every repeat was reported as a duplicate.

Reproduce: \`npm run bench -- --only email\`, or \`node bench/email-run.ts [--messages N]\`.`;
}

const round = (v: number) => Math.round(v * 100) / 100;
const secs = (t: number) => ((performance.now() - t) / 1000).toFixed(1);
