// The events explorer on 1,000,000 events: seeds a benchmark database (once), then runs every
// query the explorer's use cases run with EXPLAIN (ANALYZE, BUFFERS), checks that none reads
// a whole table (no Seq Scan on events or deliveries), and times the use cases themselves.
//
//   npx tsx --conditions=react-server bench/events-explorer.ts [--reseed]
//
// DATABASE_URL defaults to postgresql://postgres@127.0.0.1:5432/intervue_bench; the database is
// created and migrated if missing. Seeding TRUNCATEs the event tables, so a database whose name
// does not contain "bench" is refused. Results: docs/benchmarks.md, "Events explorer on 1M events".
import { performance } from "node:perf_hooks";
import pg from "pg";
import { catalog, eventTypes, type EventType } from "@/lib/events/catalog";

const DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/intervue_bench";
process.env.DATABASE_URL ||= DEFAULT_URL;
const url = new URL(process.env.DATABASE_URL);
const dbName = decodeURIComponent(url.pathname.slice(1));
if (!/bench/i.test(dbName)) {
  console.error(`[bench] refusing to seed "${dbName}": the benchmark truncates the event tables. Use a database named *bench*.`);
  process.exit(1);
}

const TOTAL = 1_000_000;
const OWNERS = 2_000;
/** Every 10th request belongs to owner 0: 100,000 events. The other 1,999 share the rest (~450 each). */
const EVENTS_PER_REQUEST = 4;
const RUNS = 15;
const reseed = process.argv.includes("--reseed");

// How often each type occurs, in percent (sums to 100): sign-ins and answers dominate.
const WEIGHTS: Record<EventType, number> = {
  "user.authenticated": 20,
  "user.logged_out": 15,
  "user.created": 1,
  "user.updated": 5,
  "user.avatar_uploaded": 1,
  "user.deleted": 0,
  "interview.created": 4,
  "interview.published": 2,
  "interview.completed": 1,
  "candidate.started": 5,
  "candidate.response_submitted": 15,
  "candidate.completed": 4,
  "candidate.reviewed": 0,
  "candidate.erased": 0,
  "media.uploaded": 8,
  "media.processed": 5,
  "media.deleted": 1,
  "analysis.requested": 0,
  "analysis.started": 4,
  "analysis.completed": 4,
  "notification.sent": 5,
};

async function ensureDatabase() {
  const admin = new pg.Client(hostOf(url));
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName]);
    if (!rowCount) {
      await admin.query(`CREATE DATABASE "${dbName.replace(/"/g, "")}"`);
      console.log(`[bench] created database ${dbName}`);
    }
  } finally {
    await admin.end();
  }
}

function hostOf(u: URL) {
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: "postgres",
  };
}

function ms(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}

await ensureDatabase();
const { getDbHandle, closeDb } = await import("@/lib/db/client");
const { migrate } = await import("@/lib/db/migrate");
const { listEvents, listEventsQuery } = await import("@/lib/server/events/list-events");
const { getEvent, eventByIdQuery, causationTreeQuery, causedByQuery, eventDeliveriesQuery } = await import(
  "@/lib/server/events/get-event"
);
const { retryDelivery, lockDeliveryQuery } = await import("@/lib/server/events/retry-delivery");
const { eventFiltersSchema } = await import("@/lib/schemas/events");
type SqlQuery = { text: string; values: unknown[] };

await migrate();
const db = await getDbHandle();

