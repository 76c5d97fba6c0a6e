// Benchmark, run by hand (not a test): do the embedded runner's tables stay bounded under a
// steady load once completed deliveries are pruned (lib/engine/retention.ts)?
//
//   npx tsx --conditions=react-server bench/engine-retention.ts [--rate 200] [--seconds 120]
//        [--retention-seconds 20] [--maintenance-seconds 5] [--no-docs]
//
// Two runs on a fresh database each (`intervue_bench_retention` on 127.0.0.1:5432, dropped and
// re-created): the same steady publish rate to a no-op consumer, once with retention and once
// without. Every 10 s it samples the row counts and on-disk sizes of deliveries,
// delivery_attempts and delivery_steps. Results go to stdout and, between generated markers,
// into docs/benchmarks.md.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";

const { values: opts } = parseArgs({
  options: {
    server: { type: "string", default: "postgres://postgres@127.0.0.1:5432" },
    database: { type: "string", default: "intervue_bench_retention" },
    rate: { type: "string", default: "200" },
    seconds: { type: "string", default: "120" },
    "retention-seconds": { type: "string", default: "20" },
    "maintenance-seconds": { type: "string", default: "5" },
    "no-docs": { type: "boolean", default: false },
    // Skip the run without retention (the baseline): for long runs of the retention case alone.
    "no-baseline": { type: "boolean", default: false },
  },
});
const RATE = Number(opts.rate);
const SECONDS = Number(opts.seconds);
const RETENTION_MS = Number(opts["retention-seconds"]) * 1000;
const MAINTENANCE_MS = Number(opts["maintenance-seconds"]) * 1000;
const SAMPLE_MS = 10_000;
const root = path.resolve(import.meta.dirname, "..");

const serverUrl = new URL(opts.server);
const dbUrl = new URL(opts.server);
dbUrl.pathname = `/${opts.database}`;

