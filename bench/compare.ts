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
const CANDIDATES = 1_000;
const QUESTIONS = 5; // 4 recorded, 1 written: 5,000 answers
const NOISE = 20_000; // candidates of the account's other interview, in the same tables

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
  const { userId, interviewId, otherId } = found;
  await handle.query("DELETE FROM analyses WHERE user_id = $1", [userId]);
  await handle.query("DELETE FROM responses r USING candidate_sessions s WHERE s.id = r.session_id AND s.interview_id = ANY($1::uuid[])", [[interviewId, otherId]]);
  await handle.query("DELETE FROM media_files WHERE user_id = $1", [userId]);
  await handle.query("DELETE FROM candidate_sessions WHERE interview_id = ANY($1::uuid[])", [[interviewId, otherId]]);

  // Sessions: 85 % completed, 10 % in progress, 5 % abandoned; decisions on a third (advance,
  // hold, reject), ratings on half, an overall score on the completed ones; 5 % shortlisted.
  const sessions = (iv: string, n: number, prefix: string) =>
    handle.query(
      `INSERT INTO candidate_sessions (id, interview_id, version_id, candidate_email, candidate_name, status, decision, rating,
                                       overall_score, shortlisted, analysis_status, answered_count, started_at, completed_at, updated_at)
       SELECT gen_random_uuid(), v.id, v.current_version_id, $2 || g || '@example.com',
              (ARRAY['Anna','Boris','Clara','Dmitri','Elena','Farid','Greta','Hugo','Irina','Jonas'])[1 + g % 10] || ' Candidate ' || g,
              st.status::"SessionStatus",
              CASE g % 9 WHEN 0 THEN 'advance' WHEN 1 THEN 'hold' WHEN 2 THEN 'reject' END,
              CASE WHEN g % 2 = 0 THEN 1 + (g / 2) % 5 END,
              CASE WHEN st.status = 'completed' THEN round(((g * 37) % 101 / 10.0)::numeric, 1)::float8 END,
              g % 20 = 0, CASE WHEN st.status = 'completed' THEN 'completed' ELSE 'pending' END,
              CASE WHEN st.status = 'completed' THEN ${QUESTIONS} ELSE 2 END,
              now() - interval '30 days' + g * interval '1 minute',
              CASE WHEN st.status = 'completed' THEN now() - interval '30 days' + g * interval '1 minute' + interval '40 minutes' END,
              now()
         FROM interviews v, generate_series(1, $3::int) g
        CROSS JOIN LATERAL (SELECT CASE WHEN g % 20 < 17 THEN 'completed' WHEN g % 20 < 19 THEN 'in_progress' ELSE 'abandoned' END AS status) st
        WHERE v.id = $1::uuid`,
      [iv, prefix, n],
    );
  await sessions(interviewId, CANDIDATES, "cand-");
  await sessions(otherId, NOISE, "other-");

  // Every question answered by the completed sessions, the first two by the others. Recorded
  // answers get a media file (flags on 3 %: silent, blank video, or both).
  await handle.query(
    `WITH a AS (
       SELECT s.id AS session_id, q.id AS question_id, q.type, q.position, s.interview_id,
              row_number() OVER () AS n
         FROM candidate_sessions s JOIN questions q ON q.version_id = s.version_id
        WHERE s.interview_id = ANY($1::uuid[]) AND (s.status = 'completed' OR q.position <= 2)),
     m AS (
       INSERT INTO media_files (id, user_id, kind, status, bucket, path, file_name, mime_type, original_size, processed_size,
                                processed_path, thumbnail_path, duration_seconds, flags, processed_at, updated_at)
       SELECT gen_random_uuid(), $2::uuid, 'response', 'ready', 'media', 'responses/' || a.session_id || '/' || a.question_id || '.webm',
              'answer.webm', 'video/webm', 4000000, 2500000, 'responses/' || a.session_id || '/' || a.question_id || '.mp4',
              'responses/' || a.session_id || '/' || a.question_id || '.jpg', 60 + a.n % 60,
              CASE a.n % 100 WHEN 0 THEN '[{"flag":"silent","reason":"No speech was heard."}]'::jsonb
                             WHEN 1 THEN '[{"flag":"blank_video","reason":"The picture is black."}]'::jsonb
                             WHEN 2 THEN '[{"flag":"silent","reason":"No speech was heard."},{"flag":"blank_video","reason":"The picture is black."}]'::jsonb
                             ELSE '[]'::jsonb END,
              now(), now()
         FROM a WHERE a.type = 'video'
       RETURNING id, path)
     INSERT INTO responses (id, session_id, question_id, attempt, status, media_file_id, text_answer, duration_seconds, submitted_at, updated_at)
     SELECT gen_random_uuid(), a.session_id, a.question_id, 1, 'ready', m.id,
            CASE WHEN a.type = 'text' THEN repeat('A written answer. ', 40) END, 60, now(), now()
       FROM a LEFT JOIN m ON m.path = 'responses/' || a.session_id || '/' || a.question_id || '.webm'`,
    [[interviewId, otherId], userId],
  );
  // Top the compared interview up to exactly 5,000 answers with retakes: some completed answers
  // become attempt 2 and get an earlier submitted attempt 1, which the loader must not show.
  const [{ n: answered } = { n: 0 }] = await handle.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM responses r JOIN candidate_sessions s ON s.id = r.session_id WHERE s.interview_id = $1",
    [interviewId],
  );
  await handle.query(
    `UPDATE responses SET attempt = 2 WHERE id IN (
       SELECT r.id FROM responses r JOIN candidate_sessions s ON s.id = r.session_id
        WHERE s.interview_id = $1 AND s.status = 'completed' ORDER BY r.id LIMIT $2)`,
    [interviewId, Math.max(0, CANDIDATES * QUESTIONS - answered)],
  );
  await handle.query(
    `INSERT INTO responses (id, session_id, question_id, attempt, status, text_answer, submitted_at, updated_at)
     SELECT gen_random_uuid(), r.session_id, r.question_id, 1, 'ready', 'An earlier take.', now() - interval '1 hour', now()
       FROM responses r JOIN candidate_sessions s ON s.id = r.session_id
      WHERE s.interview_id = $1 AND r.attempt = 2`,
    [interviewId],
  );
  // A transcript of every recording, a scoring of every answer (2 % failed, 3 % skipped) and a
  // summary of every completed session, with results of a realistic size.
  await handle.query(
    `INSERT INTO analyses (id, user_id, session_id, response_id, analysis_type, kind, status, result, overall_score, model, completed_at)
     SELECT gen_random_uuid(), $2::uuid, r.session_id, r.id, 'transcription', 'model', 'completed',
            jsonb_build_object('text', repeat('I led the migration of our billing system. ', 30), 'language', 'en', 'durationSec', 60, 'segments', '[]'::jsonb),
            NULL, 'whisper-1', now()
       FROM responses r JOIN candidate_sessions s ON s.id = r.session_id
      WHERE s.interview_id = ANY($1::uuid[]) AND r.media_file_id IS NOT NULL`,
    [[interviewId, otherId], userId],
  );
  await handle.query(
    `INSERT INTO analyses (id, user_id, session_id, response_id, analysis_type, kind, status, result, overall_score, model, error, completed_at)
     SELECT gen_random_uuid(), $2::uuid, r.session_id, r.id, 'scoring', 'model', st.status::"AnalysisStatus",
            CASE WHEN st.status = 'completed' THEN jsonb_build_object('summary', repeat('Clear and structured. ', 10), 'sentiment', 'positive', 'skills', '["sql"]'::jsonb,
                 'criteria', jsonb_build_array(jsonb_build_object('name', 'Clarity', 'score', 7, 'weight', 1, 'explanation', 'Explains why.', 'evidence', '[]'::jsonb, 'dropped', '[]'::jsonb))) END,
            CASE WHEN st.status = 'completed' THEN round((((hashtext(r.id::text) & 2147483647) % 101) / 10.0)::numeric, 1)::float8 END,
            'gpt-4o-mini', CASE WHEN st.status <> 'completed' THEN 'Not scored in the benchmark.' END, now()
       FROM responses r JOIN candidate_sessions s ON s.id = r.session_id
      CROSS JOIN LATERAL (SELECT CASE (hashtext(r.id::text) & 2147483647) % 100 WHEN 0 THEN 'failed' WHEN 1 THEN 'failed'
                                 WHEN 2 THEN 'skipped' WHEN 3 THEN 'skipped' WHEN 4 THEN 'skipped' ELSE 'completed' END AS status) st
      WHERE s.interview_id = ANY($1::uuid[])`,
    [[interviewId, otherId], userId],
  );
  await handle.query(
    `INSERT INTO analyses (id, user_id, session_id, analysis_type, kind, status, result, overall_score, model, completed_at)
     SELECT gen_random_uuid(), $2::uuid, s.id, 'summary', 'model', 'completed', jsonb_build_object('summary', repeat('A strong candidate. ', 20)),
            s.overall_score, 'gpt-4o-mini', now()
       FROM candidate_sessions s WHERE s.interview_id = ANY($1::uuid[]) AND s.status = 'completed'`,
    [[interviewId, otherId], userId],
  );
  for (const t of ["candidate_sessions", "responses", "media_files", "analyses", "questions"]) await handle.query(`VACUUM (ANALYZE) ${t}`);
  console.log(`[bench] seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return found;
}

type Counts = { sessions: number; answers: number; scorings: number; flagged: number; analyses: number; noise: number };
async function counts(interviewId: string, otherId: string): Promise<Counts> {
  const [c] = await handle.query<Counts>(
    `SELECT (SELECT count(*) FROM candidate_sessions WHERE interview_id = $1)::int AS sessions,
            (SELECT count(*) FROM responses r JOIN candidate_sessions s ON s.id = r.session_id WHERE s.interview_id = $1)::int AS answers,
            (SELECT count(*) FROM analyses a JOIN candidate_sessions s ON s.id = a.session_id WHERE s.interview_id = $1 AND a.analysis_type = 'scoring')::int AS scorings,
            (SELECT count(*) FROM responses r JOIN candidate_sessions s ON s.id = r.session_id JOIN media_files m ON m.id = r.media_file_id
              WHERE s.interview_id = $1 AND m.flags @> '[{}]')::int AS flagged,
            (SELECT count(*) FROM analyses)::int AS analyses,
            (SELECT count(*) FROM candidate_sessions WHERE interview_id = $2)::int AS noise`,
    [interviewId, otherId],
  );
  return c!;
}

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