async function seed() {
  const buckets = eventTypes.flatMap((t) => Array<EventType>(WEIGHTS[t]).fill(t));
  if (buckets.length !== 100) throw new Error(`type weights sum to ${buckets.length}, not 100`);
  const consumers = eventTypes.flatMap((t) => catalog[t].consumers.map((fn) => [t, fn] as const));
  await db.withConnection(async (c) => {
    const started = performance.now();
    await c.exec("TRUNCATE events, deliveries, delivery_attempts, delivery_steps RESTART IDENTITY CASCADE");
    // Deterministic ids that are valid version-4 UUIDs (the explorer validates ids as such).
    await c.exec(`CREATE OR REPLACE FUNCTION bench_uuid(t text) RETURNS uuid LANGUAGE sql IMMUTABLE
      AS $$ SELECT overlay(overlay(md5(t) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$`);
    await c.exec(`DROP TABLE IF EXISTS bench_types; DROP TABLE IF EXISTS bench_consumers;
      CREATE TEMP TABLE bench_types (bucket int PRIMARY KEY, event_type text, topic text, by_session bool, producer text);
      CREATE TEMP TABLE bench_consumers (event_type text, function_id text);`);
    await c.query(
      `INSERT INTO bench_types SELECT i - 1, t, topic, by_session, producer
       FROM unnest($1::text[], $2::text[], $3::bool[], $4::text[]) WITH ORDINALITY AS u(t, topic, by_session, producer, i)`,
      [
        buckets,
        buckets.map((t) => catalog[t].topic),
        buckets.map((t) => catalog[t].partitionKey === "sessionId"),
        buckets.map((t) => catalog[t].producer),
      ],
    );
    await c.query("INSERT INTO bench_consumers SELECT * FROM unnest($1::text[], $2::text[])", [
      consumers.map(([t]) => t),
      consumers.map(([, fn]) => fn),
    ]);

    // Requests of 4 events each, sharing an owner and a correlation id, the 2nd and 3rd
    // caused by the 1st and the 4th by the 2nd; one event every 31.5 s over a year.
    let step = performance.now();
    await c.exec(`INSERT INTO events (event_id, event_type, topic, partition_key, user_id, session_id, timestamp, data,
                        metadata, correlation_id, causation_id, created_at, owner_id, relayed_at)
SELECT bench_uuid('ev-' || g), t.event_type, t.topic,
       CASE WHEN t.by_session THEN s.session ELSE o.owner END::text,
       CASE WHEN t.by_session THEN NULL ELSE o.owner::text END,
       CASE WHEN t.by_session THEN s.session::text END,
       tt.ts,
       jsonb_build_object('bench', g, 'note', 'generated by bench/events-explorer.ts'),
       jsonb_build_object('service', t.producer, 'version', '1.0', 'correlationId', 'req-' || k.r)
         || CASE WHEN c.parent IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('causationId', c.parent) END,
       'req-' || k.r, c.parent, tt.ts, o.owner, tt.ts
FROM generate_series(1::bigint, ${TOTAL}) AS g
CROSS JOIN LATERAL (SELECT (g - 1) / ${EVENTS_PER_REQUEST} AS r, (g - 1) % ${EVENTS_PER_REQUEST} AS p) k
CROSS JOIN LATERAL (SELECT CASE WHEN k.r % 10 = 0 THEN 0 ELSE 1 + ((k.r::bigint * 2654435761) % ${OWNERS - 1}) END AS idx) oi
CROSS JOIN LATERAL (SELECT bench_uuid('owner-' || oi.idx) AS owner) o
CROSS JOIN LATERAL (SELECT bench_uuid('session-' || oi.idx || '-' || ((k.r::bigint * 40503) % 97)) AS session) s
CROSS JOIN LATERAL (SELECT CASE k.p WHEN 0 THEN NULL WHEN 3 THEN bench_uuid('ev-' || (g - 2))
                                  ELSE bench_uuid('ev-' || (g - k.p)) END AS parent) c
CROSS JOIN LATERAL (SELECT timestamptz '2025-11-28 00:00:00+00' + g * interval '31536 ms'
                                  + ((g * 7919) % 1000) * interval '1 ms' AS ts) tt
JOIN bench_types t ON t.bucket = (hashint8(g) & 2147483647) % 100
ORDER BY g`);
    console.log(`[bench] ${TOTAL.toLocaleString("en")} events in ${ms(step)}`);

    step = performance.now();
    await c.exec(`INSERT INTO deliveries (event_seq, event_id, function_id, partition_key, status, attempts, max_attempts,
                            run_at, first_started_at, finished_at, duration_ms, last_error, created_at, updated_at)
SELECT e.seq, e.event_id, bc.function_id, e.partition_key, st.status,
       CASE st.status WHEN 'dead' THEN 5 WHEN 'queued' THEN 0 ELSE 1 END, 5,
       e.timestamp, CASE WHEN st.status <> 'queued' THEN e.timestamp + interval '1 s' END,
       CASE WHEN st.status IN ('completed', 'dead') THEN e.timestamp + interval '2 s' END,
       20 + (e.seq % 900)::int,
       CASE WHEN st.status = 'dead' THEN 'Error: connect ECONNREFUSED 127.0.0.1:587' END,
       e.timestamp, e.timestamp
FROM events e
JOIN bench_consumers bc ON bc.event_type = e.event_type
CROSS JOIN LATERAL (SELECT CASE WHEN h < 970 THEN 'completed' WHEN h < 980 THEN 'dead' WHEN h < 990 THEN 'queued'
                                WHEN h < 995 THEN 'sleeping' ELSE 'waiting' END AS status
                    FROM (SELECT (hashint8(e.seq * 31 + length(bc.function_id)) & 2147483647) % 1000 AS h) x) st
ORDER BY e.seq, bc.function_id`);
    await c.exec(`INSERT INTO delivery_attempts (delivery_id, attempt, worker_id, started_at, finished_at, outcome, error, duration_ms)
SELECT d.id, a, 'bench-worker', d.run_at + a * interval '1 s', d.run_at + a * interval '1 s' + interval '100 ms',
       CASE d.status WHEN 'completed' THEN 'completed' WHEN 'dead' THEN 'failed' ELSE 'suspended' END,
       d.last_error, 100
FROM deliveries d CROSS JOIN LATERAL generate_series(1, d.attempts) a`);
    await c.exec(`INSERT INTO delivery_steps (delivery_id, step_id, kind, result, created_at)
SELECT d.id, 'load', 'run', jsonb_build_object('ok', true), d.run_at FROM deliveries d WHERE (hashint8(d.id) & 2147483647) % 5 = 0`);
    console.log(`[bench] deliveries, attempts and steps in ${ms(step)}`);
    step = performance.now();
    await c.exec("VACUUM (ANALYZE) events, deliveries, delivery_attempts, delivery_steps");
    console.log(`[bench] VACUUM ANALYZE in ${ms(step)}; seeding took ${ms(started)}`);
  });
}

