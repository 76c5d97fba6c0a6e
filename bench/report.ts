// The report of an interview with 1,000 candidates and 5,000 answers (the data shape of
// bench/seed-review.ts, shared with bench/compare.ts, plus an invitation per candidate and 250
// that never started): buildReport (every statement of lib/server/reports/report-queries.ts,
// then the assembly) against the bare SQL of the same statements sent on the same pool,
// interleaved; getReport on a fresh stored copy (the staleness check and the read); the CSV; and
// the PDF's generation time.
//
//   npm run bench:report -- [--runs 200] [--pdf-runs 10] [--reseed] [--no-docs]
//
// Database: `intervue_bench_report` on 127.0.0.1:5432 (created and migrated if missing; the seed
// is made once, `--reseed` makes it again). Results: stdout and docs/benchmarks.md between the
// markers of "Report on 1,000 candidates".
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { machine, writeSection } from "./candidate-app";
import { CANDIDATES, QUESTIONS, reviewCounts, seedReviewData } from "./seed-review";

const { values: opts } = parseArgs({
  options: {
    server: { type: "string", default: "postgresql://postgres@127.0.0.1:5432" },
    database: { type: "string", default: "intervue_bench_report" },
    runs: { type: "string", default: "200" },
    "pdf-runs": { type: "string", default: "10" },
    reseed: { type: "boolean", default: false },
    "no-docs": { type: "boolean", default: false },
  },
});
const RUNS = Number(opts.runs);
const PDF_RUNS = Number(opts["pdf-runs"]);
const NOT_STARTED = 250; // invitations without a session: 150 only invited, 100 opened

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
const { buildReport } = await import("@/lib/server/reports/build-report");
const { getReport } = await import("@/lib/server/reports/get-report");
const { REPORT_SQL, reportParams } = await import("@/lib/server/reports/report-queries");
const { reportCsv } = await import("@/lib/server/reports/report-csv");
const { reportPdf } = await import("@/lib/server/reports/report-pdf");

