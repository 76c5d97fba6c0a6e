// The compare page of an interview with 1,000 candidates and 5,000 answers (each with its
// scoring, the recordings with a transcript and media flags, every session with its summary):
// compareCandidates (the loader the page calls: validation, the one query, row mapping) against
// the bare SQL of the same query sent on the same pool, interleaved, for the first page, the last
// page and two filters. Also EXPLAINs each query.
//
//   npm run bench:compare -- [--runs 300] [--reseed] [--no-docs]
//
// Database: `intervue_bench_compare` on 127.0.0.1:5432 (created and migrated if missing; the
// seed is made once, `--reseed` makes it again). Results: stdout and docs/benchmarks.md between
// the markers of "Compare page on 1,000 candidates".
import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { machine, writeSection } from "./candidate-app";

const { values: opts } = parseArgs({
  options: {
    server: { type: "string", default: "postgresql://postgres@127.0.0.1:5432" },
    database: { type: "string", default: "intervue_bench_compare" },
    runs: { type: "string", default: "300" },
    reseed: { type: "boolean", default: false },
    "no-docs": { type: "boolean", default: false },
  },
});
const RUNS = Number(opts.runs);

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
// The data shape shared with bench/report.ts.
const { CANDIDATES, QUESTIONS, seedReviewData, reviewCounts } = await import("./seed-review");
const { migrate } = await import("@/lib/db/migrate");
const { signUp } = await import("@/lib/server/users/sign-up");
const { createInterview } = await import("@/lib/server/interviews/create-interview");
const { publishInterview } = await import("@/lib/server/interviews/publish-interview");
const { compareCandidates } = await import("@/lib/server/compare/compare-candidates");
const { compareQuery } = await import("@/lib/server/compare/compare-query");
const { COMPARE_PAGE_SIZE } = await import("@/lib/schemas/compare");

await migrate();
const db = await getDb();
const handle = await getDbHandle();
const BENCH_EMAIL = "bench-compare@example.com";

async function interviewOf(email: string): Promise<{ userId: string; interviewId: string; otherId: string } | null> {
  const rows = await handle.query<{ user_id: string; id: string }>(
    `SELECT v.user_id::text, v.id::text FROM interviews v JOIN users u ON u.id = v.user_id
      WHERE u.email = $1 AND v.deleted_at IS NULL ORDER BY v.created_at, v.title`,
    [email],
  );
  return rows.length >= 2 ? { userId: rows[0]!.user_id, interviewId: rows[0]!.id, otherId: rows[1]!.id } : null;
}

async function seed(): Promise<{ userId: string; interviewId: string; otherId: string }> {
  const started = performance.now();
  let found = await interviewOf(BENCH_EMAIL);
  if (!found) {
    const user = await signUp({ input: { fullName: "Bench", companyName: "Bench Co", email: BENCH_EMAIL, password: "correct horse battery" } });
    await handle.query("UPDATE quotas SET plan = 'pro', max_interviews = NULL, max_candidates_per_interview = NULL WHERE user_id = $1", [user.id]);
    for (const title of ["A: compared interview", "B: other interview"]) {
      const iv = await createInterview({
        actor: user,
        input: {
          title,
          questions: Array.from({ length: QUESTIONS }, (_, i) =>
            i === QUESTIONS - 1 ? { prompt: `Q${i + 1}`, type: "text" as const, maxCharacters: 2000 } : { prompt: `Q${i + 1}` },
          ),
        },
      });
      await publishInterview({ actor: user, interviewId: iv.id });
    }
    found = (await interviewOf(BENCH_EMAIL))!;
  }
  await seedReviewData(handle, found);
  for (const t of ["candidate_sessions", "responses", "media_files", "analyses", "questions"]) await handle.query(`VACUUM (ANALYZE) ${t}`);
  console.log(`[bench] seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return found;
}

const counts = (interviewId: string, otherId: string) => reviewCounts(handle, interviewId, otherId);

let target = await interviewOf(BENCH_EMAIL);
let seeded = target ? await counts(target.interviewId, target.otherId) : null;
if (!target || opts.reseed || seeded?.sessions !== CANDIDATES || seeded.answers !== CANDIDATES * QUESTIONS) {
  target = await seed();
  seeded = await counts(target.interviewId, target.otherId);
}
const { userId, interviewId } = target;
const actor = { id: userId };
console.log(`[bench] ${JSON.stringify(seeded)}`);

type Case = { name: string; input: Record<string, string>; query: Parameters<typeof compareQuery>[0] };
const base = { interviewId, userId, limit: COMPARE_PAGE_SIZE, offset: 0 };
const lastPage = Math.ceil(CANDIDATES / COMPARE_PAGE_SIZE);
const cases: Case[] = [
  { name: "first page, no filter", input: {}, query: base },
  { name: `last page (${lastPage}), no filter`, input: { page: String(lastPage) }, query: { ...base, offset: (lastPage - 1) * COMPARE_PAGE_SIZE } },
  { name: "completed, AI score 5–10", input: { status: "completed", minScore: "5", maxScore: "10" }, query: { ...base, status: "completed", minScore: 5, maxScore: 10 } },
  { name: "flag: silent", input: { flag: "silent" }, query: { ...base, flag: "silent" } },
  { name: "no decision yet, shortlisted", input: { decision: "none", shortlisted: "1" }, query: { ...base, decision: "none", shortlisted: true } },
];

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

const loadBefore = os.loadavg()[0]!.toFixed(1);
type Result = { name: string; rows: number; total: number; buffers: number; sql: { p50: number; p95: number }; loader: { p50: number; p95: number }; ratio: number };
const results: Result[] = [];
for (const c of cases) {
  const q = compareQuery(c.query);
  // The loader's page must be the bare query's page.
  const viaLoader = await compareCandidates({ actor, interviewId, input: c.input });
  const bare = await handle.query<{ sessionId: string | null; total: number }>(q.text, q.values);
  const bareIds = bare.filter((r) => r.sessionId).map((r) => r.sessionId);
  if (JSON.stringify(viaLoader.candidates.map((r) => r.sessionId)) !== JSON.stringify(bareIds) || bareIds.length === 0) {
    throw new Error(`${c.name}: the loader and the bare SQL disagree (or the page is empty)`);
  }
  const explain = await handle.query<{ "QUERY PLAN": unknown }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.text}`, q.values);
  const top = (explain[0]!["QUERY PLAN"] as { Plan: Record<string, unknown> }[])[0]!.Plan;
  const buffers = Number(top["Shared Hit Blocks"] ?? 0) + Number(top["Shared Read Blocks"] ?? 0);
  const text = await handle.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
  console.log(`\n[bench] EXPLAIN ${c.name}\n${text.map((r) => r["QUERY PLAN"]).join("\n")}`);

  for (let i = 0; i < 20; i++) {
    await compareCandidates({ actor, interviewId, input: c.input });
    await handle.query(q.text, q.values);
  }
  const tSql: number[] = [];
  const tLoader: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    await handle.query(q.text, q.values);
    tSql.push(performance.now() - t);
    t = performance.now();
    await compareCandidates({ actor, interviewId, input: c.input });
    tLoader.push(performance.now() - t);
  }
  const r: Result = {
    name: c.name,
    rows: bareIds.length,
    total: viaLoader.total,
    buffers,
    sql: { p50: quantile(tSql, 0.5), p95: quantile(tSql, 0.95) },
    loader: { p50: quantile(tLoader, 0.5), p95: quantile(tLoader, 0.95) },
    ratio: quantile(tLoader, 0.95) / quantile(tSql, 0.95),
  };
  results.push(r);
  console.log(
    `[bench] ${c.name}: ${r.rows} of ${r.total}; SQL p50 ${r.sql.p50.toFixed(2)} / p95 ${r.sql.p95.toFixed(2)} ms; compareCandidates p50 ${r.loader.p50.toFixed(2)} / p95 ${r.loader.p95.toFixed(2)} ms; p95 ratio ${r.ratio.toFixed(2)}`,
  );
}