const { n } = (await db.query<{ n: string }>("SELECT count(*)::text AS n FROM events"))[0]!;
if (reseed || Number(n) !== TOTAL) await seed();
else console.log(`[bench] reusing the ${Number(n).toLocaleString("en")} events already in ${dbName} (--reseed to start over)`);

const counts = await db.query<{ t: string; n: string }>(
  `SELECT 'deliveries' AS t, count(*)::text AS n FROM deliveries UNION ALL SELECT 'delivery_attempts', count(*)::text FROM delivery_attempts
   UNION ALL SELECT 'delivery_steps', count(*)::text FROM delivery_steps UNION ALL SELECT 'events', count(*)::text FROM events`,
);
const sizes = await db.query<{ size: string }>("SELECT pg_size_pretty(pg_total_relation_size('events')) AS size");
console.log(`[bench] rows: ${counts.map((c) => `${c.t} ${Number(c.n).toLocaleString("en")}`).join(", ")}; events with indexes ${sizes[0]!.size}`);

// --- the subjects -----------------------------------------------------------------------------

const one = async <T,>(sql: string, values: unknown[] = []) => (await db.query<T>(sql, values))[0]!;
const big = (await one<{ id: string }>("SELECT bench_uuid('owner-0')::text AS id")).id;
const small = (await one<{ id: string }>("SELECT bench_uuid('owner-1')::text AS id")).id;
const bigCount = (await one<{ n: string }>("SELECT count(*)::text AS n FROM events WHERE owner_id = $1", [big])).n;
const smallCount = (await one<{ n: string }>("SELECT count(*)::text AS n FROM events WHERE owner_id = $1", [small])).n;
const deep = (await one<{ seq: string }>("SELECT seq::text FROM events WHERE owner_id = $1 ORDER BY seq DESC OFFSET 50000 LIMIT 1", [big])).seq;
const deeper = (await one<{ seq: string }>("SELECT seq::text FROM events WHERE owner_id = $1 ORDER BY seq DESC OFFSET 75000 LIMIT 1", [big])).seq;
const session = (await one<{ k: string }>("SELECT partition_key AS k FROM events WHERE owner_id = $1 AND session_id IS NOT NULL ORDER BY seq DESC LIMIT 1", [big])).k;
const correlation = (await one<{ c: string }>("SELECT correlation_id AS c FROM events WHERE owner_id = $1 ORDER BY seq DESC OFFSET 1000 LIMIT 1", [big])).c;
// The first event of a request: it has children and a grandchild.
const root = (await one<{ id: string; seq: string }>(
  "SELECT event_id::text AS id, seq::text FROM events WHERE owner_id = $1 AND causation_id IS NULL ORDER BY seq DESC OFFSET 2000 LIMIT 1",
  [big],
));
const leaf = (await one<{ id: string; causation: string }>(
  "SELECT event_id::text AS id, causation_id::text AS causation FROM events WHERE causation_id IS NOT NULL AND owner_id = $1 ORDER BY seq DESC OFFSET 2000 LIMIT 1",
  [big],
));
const withDeliveries = (await one<{ seq: string; id: string }>(
  `SELECT e.seq::text, e.event_id::text AS id FROM events e WHERE e.owner_id = $1 AND e.event_type = 'candidate.completed'
   ORDER BY e.seq DESC OFFSET 100 LIMIT 1`,
  [big],
));
const appFunctions = (await import("@/inngest")).functions;
const registered = appFunctions.map((f) => f.opts.id);
{
  // The retry reads each function's configured tries from engine_functions, as the runners left them.
  const { describeFunction } = await import("@/lib/engine/functions");
  const { registerFunctions } = await import("@/lib/engine/dispatch");
  await db.transaction((conn) => registerFunctions(conn, appFunctions.map(describeFunction), "bench"));
}
const dead = (await one<{ id: string }>(
  `SELECT d.id::text FROM deliveries d JOIN events e ON e.seq = d.event_seq
   WHERE e.owner_id = $1 AND d.status = 'dead' AND d.function_id = ANY($2::text[]) ORDER BY d.id DESC LIMIT 1`,
  [big, registered],
));
// Trees bigger than the explorer shows, inserted only inside the EXPLAIN's rolled-back
// transaction: 1,111 events fanning out 10 per level, and a chain 30 deep.
const treeEvents = (prefix: string, count: number, parentOf: string) => `
INSERT INTO events (event_id, event_type, topic, partition_key, user_id, timestamp, data, metadata, correlation_id, causation_id, owner_id)
SELECT bench_uuid('${prefix}-' || n), 'notification.sent', 'notification-events', o, o, now(), '{}',
       '{"service":"notifications","version":"1.0"}', '${prefix}',
       CASE WHEN n = 0 THEN NULL ELSE bench_uuid('${prefix}-' || (${parentOf})) END, o::uuid
FROM generate_series(0, ${count - 1}) n, (SELECT bench_uuid('owner-0')::text AS o) x`;
const wideRoot = (await one<{ id: string }>("SELECT bench_uuid('wide-0')::text AS id")).id;
const deepRoot = (await one<{ id: string }>("SELECT bench_uuid('chain-0')::text AS id")).id;

