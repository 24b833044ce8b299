import { type LookupAddress, lookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkWebhookUrl, isForbiddenAddress, privateTarget, type TargetRules } from './webhook-target.ts';

// The one place we call a receiver. The address rules are enforced in the connection's own DNS
// lookup, so the address we check is the address we connect to (no gap for DNS rebinding between
// a check and the request). Redirects are not followed (a 3xx could point inside the network).

export type PostResult = {
  startedAt: Date;
  durationMs: number;
  /** The receiver's HTTP status, or null when none came (refused, timed out, reset). */
  status: number | null;
  error: string | null;
};

/** Resolves every address of `hostname`; fails if any is forbidden under `rules`. */
export function guardedLookup(rules: TargetRules): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const bad = rules.allowPrivateTargets
        ? undefined
        : addresses.find((a) => isForbiddenAddress(a.address));
      if (bad) {
        const refused = Object.assign(new Error(privateTarget(`${hostname} (${bad.address})`).message), {
          code: 'EWEBHOOKPRIVATE',
        });
        return callback(refused, '', 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 4);
      callback(null, first.address, first.family);
    });
  };
}

const DNS_CHECK_TIMEOUT_MS = 3_000;

/** Resolves a subscription's host now and checks each address (subscription time). */
export function checkResolvedTarget(url: string, rules: TargetRules): Promise<string | null> {
  if (rules.allowPrivateTargets) return Promise.resolve(null);
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    // A name that does not resolve (yet, or in time) is not refused here: every delivery checks
    // the addresses it connects to anyway. A slow resolver must not hold the request for long.
    const timer = setTimeout(() => resolve(null), DNS_CHECK_TIMEOUT_MS);
    guardedLookup(rules)(host, { all: true }, (error) => {
      clearTimeout(timer);
      if (!error) return resolve(null);
      resolve((error as NodeJS.ErrnoException).code === 'EWEBHOOKPRIVATE' ? error.message : null);
    });
  });
}

export function postWebhook(opts: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  rules: TargetRules;
}): Promise<PostResult> {
  const startedAt = new Date();
  const began = performance.now();
  const done = (status: number | null, error: string | null): PostResult => ({
    startedAt,
    durationMs: Math.round(performance.now() - began),
    status,
    error,
  });
  // Checked again at every delivery: the rules or the subscription may have changed since.
  const problem = checkWebhookUrl(opts.url, opts.rules);
  if (problem) return Promise.resolve(done(null, `refused: ${problem.message}`));
  const url = new URL(opts.url);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Claimdesk-Webhooks/1',
          ...opts.headers,
        },
        lookup: guardedLookup(opts.rules),
        // A fresh connection per delivery: a pooled socket would skip the guarded lookup.
        agent: false,
      },
      (res) => {
        // The status is all we keep; read (and drop) the body so the socket closes cleanly.
        res.on('data', () => {});
        res.on('end', () => finish(done(res.statusCode ?? null, null)));
        res.on('error', (error) => finish(done(res.statusCode ?? null, error.message)));
      },
    );
    // One deadline for connecting, sending and the whole response: a hanging receiver costs at
    // most timeoutMs of the worker's time.
    const timer = setTimeout(() => {
      req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    req.on('error', (error) => finish(done(null, error.message)));
    req.end(opts.body);
  });
}