async function admin(sql: string) {
  const u = new URL(opts.server);
  u.pathname = "/postgres";
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

// The app reads DATABASE_URL once, at import: set it before loading anything of ours.
process.env.DATABASE_URL = dbUrl.toString();
const { getDb, getDbHandle, closeDb } = await import("@/lib/db/client");
const { migrate } = await import("@/lib/db/migrate");
const { publish } = await import("@/lib/events/publish");
const { EventRunner } = await import("@/lib/engine/runner");
const { describeFunction } = await import("@/lib/engine/functions");
const { inngest, subscribe } = await import("@/lib/engine/inngest-client");

type Sample = { t: number; deliveries: number; attempts: number; steps: number; bytes: number; published: number; completed: number };

const noop = inngest.createFunction({ id: "bench-retention", ...subscribe("interview.created") }, async ({ step }) => {
  // One memoised step, as a real consumer has: its row is pruned with the delivery.
  await step.run("work", () => 1);
});

async function sample(t0: number, published: number): Promise<Sample> {
  const handle = await getDbHandle();
  const [row] = await handle.query<{ d: number; a: number; s: number; bytes: string; c: number }>(
    `SELECT (SELECT count(*)::int FROM deliveries) AS d,
            (SELECT count(*)::int FROM delivery_attempts) AS a,
            (SELECT count(*)::int FROM delivery_steps) AS s,
            (pg_total_relation_size('deliveries') + pg_total_relation_size('delivery_attempts')
              + pg_total_relation_size('delivery_steps'))::text AS bytes,
            (SELECT count(*)::int FROM deliveries WHERE status = 'completed') AS c`,
  );
  return { t: Math.round((Date.now() - t0) / 1000), deliveries: row!.d, attempts: row!.a, steps: row!.s, bytes: Number(row!.bytes), published, completed: row!.c };
}

async function run(retentionMs: number | null): Promise<Sample[]> {
  await admin(`DROP DATABASE IF EXISTS "${opts.database}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${opts.database}"`);
  await migrate();
  const runner = new EventRunner({
    functions: [describeFunction(noop)],
    retentionMs,
    maintenanceMs: MAINTENANCE_MS,
    logger: { info() {}, warn: console.warn, error: console.error },
  });
  await runner.start();
  const db = await getDb();
  const t0 = Date.now();
  const samples: Sample[] = [];
  let published = 0;
  let nextSample = t0 + SAMPLE_MS;
  const userIds = Array.from({ length: 50 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
  while (Date.now() - t0 < SECONDS * 1000) {
    // Up to 20 events per transaction, as many as the rate says are due (the publisher catches
    // up in batches rather than falling behind on one round trip per event).
    const due = Math.floor(((Date.now() - t0) / 1000) * RATE);
    const batch = Math.min(20, due - published);
    if (batch > 0) {
      await db.$transaction(async (tx) => {
        for (let i = 0; i < batch; i++, published++) {
          const userId = userIds[published % userIds.length]!;
          await publish(tx, {
            eventType: "interview.created",
            userId,
            data: { interviewId: userId, title: `bench ${published}`, questionsCount: 1, createdAt: new Date().toISOString() },
          });
        }
      });
    }
    if (Date.now() >= nextSample) {
      samples.push(await sample(t0, published));
      nextSample += SAMPLE_MS;
    }
    if (batch < 20) await new Promise((res) => setTimeout(res, 5));
  }
  samples.push(await sample(t0, published));
  await runner.stop();
  await closeDb();
  return samples;
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

function table(samples: Sample[]): string {
  const lines = ["| t (s) | events published | deliveries | attempts | steps | on disk (MB) |", "|---:|---:|---:|---:|---:|---:|"];
  for (const s of samples) lines.push(`| ${s.t} | ${s.published.toLocaleString("en")} | ${s.deliveries.toLocaleString("en")} | ${s.attempts.toLocaleString("en")} | ${s.steps.toLocaleString("en")} | ${mb(s.bytes)} |`);
  return lines.join("\n");
}

console.log(`steady load: ${RATE} events/s for ${SECONDS} s, one no-op consumer with one step`);
const kept = opts["no-baseline"] ? [] : await run(null);
if (kept.length > 0) console.log(`\nwithout retention\n${table(kept)}`);
const pruned = await run(RETENTION_MS);
console.log(`\nwith retention ${RETENTION_MS / 1000} s (maintenance every ${MAINTENANCE_MS / 1000} s)\n${table(pruned)}`);
await admin(`DROP DATABASE IF EXISTS "${opts.database}" WITH (FORCE)`);

// Bounded: after the first retention period, the row count stays under what that period and
// one maintenance interval can accumulate.
const bound = Math.ceil(((RETENTION_MS + MAINTENANCE_MS + SAMPLE_MS) / 1000) * RATE * 1.2);
const steady = pruned.filter((s) => s.t * 1000 > RETENTION_MS + MAINTENANCE_MS);
const maxRows = Math.max(...steady.map((s) => s.deliveries));
const rows = maxRows <= bound ? `rows bounded: at most ${maxRows.toLocaleString("en")} deliveries after the first period (bound ${bound.toLocaleString("en")})` : `rows NOT bounded: ${maxRows} > ${bound}`;
// Disk: deleted rows leave dead tuples until (auto)vacuum makes their space reusable, so the
// size can keep growing for a while; say what it did over the second half of the run.
const half = pruned.filter((s) => s.t >= SECONDS / 2);
const disk = half.length >= 2 ? `on disk ${mb(half[0]!.bytes)} MB at ${half[0]!.t} s → ${mb(half.at(-1)!.bytes)} MB at ${half.at(-1)!.t} s` : "";
const verdict = [rows, disk].filter(Boolean).join("; ");
console.log(`\n${verdict}`);

if (!opts["no-docs"]) {
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  const BEGIN = "<!-- bench/engine-retention.ts: generated, replaced on every run -->";
  const END = "<!-- end bench/engine-retention.ts -->";
  const section = [
    BEGIN,
    "## Delivery retention under a steady load",
    "",
    `Date: ${new Date().toISOString().slice(0, 10)}. Machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL at ${serverUrl.host}. Commit ${commit}. ` +
      `Run: \`npx tsx --conditions=react-server bench/engine-retention.ts${process.argv.slice(2).length ? " " + process.argv.slice(2).join(" ") : ""}\`.`,
    "",
    `${RATE} events/s for ${SECONDS} s to a no-op consumer with one memoised step, on the embedded runner (default concurrency). Rows and on-disk size (tables + indexes + TOAST) of deliveries, delivery_attempts and delivery_steps, sampled every 10 s.`,
    "",
    ...(kept.length > 0 ? ["**Without retention** (everything kept):", "", table(kept), ""] : []),
    `**With retention ${RETENTION_MS / 1000} s** (\`retentionMs\`; the app's setting is EVENT_RETENTION_DAYS, default 14), maintenance every ${MAINTENANCE_MS / 1000} s:`,
    "",
    table(pruned),
    "",
    `Result: ${verdict}.`,
    END,
  ].join("\n");
  const file = path.join(root, "docs/benchmarks.md");
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  writeFileSync(file, start >= 0 && end > start ? text.slice(0, start) + section + text.slice(end + END.length) : `${text.trimEnd()}\n\n${section}\n`);
  console.log("docs/benchmarks.md updated");
}