const date = new Date().toISOString().slice(0, 10);
const worst = Math.max(...results.map((r) => r.ratio));
const section = [
  `Machine: ${await machine()}. Date: ${date}. Script: \`npm run bench:compare\` (database \`${opts.database}\`; ${RUNS} interleaved`,
  `calls per case after 20 warm-up calls, warm cache). 1-minute load average: ${loadBefore} before the runs, ${os.loadavg()[0]!.toFixed(1)} after.`,
  "",
  `**Data.** One interview with ${seeded!.sessions.toLocaleString("en-US")} candidate sessions (85 % completed, 10 % in progress, 5 % abandoned; a`,
  `decision on a third, a rating on half, 5 % shortlisted) and ${seeded!.answers.toLocaleString("en-US")} answers to its ${QUESTIONS} questions (4 recorded, 1`,
  `written; some are superseded earlier takes), each with its scoring (${seeded!.scorings.toLocaleString("en-US")}; 2 % failed, 3 % skipped), every recording with a`,
  `transcript and a media file (${seeded!.flagged} flagged silent or blank), every completed session with its summary; plus another interview`,
  `of the same account with ${seeded!.noise.toLocaleString("en-US")} candidates and their answers in the same tables (${seeded!.analyses.toLocaleString("en-US")} analysis rows in all).`,
  "",
  "**Method.** \"SQL\" is the loader's one query (`compareQuery`: the interview's ownership check, its current version's",
  "questions, the filtered candidates counted and ranked, one page of 50 with each answer's last submitted attempt, its",
  "scoring and its recording's flags) sent as it is on the same pool; \"loader\" is `compareCandidates`, what the page",
  "calls (zod validation of the URL's filters, the same query, mapping answers to question columns). Both return the",
  "same page (checked). Buffers are the query's shared buffers (EXPLAIN ANALYZE).",
  "",
  "| case | rows / matching | buffers | SQL p50 / p95 | loader p50 / p95 | p95 ratio |",
  "|---|---:|---:|---:|---:|---:|",
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.rows} / ${r.total.toLocaleString("en-US")} | ${r.buffers.toLocaleString("en-US")} | ${r.sql.p50.toFixed(2)} / ${r.sql.p95.toFixed(2)} ms | ${r.loader.p50.toFixed(2)} / ${r.loader.p95.toFixed(2)} ms | ${r.ratio.toFixed(2)} |`,
  ),
  "",
  `Worst p95 ratio: **${worst.toFixed(2)}** (goal ≤ 3)${worst <= 3 ? "" : " — goal missed"}.`,
].join("\n");
console.log(`\n${section}`);
if (!opts["no-docs"]) await writeSection("compare.ts", "## Compare page on 1,000 candidates", section);

await db.$disconnect();
await closeDb();
process.exit(worst <= 3 ? 0 : 1);