const now = Date.parse("2026-11-28T00:00:00Z");
const day = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

const filters = (input: Record<string, string>) => {
  const parsed = eventFiltersSchema.safeParse(input);
  if (!parsed.success) throw new Error(`bad bench filters ${JSON.stringify(input)}`);
  return parsed.data;
};

type Case = { name: string; query: SqlQuery; run?: () => Promise<unknown>; setup?: string };
const list = (name: string, owner: string, input: Record<string, string>): Case => ({
  name,
  query: listEventsQuery(owner, filters(input)),
  run: () => listEvents({ actor: { id: owner }, filters: input }),
});

const cases: Case[] = [
  list("list: first page (owner with 100k events)", big, {}),
  list("list: first page (owner with ~450 events)", small, {}),
  list("list: page after 50,000 events (?before=)", big, { before: deep }),
  list("list: newer page (?after=)", big, { after: deep }),
  list("list: type user.authenticated (20%)", big, { eventType: "user.authenticated" }),
  list("list: type media.deleted (1%)", big, { eventType: "media.deleted" }),
  list("list: type media.deleted, 50k deep", big, { eventType: "media.deleted", before: deep }),
  list("list: topic candidate-events", big, { topic: "candidate-events" }),
  list("list: partition key = a candidate session", big, { partitionKey: session }),
  list("list: partition key = the owner's userId", big, { partitionKey: big }),
  list("list: correlation id", big, { correlationId: correlation }),
  list("list: last 7 days", big, { from: iso(now - 7 * day) }),
  list("list: one day, 6 months ago", big, { from: iso(now - 182 * day), to: iso(now - 181 * day) }),
  list("list: up to 6 months ago (to only)", big, { to: iso(now - 182 * day) }),
  list("list: up to 6 months ago, page 75,000 events deep", big, { to: iso(now - 182 * day), before: deeper }),
  list("list: up to 6 months ago, newer page (?after=)", big, { to: iso(now - 182 * day), after: deeper }),
  list("list: since a year ago (all events)", big, { from: iso(now - 366 * day) }),
  list("list: type media.deleted (1%) + up to 6 months ago", big, { eventType: "media.deleted", to: iso(now - 182 * day) }),
  list("list: candidate session + up to 6 months ago", big, { partitionKey: session, to: iso(now - 182 * day) }),
  list("list: correlation id + last 7 days", big, { correlationId: correlation, from: iso(now - 7 * day) }),
  list("list: type + one day, 6 months ago", big, { eventType: "user.authenticated", from: iso(now - 182 * day), to: iso(now - 181 * day) }),
  list("list: topic + correlation id", big, { topic: "user-events", correlationId: correlation }),
  {
    name: "event: by id (owner-checked)",
    query: eventByIdQuery(big, withDeliveries.id),
    run: () => getEvent({ actor: { id: big }, eventId: withDeliveries.id }),
  },
  { name: "event: deliveries + attempts + steps", query: eventDeliveriesQuery(withDeliveries.seq) },
  { name: "event: causation tree (recursive CTE)", query: causationTreeQuery(big, root.id), run: () => getEvent({ actor: { id: big }, eventId: root.id }) },
  {
    name: "event: causation tree of 1,111 events (node cap)",
    query: causationTreeQuery(big, wideRoot),
    setup: treeEvents("wide", 1111, "(n - 1) / 10"),
  },
  { name: "event: causation chain 30 deep (depth cap)", query: causationTreeQuery(big, deepRoot), setup: treeEvents("chain", 30, "n - 1") },
  { name: "event: caused-by link", query: causedByQuery(big, leaf.causation), run: () => getEvent({ actor: { id: big }, eventId: leaf.id }) },
  { name: "retry: lock the delivery (owner-checked)", query: lockDeliveryQuery(big, dead.id) },
  // Timed below as the whole retryDelivery use case (the statement of requeueDead).
  {
    name: "retry: re-queue",
    query: {
      text: `UPDATE deliveries SET id = nextval(pg_get_serial_sequence('deliveries', 'id')), status = 'queued', run_at = now(),
  finished_at = NULL, lease_until = NULL, locked_by = NULL, max_attempts = $2::int, updated_at = now()
  WHERE id = $1::bigint AND status = 'dead' RETURNING id`,
      values: [dead.id, 10],
    },
  },
  // Timed below as the whole retryDelivery use case.
];

