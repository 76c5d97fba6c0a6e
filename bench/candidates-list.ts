// The candidates table of an interview with 100,000 candidates: listCandidates (the use case:
// ownership check, validation, query, mapping) against the bare indexed SQL of the same page,
// interleaved in one run, on the first page and ~90,000 rows deep, for the default sort
// (newest first) and for a status filter. Also EXPLAINs each page to show the index is used
// (no Seq Scan, no Sort).
//
//   npx tsx --import ./scripts/server-only.mjs bench/candidates-list.ts [--runs 300] [--reseed] [--no-docs]
//
// Database: `intervue_bench_candidates` on 127.0.0.1:5432 (created and migrated if missing;
// the seed is made once, `--reseed` makes it again). Results: stdout and docs/benchmarks.md
// between the markers of "Candidates list on 100k candidates".
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";

const { values: opts } = parseArgs({
  options: {
    server: { type: "string", default: "postgresql://postgres@127.0.0.1:5432" },
    database: { type: "string", default: "intervue_bench_candidates" },
    runs: { type: "string", default: "300" },
    reseed: { type: "boolean", default: false },
    "no-docs": { type: "boolean", default: false },
  },
});
const RUNS = Number(opts.runs);
const TOTAL = 100_000;
const NOISE = 20_000; // candidates of another interview in the same table
const DEEP = 90_000;
const root = path.resolve(import.meta.dirname, "..");

const dbUrl = new URL(opts.server);
dbUrl.pathname = `/${opts.database}`;
process.env.DATABASE_URL = dbUrl.toString();

{
  const u = new URL(opts.server);
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [opts.database]);
  if (!rowCount) await admin.query(`CREATE DATABASE "${opts.database.replace(/"/g, "")}"`);
  await admin.end();
}

const { getDb, getDbHandle, closeDb } = await import("@/lib/db/client");
const { migrate } = await import("@/lib/db/migrate");
const { signUp } = await import("@/lib/server/users/sign-up");
const { createInterview } = await import("@/lib/server/interviews/create-interview");
const { publishInterview } = await import("@/lib/server/interviews/publish-interview");
const { listCandidates, encodeCursor, candidatesPageQuery } = await import("@/lib/server/invitations/list-candidates");

await migrate();
const db = await getDb();
const handle = await getDbHandle();
const BENCH_EMAIL = "bench-candidates@example.com";

async function interviewOf(email: string): Promise<{ userId: string; interviewId: string } | null> {
  const rows = await handle.query<{ user_id: string; id: string }>(
    `SELECT v.user_id::text, v.id::text FROM interviews v JOIN users u ON u.id = v.user_id
      WHERE u.email = $1 AND v.deleted_at IS NULL ORDER BY v.created_at LIMIT 1`,
    [email],
  );
  return rows[0] ? { userId: rows[0].user_id, interviewId: rows[0].id } : null;
}

