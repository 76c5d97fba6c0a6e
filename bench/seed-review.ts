// The review data shape shared by the compare and report benchmarks (issue 13): an interview
// with 1,000 candidate sessions and 5,000 answers (each with its scoring, the recordings with a
// transcript and media flags, every completed session with its summary) next to another
// interview of the same account with 20,000 candidates in the same tables. The statements are
// those of bench/compare.ts's seed (h2a), as a function; bench/report.ts calls it.
import type { RawConnection } from "@/lib/db/client";

export const CANDIDATES = 1_000;
export const QUESTIONS = 5; // 4 recorded, 1 written: 5,000 answers
export const NOISE = 20_000; // candidates of the account's other interview, in the same tables

/**
 * Replaces the sessions, answers, media and analyses of `interviewId` (CANDIDATES) and
 * `otherId` (NOISE), both interviews of `userId` with QUESTIONS published questions.
 */
export async function seedReviewData(handle: RawConnection, { userId, interviewId, otherId }: { userId: string; interviewId: string; otherId: string }): Promise<void> {
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
}

export type Counts = { sessions: number; answers: number; scorings: number; flagged: number; analyses: number; noise: number };
/** What the seed made (checked before a run reuses it). */
export async function reviewCounts(handle: RawConnection, interviewId: string, otherId: string): Promise<Counts> {
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