await migrate();
const db = await getDb();
const handle = await getDbHandle();
const BENCH_EMAIL = "bench-report@example.com";

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
    for (const title of ["A: reported interview", "B: other interview"]) {
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
  await handle.query("DELETE FROM reports WHERE user_id = $1", [found.userId]);
  await handle.query("DELETE FROM invitations WHERE interview_id = ANY($1::uuid[])", [[found.interviewId, found.otherId]]);
  await seedReviewData(handle, found);
  // The report's own needs: an invitation behind every session of the reported interview (plus
  // some never started), times to complete from 10 to 69 minutes.
  await handle.query(
    `UPDATE candidate_sessions SET completed_at = started_at + (10 + (hashtext(id::text) & 2147483647) % 60) * interval '1 minute'
      WHERE interview_id = $1 AND status = 'completed'`,
    [found.interviewId],
  );
  await handle.query(
    `WITH inv AS (
       INSERT INTO invitations (id, interview_id, source, email, name, token, status, email_status, opened_at, started_at, completed_at, answered_count, total_questions, updated_at)
       SELECT gen_random_uuid(), s.interview_id, 'invite', s.candidate_email, s.candidate_name, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
              (CASE s.status WHEN 'completed' THEN 'completed' ELSE 'in_progress' END)::"CandidateStatus", 'sent',
              s.started_at - interval '5 minutes', s.started_at, s.completed_at, s.answered_count, ${QUESTIONS}, now()
         FROM candidate_sessions s WHERE s.interview_id = $1
       RETURNING id, email)
     UPDATE candidate_sessions s SET invitation_id = inv.id FROM inv WHERE s.interview_id = $1 AND s.candidate_email = inv.email`,
    [found.interviewId],
  );
  await handle.query(
    `INSERT INTO invitations (id, interview_id, source, email, name, token, status, email_status, opened_at, total_questions, updated_at)
     SELECT gen_random_uuid(), $1, 'invite', 'waiting-' || g || '@example.com', 'Waiting ' || g, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
            (CASE WHEN g <= 100 THEN 'opened' ELSE 'invited' END)::"CandidateStatus", 'sent', CASE WHEN g <= 100 THEN now() END, ${QUESTIONS}, now()
       FROM generate_series(1, $2::int) g`,
    [found.interviewId, NOT_STARTED],
  );
  await handle.query("VACUUM (ANALYZE) invitations");
  await handle.query("VACUUM (ANALYZE) candidate_sessions");
  console.log(`[bench] seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return found;
}

let target = await interviewOf(BENCH_EMAIL);
let seeded = target ? await reviewCounts(handle, target.interviewId, target.otherId) : null;
const invitations = async (id: string) => (await handle.query<{ n: number }>("SELECT count(*)::int AS n FROM invitations WHERE interview_id = $1", [id]))[0]!.n;
if (!target || opts.reseed || seeded?.sessions !== CANDIDATES || seeded.answers !== CANDIDATES * QUESTIONS || (await invitations(target.interviewId)) !== CANDIDATES + NOT_STARTED) {
  target = await seed();
  seeded = await reviewCounts(handle, target.interviewId, target.otherId);
}
const { userId, interviewId } = target;
console.log(`[bench] ${JSON.stringify(seeded)}`);
const interview = await db.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { id: true, title: true, currentVersionId: true, blindReview: true } });

const statements = Object.entries(REPORT_SQL).map(([name, sql]) => ({ name, sql, params: reportParams(sql, interview.id, interview.currentVersionId) }));
const bare = () => Promise.all(statements.map((s) => handle.query(s.sql, s.params)));

// The report must be what the bare statements say.
const report = await buildReport(interview);
const [, summary] = await bare();
const s0 = (summary as { invited: number; started: number; completed: number }[])[0]!;
if (report.funnel.invited !== s0.invited || report.funnel.completed !== s0.completed || report.candidates.length !== CANDIDATES || report.funnel.invited !== CANDIDATES + NOT_STARTED) {
  throw new Error(`the report disagrees with the bare SQL: ${JSON.stringify(report.funnel)} vs ${JSON.stringify(s0)}`);
}
console.log(`[bench] funnel ${JSON.stringify(report.funnel)}, average ${report.averageScore}, median ${report.timeToComplete.medianSeconds} s`);

const explains: { name: string; ms: number; buffers: number }[] = [];
for (const s of statements) {
  const plan = await handle.query<{ "QUERY PLAN": unknown }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.sql}`, s.params);
  const top = plan[0]!["QUERY PLAN"] as { Plan: Record<string, unknown>; "Execution Time": number }[];
  explains.push({ name: s.name, ms: top[0]!["Execution Time"], buffers: Number(top[0]!.Plan["Shared Hit Blocks"] ?? 0) + Number(top[0]!.Plan["Shared Read Blocks"] ?? 0) });
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}
const stats = (xs: number[]) => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) });