async function seed(): Promise<{ userId: string; interviewId: string }> {
  const started = performance.now();
  await handle.query("DELETE FROM invitations");
  let found = await interviewOf(BENCH_EMAIL);
  if (!found) {
    const user = await signUp({ input: { fullName: "Bench", companyName: "Bench Co", email: BENCH_EMAIL, password: "correct horse battery" } });
    // Pro plan: no candidates-per-interview limit.
    await handle.query("UPDATE quotas SET plan = 'pro', max_interviews = NULL, max_candidates_per_interview = NULL WHERE user_id = $1", [user.id]);
    for (const title of ["Benchmark interview", "Other interview"]) {
      const iv = await createInterview({
        actor: user,
        input: {
          title,
          deadline: new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString(),
          questions: [{ prompt: "Q1" }, { prompt: "Q2" }, { prompt: "Q3", type: "text" }],
        },
      });
      await publishInterview({ actor: user, interviewId: iv.id });
    }
    found = (await interviewOf(BENCH_EMAIL))!;
  }
  const [other] = await handle.query<{ id: string }>(
    "SELECT id::text FROM interviews WHERE user_id = $1 AND id <> $2 LIMIT 1",
    [found.userId, found.interviewId],
  );
  // Statuses: 20 % invited, 15 % opened, 25 % in progress, 35 % completed, 5 % revoked; one
  // row a minute over ~70 days; names from a small pool so that name sorting has ties.
  const insert = (interviewId: string, n: number, prefix: string) =>
    handle.query(
      `INSERT INTO invitations (id, interview_id, source, email, name, token, status, email_status, send_count, sent_at,
                                opened_at, started_at, completed_at, revoked_at, answered_count, total_questions, created_at, updated_at)
       SELECT gen_random_uuid(), $1::uuid, 'invite', $2 || g || '@example.com',
              (ARRAY['Anna','Boris','Clara','Dmitri','Elena','Farid','Greta','Hugo','Irina','Jonas'])[1 + g % 10] || ' ' || 'Candidate ' || g,
              encode(sha256(($2 || g)::bytea), 'base64'),
              s.status::"CandidateStatus", 'sent', 0, c.t,
              CASE WHEN s.status <> 'invited' THEN c.t + interval '1 hour' END,
              CASE WHEN s.status IN ('in_progress', 'completed') THEN c.t + interval '2 hours' END,
              CASE WHEN s.status = 'completed' THEN c.t + interval '3 hours' END,
              CASE WHEN s.status = 'revoked' THEN c.t + interval '4 hours' END,
              CASE s.status WHEN 'completed' THEN 3 WHEN 'in_progress' THEN 1 ELSE 0 END, 3,
              c.t, c.t + (g % 300) * interval '1 minute'
         FROM generate_series(1, $3::int) AS g
         CROSS JOIN LATERAL (SELECT now() - interval '70 days' + g * interval '1 minute' AS t) c
         CROSS JOIN LATERAL (SELECT CASE WHEN g % 20 < 4 THEN 'invited' WHEN g % 20 < 7 THEN 'opened'
                                         WHEN g % 20 < 12 THEN 'in_progress' WHEN g % 20 < 19 THEN 'completed'
                                         ELSE 'revoked' END AS status) s`,
      [interviewId, prefix, n],
    );
  await insert(found.interviewId, TOTAL, "cand-");
  await insert(other!.id, NOISE, "other-");
  // A session (on the interview's current version) for everyone who started: the page shows
  // which version each candidate answers, looked up per row through candidate_sessions.
  await handle.query(
    `INSERT INTO candidate_sessions (id, interview_id, invitation_id, version_id, candidate_email, candidate_name, status,
                                     answered_count, started_at, completed_at, updated_at)
     SELECT gen_random_uuid(), i.interview_id, i.id, v.current_version_id, i.email, i.name,
            (CASE i.status WHEN 'completed' THEN 'completed' ELSE 'in_progress' END)::"SessionStatus",
            i.answered_count, i.started_at, i.completed_at, i.updated_at
       FROM invitations i JOIN interviews v ON v.id = i.interview_id
      WHERE i.interview_id = ANY($1::uuid[]) AND i.status IN ('in_progress', 'completed')`,
    [[found.interviewId, other!.id]],
  );
  await handle.query("VACUUM (ANALYZE) invitations");
  await handle.query("VACUUM (ANALYZE) candidate_sessions");
  console.log(`[bench] seeded ${TOTAL.toLocaleString("en-US")} + ${NOISE.toLocaleString("en-US")} invitations in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return found;
}

let target = await interviewOf(BENCH_EMAIL);
const [{ n } = { n: 0 }] = target
  ? await handle.query<{ n: number }>("SELECT count(*)::int AS n FROM invitations WHERE interview_id = $1", [target.interviewId])
  : [];
if (!target || opts.reseed || n !== TOTAL) target = await seed();
const { userId, interviewId } = target;
const actor = { id: userId };

// The bare SQL: what a person would write by hand for the same page, same parameters.
const COLUMNS = `id, name, email, source, status, email_status, email_error, send_count, answered_count, total_questions,
  created_at, sent_at, opened_at, started_at, completed_at, updated_at, token,
  (SELECT max(v.number) FROM candidate_sessions s JOIN interview_versions v ON v.id = s.version_id
    WHERE s.invitation_id = invitations.id) AS version`;
type Case = {
  name: string;
  status?: "completed";
  deep: boolean;
  sql: string;
  params: unknown[];
  input: Record<string, unknown>;
  after?: { created_at: Date; id: string };
};

async function cursorAt(offset: number, status?: string): Promise<{ created_at: Date; id: string }> {
  const [row] = await handle.query<{ created_at: Date; id: string }>(
    `SELECT created_at, id::text FROM invitations WHERE interview_id = $1 ${status ? "AND status = $3::\"CandidateStatus\"" : ""}
      ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`,
    status ? [interviewId, offset - 1, status] : [interviewId, offset - 1],
  );
  return row!;
}

const completedTotal = Number(
  (await handle.query<{ n: number }>("SELECT count(*)::int AS n FROM invitations WHERE interview_id = $1 AND status = 'completed'", [interviewId]))[0]!.n,
);
const deepAll = await cursorAt(DEEP);
const deepCompleted = await cursorAt(Math.floor(completedTotal * 0.9), "completed");
const cursor = (c: { created_at: Date; id: string }) => encodeCursor({ s: "created", o: "desc", k: c.created_at.toISOString(), i: c.id });

const cases: Case[] = [
  {
    name: "newest first, first page",
    deep: false,
    sql: `SELECT ${COLUMNS} FROM invitations WHERE interview_id = $1 ORDER BY created_at DESC, id DESC LIMIT 51`,
    params: [interviewId],
    input: {},
  },
  {
    name: `newest first, after ${DEEP.toLocaleString("en-US")} rows`,
    deep: true,
    sql: `SELECT ${COLUMNS} FROM invitations WHERE interview_id = $1 AND (created_at, id) < ($2, $3) ORDER BY created_at DESC, id DESC LIMIT 51`,
    params: [interviewId, deepAll.created_at, deepAll.id],
    input: { cursor: cursor(deepAll) },
    after: deepAll,
  },
  {
    name: "status = completed, first page",
    status: "completed",
    deep: false,
    sql: `SELECT ${COLUMNS} FROM invitations WHERE interview_id = $1 AND status = 'completed' ORDER BY created_at DESC, id DESC LIMIT 51`,
    params: [interviewId],
    input: { status: "completed" },
  },
  {
    name: `status = completed, after ${Math.floor(completedTotal * 0.9).toLocaleString("en-US")} of ${completedTotal.toLocaleString("en-US")} rows`,
    status: "completed",
    deep: true,
    sql: `SELECT ${COLUMNS} FROM invitations WHERE interview_id = $1 AND status = 'completed' AND (created_at, id) < ($2, $3)
          ORDER BY created_at DESC, id DESC LIMIT 51`,
    params: [interviewId, deepCompleted.created_at, deepCompleted.id],
    input: { status: "completed", cursor: cursor(deepCompleted) },
    after: deepCompleted,
  },
];

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

type Result = { name: string; plan: string; buffers: number; useCasePlan: string; sql: { p50: number; p95: number }; useCase: { p50: number; p95: number }; ratio: number };
const results: Result[] = [];
let planFailures = 0;

for (const c of cases) {
  // The page the use case returns must be the bare query's page.
  const viaUseCase = await listCandidates({ actor, interviewId, input: c.input });
  const bare = await handle.query<{ id: string }>(c.sql, c.params);
  const same = JSON.stringify(viaUseCase.data.map((r) => r.id)) === JSON.stringify(bare.slice(0, 50).map((r) => r.id));
  if (!same || viaUseCase.data.length !== 50) throw new Error(`${c.name}: the use case and the bare SQL disagree`);

  const explain = await handle.query<{ "QUERY PLAN": unknown }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${c.sql}`, c.params);
  const json = JSON.stringify(explain[0]!["QUERY PLAN"]);
  const top = (explain[0]!["QUERY PLAN"] as { Plan: Record<string, unknown> }[])[0]!.Plan;
  const scan = (function find(p: Record<string, unknown>): Record<string, unknown> {
    return p["Relation Name"] === "invitations" ? p : find((p.Plans as Record<string, unknown>[])[0]!);
  })(top);
  const plan = `${scan["Node Type"]} ${scan["Index Name"] ?? ""}`.trim();
  const buffers = Number(top["Shared Hit Blocks"] ?? 0) + Number(top["Shared Read Blocks"] ?? 0);
  if (/"Seq Scan"|"Node Type":"Sort"/.test(json) || !String(scan["Index Name"] ?? "").startsWith("invitations_interview_id")) {
    planFailures++;
    console.error(`[bench] ${c.name}: not an index scan:\n${JSON.stringify(explain[0]!["QUERY PLAN"], null, 2)}`);
  }
  // The use case's own query (ownership check joined laterally) must use the same index.
  const own = candidatesPageQuery({
    interviewId,
    userId,
    status: c.status,
    sort: "created",
    order: "desc",
    after: c.after ? { key: c.after.created_at.toISOString(), id: c.after.id } : undefined,
    take: 51,
  });
  const ownPlan = (await handle.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${own.text}`, own.values)).map((r) => r["QUERY PLAN"]).join("\n");
  const ownIndex = /Index Scan(?: Backward)? using (invitations_interview_id_\w+) on invitations/.exec(ownPlan)?.[1];
  if (!ownIndex || /Seq Scan on invitations|\bSort\b/.test(ownPlan)) {
    planFailures++;
    console.error(`[bench] ${c.name}: the use case's query is not an index scan:\n${ownPlan}`);
  }
  console.log(`\n[bench] EXPLAIN (use case) ${c.name}\n${ownPlan}`);
  const textPlan = await handle.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${c.sql}`, c.params);
  console.log(`\n[bench] EXPLAIN ${c.name}\n${textPlan.map((r) => r["QUERY PLAN"]).join("\n")}`);

  // Warm up, then interleave so both see the same machine moment.
  for (let i = 0; i < 20; i++) {
    await listCandidates({ actor, interviewId, input: c.input });
    await handle.query(c.sql, c.params);
  }
  const tSql: number[] = [];
  const tUse: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    await handle.query(c.sql, c.params);
    tSql.push(performance.now() - t);
    t = performance.now();
    await listCandidates({ actor, interviewId, input: c.input });
    tUse.push(performance.now() - t);
  }
  const r: Result = {
    name: c.name,
    plan,
    buffers,
    useCasePlan: ownIndex ?? "not an index scan",
    sql: { p50: quantile(tSql, 0.5), p95: quantile(tSql, 0.95) },
    useCase: { p50: quantile(tUse, 0.5), p95: quantile(tUse, 0.95) },
    ratio: quantile(tUse, 0.95) / quantile(tSql, 0.95),
  };
  results.push(r);
  console.log(
    `[bench] ${c.name}: SQL p50 ${r.sql.p50.toFixed(2)} / p95 ${r.sql.p95.toFixed(2)} ms; listCandidates p50 ${r.useCase.p50.toFixed(2)} / p95 ${r.useCase.p95.toFixed(2)} ms; p95 ratio ${r.ratio.toFixed(2)}`,
  );
}

const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.+)/)?.[1] ?? os.cpus()[0]?.model ?? "?";
const cores = os.cpus().length;
const mem = execFileSync("free", ["-g"], { encoding: "utf8" }).split("\n")[1]?.trim().split(/\s+/)[1] ?? "?";
const pgVersion = (await handle.query<{ v: string }>("SELECT current_setting('server_version') AS v"))[0]!.v;
const date = new Date().toISOString().slice(0, 10);
const worst = Math.max(...results.map((r) => r.ratio));

const section = [
  "<!-- bench/candidates-list.ts: generated, replaced on every run -->",
  `Machine: ${cpu}, ${cores} cores (shared with other work), ${mem} GiB RAM, Node.js ${process.version}, PostgreSQL ${pgVersion}`,
  `on 127.0.0.1 with its default settings. Date: ${date}. Script: \`npx tsx --import ./scripts/server-only.mjs bench/candidates-list.ts\``,
  `(database \`${opts.database}\`; ${RUNS} interleaved calls per case after 20 warm-up calls).`,
  "",
  `**Data.** One interview with ${TOTAL.toLocaleString("en-US")} candidates (20 % invited, 15 % opened, 25 % in progress, 35 % completed,`,
  `5 % revoked; one a minute over 70 days) and another with ${NOISE.toLocaleString("en-US")} in the same table, inserted with`,
  "`generate_series`, plus a candidate session for each of the 60 % who started (the page shows each candidate's",
  "interview version through it, in the bare query too), then `VACUUM (ANALYZE)`.",
  "",
  "**Method.** \"SQL\" is the bare query of the page (`LIMIT 51`, keyset condition `(created_at, id) < (…)`) on the",
  "same connection pool; \"use case\" is `listCandidates` (zod validation, cursor decoding, one query on the same",
  "pool that joins the interview's ownership check with the page, row mapping with derived status and personal",
  "link, the next cursor). Pages of 50; deep pages start from a cursor",
  "taken after 90 % of the matching rows. Both the bare query's plan and the use case's own query (the",
  "interview's ownership check joined laterally with the page) are checked to be an index scan on an",
  "`invitations_interview_id_*` index with no Seq Scan and no Sort; the use case's index is in the last column.",
  "",
  "| page | plan on `invitations` (bare SQL) | buffers | SQL p50 / p95 | use case p50 / p95 | p95 ratio | use case's index |",
  "|---|---|---:|---:|---:|---:|---|",
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.plan} | ${r.buffers} | ${r.sql.p50.toFixed(2)} / ${r.sql.p95.toFixed(2)} ms | ${r.useCase.p50.toFixed(2)} / ${r.useCase.p95.toFixed(2)} ms | ${r.ratio.toFixed(2)} | ${r.useCasePlan} |`,
  ),
  "",
  `Worst p95 ratio: **${worst.toFixed(2)}** (goal ≤ 3)${worst <= 3 ? "" : " — goal missed"}. Plans: ${planFailures === 0 ? "all index scans, no Sort" : `${planFailures} not index-only`}.`,
  "<!-- end bench/candidates-list.ts -->",
].join("\n");
console.log(`\n${section}`);

if (!opts["no-docs"]) {
  const file = path.join(root, "docs/benchmarks.md");
  const doc = readFileSync(file, "utf8");
  const heading = "## Candidates list on 100k candidates";
  const start = doc.indexOf("<!-- bench/candidates-list.ts: generated");
  const end = doc.indexOf("<!-- end bench/candidates-list.ts -->");
  const next =
    start >= 0 && end > start
      ? doc.slice(0, start) + section + doc.slice(end + "<!-- end bench/candidates-list.ts -->".length)
      : `${doc.trimEnd()}\n\n${heading}\n\n${section}\n`;
  writeFileSync(file, next);
  console.log(`[bench] wrote ${path.relative(root, file)}`);
}

await db.$disconnect();
await closeDb();
process.exit(planFailures === 0 ? 0 : 1);