// --- measure ----------------------------------------------------------------------------------

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };
const WATCHED = new Set(["events", "deliveries", "delivery_attempts", "delivery_steps"]);

function walk(node: PlanNode, out: PlanNode[] = []): PlanNode[] {
  out.push(node);
  for (const child of node.Plans ?? []) walk(child, out);
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

type Result = { name: string; execMs: number; useCaseMs: number | null; indexes: string[]; buffers: number; rows: number; ok: boolean };
const results: Result[] = [];

for (const c of cases) {
  const result = await db.withConnection(async (conn) => {
    // The retry statements lock and update: measured inside a transaction that is rolled back.
    await conn.exec("BEGIN");
    try {
      if (c.setup) await conn.exec(c.setup);
      await conn.query(`EXPLAIN (ANALYZE, BUFFERS) ${c.query.text}`, c.query.values); // warm the cache
      const [json] = await conn.query<{
        "QUERY PLAN": Array<{ Plan: PlanNode & { "Shared Hit Blocks": number; "Shared Read Blocks": number; "Actual Rows": number }; "Execution Time": number }>;
      }>(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${c.query.text}`,
        c.query.values,
      );
      const text = await conn.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${c.query.text}`, c.query.values);
      const plan = json!["QUERY PLAN"][0]!;
      const nodes = walk(plan.Plan);
      const seqScans = nodes.filter((n) => n["Node Type"] === "Seq Scan" && WATCHED.has(n["Relation Name"] ?? ""));
      const indexes = [...new Set(nodes.filter((n) => n["Index Name"]).map((n) => `${n["Node Type"]} ${n["Index Name"]}`))];
      console.log(`\n=== ${c.name}\n${c.query.text}\n-- params: ${JSON.stringify(c.query.values)}`);
      console.log(text.map((r) => r["QUERY PLAN"]).join("\n"));
      const buffers = (plan.Plan["Shared Hit Blocks"] ?? 0) + (plan.Plan["Shared Read Blocks"] ?? 0);
      const rows = plan.Plan["Actual Rows"];
      return { execMs: plan["Execution Time"], indexes, buffers, rows, ok: seqScans.length === 0 };
    } finally {
      await conn.exec("ROLLBACK");
    }
  });
  let useCaseMs: number | null = null;
  if (c.run) {
    await c.run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await c.run();
      times.push(performance.now() - t);
    }
    useCaseMs = median(times);
  }
  results.push({ name: c.name, useCaseMs, ...result });
}