const actor = { id: userId };
for (let i = 0; i < 20; i++) {
  await bare();
  await buildReport(interview);
}
await getReport({ actor, interviewId }); // stores a fresh copy
const tBare: number[] = [];
const tBuild: number[] = [];
const tStored: number[] = [];
for (let i = 0; i < RUNS; i++) {
  let t = performance.now();
  await bare();
  tBare.push(performance.now() - t);
  t = performance.now();
  await buildReport(interview);
  tBuild.push(performance.now() - t);
  t = performance.now();
  await getReport({ actor, interviewId });
  tStored.push(performance.now() - t);
}
const tCsv: number[] = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  reportCsv(report);
  tCsv.push(performance.now() - t);
}
const tPdf: number[] = [];
let pdfBytes = 0;
await reportPdf(report, "en"); // fonts and modules loaded
for (let i = 0; i < PDF_RUNS; i++) {
  const t = performance.now();
  pdfBytes = (await reportPdf(report, i % 2 ? "ru" : "en")).length;
  tPdf.push(performance.now() - t);
}
const pdf = await reportPdf(report, "en");
const pageCount = (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;

const r = { bare: stats(tBare), build: stats(tBuild), stored: stats(tStored), csv: stats(tCsv), pdf: stats(tPdf) };
const ratio = r.build.p95 / r.bare.p95;
const ms = (x: { p50: number; p95: number }) => `${x.p50.toFixed(2)} / ${x.p95.toFixed(2)} ms`;
console.log(`[bench] bare SQL ${ms(r.bare)}; buildReport ${ms(r.build)}; getReport (fresh copy) ${ms(r.stored)}; ratio ${ratio.toFixed(2)}; CSV ${ms(r.csv)}; PDF ${ms(r.pdf)} (${pageCount} pages, ${pdfBytes} bytes)`);

const date = new Date().toISOString().slice(0, 10);
const section = [
  `Machine: ${await machine()}. Date: ${date}. Script: \`npm run bench:report\` (database \`${opts.database}\`; ${RUNS} interleaved`,
  `calls after 20 warm-up calls, warm cache; the PDF ${PDF_RUNS} times).`,
  "",
  `**Data.** The compare benchmark's shape (bench/seed-review.ts): one interview with ${seeded!.sessions.toLocaleString("en-US")} candidate sessions and`,
  `${seeded!.answers.toLocaleString("en-US")} answers to its ${QUESTIONS} questions (${seeded!.scorings.toLocaleString("en-US")} scorings with their criteria), another interview of the same account`,
  `with ${seeded!.noise.toLocaleString("en-US")} candidates in the same tables (${seeded!.analyses.toLocaleString("en-US")} analysis rows in all); plus an invitation behind every session`,
  `and ${NOT_STARTED} that never started (funnel ${report.funnel.invited} → ${report.funnel.opened} → ${report.funnel.started} → ${report.funnel.completed}).`,
  "",
  `**Method.** "Bare SQL" is the ${statements.length} statements of lib/server/reports/report-queries.ts (questions, funnel and scores,`,
  "time to complete, per-question answers and scores with each criterion's from the scoring JSON, drop-off, score",
  "distribution, ranked candidates) sent concurrently on the same pool, as the report sends them; \"buildReport\" is the",
  "live computation (the same statements, then rounding, ordering and assembling the JSON); \"getReport, fresh copy\" is",
  "what the API and the page do when nothing changed since the stored copy (ownership, the staleness check, the stored",
  "JSON). The report and the bare statements agree (checked).",
  "",
  "| what | p50 / p95 |",
  "|---|---:|",
  `| bare SQL (${statements.length} statements) | ${ms(r.bare)} |`,
  `| buildReport (live) | ${ms(r.build)} |`,
  `| getReport, fresh stored copy | ${ms(r.stored)} |`,
  `| CSV of the report | ${ms(r.csv)} |`,
  `| PDF of the report (${pageCount} pages, ${(pdfBytes / 1024).toFixed(0)} KB, charts and all ${CANDIDATES.toLocaleString("en-US")} candidates) | ${ms(r.pdf)} |`,
  "",
  `p95 ratio buildReport / bare SQL: **${ratio.toFixed(2)}** (goal ≤ 3)${ratio <= 3 ? "" : " — goal missed"}.`,
  "",
  "Each statement alone (EXPLAIN ANALYZE): " + explains.map((e) => `${e.name} ${e.ms.toFixed(1)} ms / ${e.buffers.toLocaleString("en-US")} buffers`).join("; ") + ".",
].join("\n");
console.log(`\n${section}`);
if (!opts["no-docs"]) await writeSection("report.ts", "## Report on 1,000 candidates", section);

await db.$disconnect();
await closeDb();
process.exit(ratio <= 3 ? 0 : 1);
