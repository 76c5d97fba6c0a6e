// Webhook delivery through the embedded event runner to a local HTTP receiver (which checks
// every signature with the reference library, npm standardwebhooks, and answers 200):
//   throughput  N interview.created events of K accounts (one endpoint each) are published
//               first, then a runner with only deliver-webhooks starts; time until the receiver
//               has every one → deliveries/s, for each runner concurrency.
//   latency     the runner idle; one event per transaction at --rate events/s for --seconds;
//               latency = the receiver's arrival time − the moment just before the publishing
//               transaction's COMMIT → p50/p95/p99 (one process, one clock).
//
//   npm run bench:webhooks -- [--events 2000] [--accounts 50] [--rate 50] [--seconds 10] [--concurrency 10,50] [--no-docs]
//
// Database: `intervue_bench_webhooks` on 127.0.0.1:5432, dropped and re-created on every run.
// Results: stdout and docs/benchmarks.md between the markers of "Webhook delivery".
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { machine, writeSection } from "./candidate-app";

const { values: opts } = parseArgs({
  options: {
    server: { type: "string", default: "postgresql://postgres@127.0.0.1:5432" },
    database: { type: "string", default: "intervue_bench_webhooks" },
    events: { type: "string", default: "2000" },
    accounts: { type: "string", default: "50" },
    rate: { type: "string", default: "50" },
    seconds: { type: "string", default: "10" },
    concurrency: { type: "string", default: "10,50" },
    "no-docs": { type: "boolean", default: false },
  },
});
const N = Number(opts.events);
const ACCOUNTS = Number(opts.accounts);
const RATE = Number(opts.rate);
const SECONDS = Number(opts.seconds);
const CONCURRENCIES = opts.concurrency.split(",").map(Number);

// The receiver is on 127.0.0.1: the address guard is off for this process (as for self-hosting).
process.env.WEBHOOKS_ALLOW_PRIVATE = "true";
const dbUrl = new URL(opts.server);
dbUrl.pathname = `/${opts.database}`;
process.env.DATABASE_URL = dbUrl.toString();
{
  const u = new URL(opts.server);
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${opts.database.replace(/"/g, "")}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${opts.database.replace(/"/g, "")}"`);
  await admin.end();
}

const { getDb, getDbHandle } = await import("@/lib/db/client");
const { migrate } = await import("@/lib/db/migrate");
const { publish } = await import("@/lib/events/publish");
const { describeFunction } = await import("@/lib/engine/functions");
const { EventRunner } = await import("@/lib/engine/runner");
const { deliverWebhooksFn } = await import("@/inngest/functions/deliver-webhooks");
const { createWebhookEndpoint } = await import("@/lib/server/webhooks/create-webhook-endpoint");
const { signUp } = await import("@/lib/server/users/sign-up");

await migrate();
const db = await getDb();
const handle = await getDbHandle();

// ───────────── the receiver ─────────────

const arrivals = new Map<string, number>();
const secrets = new Map<string, Webhook>();
let badSignatures = 0;
const server = http.createServer((req, res) => {
  const at = performance.now();
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const id = String(req.headers["webhook-id"]);
    try {
      secrets.get(req.url ?? "")!.verify(Buffer.concat(chunks).toString("utf8"), req.headers as Record<string, string>);
    } catch {
      badSignatures++;
    }
    if (!arrivals.has(id)) arrivals.set(id, at);
    res.writeHead(200).end();
  });
});
server.keepAliveTimeout = 30_000;
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// ───────────── accounts, each with one endpoint ─────────────

const users: { id: string }[] = [];
for (let i = 0; i < ACCOUNTS; i++) {
  const user = await signUp({ input: { fullName: `Bench ${i}`, companyName: "Bench Co", email: `bench-webhooks-${i}@example.com`, password: "correct horse battery" } });
  const path = `/hooks/${i}`;
  const endpoint = await createWebhookEndpoint({ actor: user, input: { url: base + path, eventTypes: ["interview.created"] } });
  secrets.set(path, new Webhook(endpoint.secret));
  users.push(user);
}
// Sign-up events are not this benchmark's: handed over already.
await handle.query("UPDATE events SET relayed_at = now() WHERE relayed_at IS NULL");

const quiet = { info() {}, warn: console.warn, error: console.error };
const described = describeFunction(deliverWebhooksFn);