// The whole retry use case, then the delivery put back as it was.
{
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const { deliveryId } = await retryDelivery({ actor: { id: big }, deliveryId: dead.id });
    times.push(performance.now() - t);
    // Re-queued under a new id (the back of its key's line): make it dead again under that id.
    await db.query("UPDATE deliveries SET status = 'dead', max_attempts = 5, finished_at = run_at WHERE id = $1::bigint", [deliveryId]);
    dead.id = deliveryId;
  }
  const r = results.find((x) => x.name === "retry: re-queue")!;
  r.useCaseMs = median(times);
}

console.log(`\nOwners: ${big} (${Number(bigCount).toLocaleString("en")} events), ${small} (${smallCount} events). ${RUNS} runs per use case, median.\n`);
console.log("| query | plan (index scans) | rows | buffers | SQL execution | use case |");
console.log("|---|---|---:|---:|---:|---:|");
for (const r of results) {
  console.log(
    `| ${r.name} | ${r.indexes.join("; ") || "—"} | ${r.rows} | ${r.buffers} | ${r.execMs.toFixed(2)} ms | ${r.useCaseMs === null ? "—" : `${r.useCaseMs.toFixed(1)} ms`} |`,
  );
}
const failed = results.filter((r) => !r.ok);
await closeDb();
if (failed.length) {
  console.error(`\n[bench] FAILED: a sequential scan on an event table in: ${failed.map((f) => f.name).join("; ")}`);
  process.exit(1);
}
console.log("\n[bench] ok: no query scans a whole event table.");