function interviewCreated(userId: string) {
  return {
    eventType: "interview.created" as const,
    userId,
    data: { interviewId: randomUUID(), title: "Bench interview", questionsCount: 3, createdAt: new Date().toISOString() },
  };
}

async function waitFor(ids: string[], timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (ids.some((id) => !arrivals.has(id))) {
    if (performance.now() > deadline) throw new Error(`only ${ids.filter((id) => arrivals.has(id)).length} of ${ids.length} deliveries arrived`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

// ───────────── throughput ─────────────

type Throughput = { concurrency: number; events: number; seconds: number; perSecond: number };
const throughput: Throughput[] = [];
for (const concurrency of CONCURRENCIES) {
  const ids: string[] = [];
  for (let i = 0; i < N; i += 100) {
    await db.$transaction(async (tx) => {
      for (let j = i; j < Math.min(N, i + 100); j++) ids.push((await publish(tx, interviewCreated(users[j % ACCOUNTS]!.id))).eventId);
    });
  }
  const runner = new EventRunner({ functions: [described], concurrency, logger: quiet });
  const t0 = performance.now();
  await runner.start();
  await waitFor(ids, 10 * 60_000);
  const seconds = (performance.now() - t0) / 1000;
  await runner.stop();
  throughput.push({ concurrency, events: N, seconds, perSecond: N / seconds });
  console.log(`[bench] throughput, concurrency ${concurrency}: ${N} deliveries in ${seconds.toFixed(2)} s = ${(N / seconds).toFixed(0)}/s`);
}

// ───────────── latency ─────────────

const runner = new EventRunner({ functions: [described], logger: quiet });
await runner.start();
await new Promise((r) => setTimeout(r, 1000));
const committed = new Map<string, number>();
const total = Math.round(RATE * SECONDS);
const tStart = performance.now();
for (let i = 0; i < total; i++) {
  const due = tStart + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  let at = 0;
  const event = await db.$transaction(async (tx) => {
    const e = await publish(tx, interviewCreated(users[i % ACCOUNTS]!.id));
    at = performance.now();
    return e;
  });
  committed.set(event.eventId, at);
}
await waitFor([...committed.keys()], 60_000);
await runner.stop();
const latencies = [...committed].map(([id, at]) => arrivals.get(id)! - at).sort((a, b) => a - b);
const lat = { p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), max: latencies.at(-1)! };
console.log(`[bench] latency at ${RATE}/s: p50 ${lat.p50.toFixed(1)} ms, p95 ${lat.p95.toFixed(1)} ms, p99 ${lat.p99.toFixed(1)} ms`);

const delivered = (await handle.query<{ n: number }>("SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'delivered'"))[0]!.n;
if (badSignatures > 0) throw new Error(`${badSignatures} requests failed signature verification`);
server.close();

// ───────────── report ─────────────

const section = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${await machine()}. \`npm run bench:webhooks\` (embedded runner, PostgreSQL, a local HTTP receiver on 127.0.0.1 that checks every signature with npm \`standardwebhooks\` and answers 200 at once; ${ACCOUNTS} accounts with one endpoint each, \`interview.created\`).`,
  "",
  "| runner concurrency | deliveries | time | deliveries/s |",
  "|---:|---:|---:|---:|",
  ...throughput.map((t) => `| ${t.concurrency} | ${t.events.toLocaleString("en-US")} | ${t.seconds.toFixed(2)} s | ${t.perSecond.toFixed(0)} |`),
  "",
  `Latency from the publishing transaction's COMMIT to the receiver, ${total} events at ${RATE}/s (runner concurrency 10, idle and listening): p50 **${lat.p50.toFixed(0)} ms**, p95 **${lat.p95.toFixed(0)} ms**, p99 ${lat.p99.toFixed(0)} ms, max ${lat.max.toFixed(0)} ms.`,
  "",
  `Every request's signature verified (${delivered.toLocaleString("en-US")} deliveries recorded as delivered). Per delivery the runner claims it, runs the "plan" step (one SQL statement: the owner's endpoints of the type, and the delivery rows) and one "send" step per endpoint (the signed POST and its record), each step memoised in PostgreSQL. One delivery at a time per partition key (the account here), so a receiver slower than this one adds its own time per event within an account; retries sleep without holding up the account's later events.`,
].join("\n");
console.log(section);
if (!opts["no-docs"]) await writeSection("webhooks", "## Webhook delivery", section);
process.exit(0);
