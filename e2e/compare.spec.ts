// The compare page (issue 13): HR's interview with five candidates already judged and scored
// (written into the e2e server's database, as the analysis pipeline and the review page would
// leave them) is ranked by decision then rating then AI score; a filter in the URL narrows it,
// an invalid one is explained on the page; the shortlist toggles and publishes its event; axe
// finds no serious or critical violation.
import AxeBuilder from "@axe-core/playwright";
import pg from "pg";
import { e2eDatabaseUrl, expect, signUp, test } from "./fixtures";

const DATABASE = e2eDatabaseUrl();

type Candidate = { name: string; decision: string | null; rating: number | null; score: number; flags?: string[] };
// Expected order: advance (rating 3: 8.0 before 6.0), hold, no decision, reject, whatever the AI says.
const CANDIDATES: Candidate[] = [
  { name: "Rex Reject", decision: "reject", rating: 5, score: 10 },
  { name: "Nora None", decision: null, rating: null, score: 9.9, flags: ["silent"] },
  { name: "Ann Advance", decision: "advance", rating: 3, score: 6 },
  { name: "Hank Hold", decision: "hold", rating: 5, score: 9.5 },
  { name: "Ben Advance", decision: "advance", rating: 3, score: 8 },
];
const RANKED = ["Ben Advance", "Ann Advance", "Hank Hold", "Nora None", "Rex Reject"];

/** Sessions with a decision, rating and overall score, each with a scored recorded answer to the first question. */
async function seedCandidates(interviewId: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: DATABASE! });
  await client.connect();
  try {
    const ids: Record<string, string> = {};
    const [iv] = (
      await client.query<{ user_id: string; version_id: string; question_id: string }>(
        `SELECT v.user_id, v.current_version_id AS version_id, q.id AS question_id
           FROM interviews v JOIN questions q ON q.version_id = v.current_version_id AND q.position = 1 WHERE v.id = $1`,
        [interviewId],
      )
    ).rows;
    for (const c of CANDIDATES) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO candidate_sessions (id, interview_id, version_id, candidate_email, candidate_name, status, decision, rating, overall_score,
                                         analysis_status, answered_count, completed_at, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, 'completed', $5, $6, $7, 'completed', 1, now(), now()) RETURNING id`,
        [interviewId, iv!.version_id, `${c.name.split(" ")[0]!.toLowerCase()}@example.com`, c.name, c.decision, c.rating, c.score],
      );
      const sessionId = rows[0]!.id;
      ids[c.name] = sessionId;
      const flags = JSON.stringify((c.flags ?? []).map((flag) => ({ flag, reason: "No speech was heard." })));
      await client.query(
        `WITH m AS (
           INSERT INTO media_files (id, user_id, kind, status, bucket, path, file_name, mime_type, flags, updated_at)
           VALUES (gen_random_uuid(), $1::uuid, 'response', 'ready', 'media', 'compare/' || $2::text || '.webm', 'answer.webm', 'video/webm', $5::jsonb, now()) RETURNING id),
         r AS (
           INSERT INTO responses (id, session_id, question_id, status, media_file_id, submitted_at, updated_at)
           SELECT gen_random_uuid(), $2::uuid, $3::uuid, 'ready', m.id, now(), now() FROM m RETURNING id)
         INSERT INTO analyses (id, user_id, session_id, response_id, analysis_type, kind, status, overall_score, completed_at)
         SELECT gen_random_uuid(), $1::uuid, $2::uuid, r.id, 'scoring', 'model', 'completed', $4::float8, now() FROM r`,
        [iv!.user_id, sessionId, iv!.question_id, c.score, flags],
      );
    }
    return ids;
  } finally {
    await client.end();
  }
}

async function shortlistEvents(sessionId: string): Promise<{ shortlisted: boolean; events: number }> {
  const client = new pg.Client({ connectionString: DATABASE! });
  await client.connect();
  try {
    const s = await client.query<{ shortlisted: boolean }>("SELECT shortlisted FROM candidate_sessions WHERE id = $1", [sessionId]);
    const e = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE session_id = $1 AND event_type = 'candidate.reviewed' AND data->'changes' = '["shortlist"]'::jsonb`,
      [sessionId],
    );
    return { shortlisted: s.rows[0]!.shortlisted, events: e.rows[0]!.n };
  } finally {
    await client.end();
  }
}

test("compare ranks by decision then score, filters through the URL, and toggles the shortlist", async ({ page, baseURL }) => {
  test.skip(!DATABASE, "seeds the e2e server's PostgreSQL database");
  const origin = new URL(baseURL!).origin;
  await signUp(page);
  const headers = { origin, "content-type": "application/json" };
  const created = await page.request.post("/api/v1/interviews", {
    headers,
    data: { title: "Compare journey", questions: [{ prompt: "Tell us about a migration you led." }, { prompt: "Why us?", type: "text", maxCharacters: 300 }] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id: interviewId } = (await created.json()) as { id: string };
  expect((await page.request.post(`/api/v1/interviews/${interviewId}/publish`, { headers })).ok()).toBe(true);
  const ids = await seedCandidates(interviewId);

  // From the interview page to the comparison.
  await page.goto(`/interviews/${interviewId}`);
  await page.getByTestId("compare-link").click();
  await expect(page).toHaveURL(new RegExp(`/interviews/${interviewId}/compare$`));
  const names = page.getByTestId("candidate-link");
  await expect(names).toHaveText(RANKED);
  const first = page.getByTestId("compare-row").first();
  await expect(first.getByTestId("decision")).toHaveText("Advance");
  await expect(first.getByTestId("overall-score")).toHaveText("8.0");
  await expect(page.getByTestId("compare-row").filter({ hasText: "Nora None" }).getByTestId("flags")).toHaveText("Silent");
  await expect(names.first()).toHaveAttribute("href", `/interviews/${interviewId}/candidates/${ids["Ben Advance"]}`);

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // A filter: the form's untouched fields are dropped from the URL.
  await page.getByLabel("Decision").selectOption("advance");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?decision=advance$`));
  await expect(names).toHaveText(["Ben Advance", "Ann Advance"]);
  await page.goto(`/interviews/${interviewId}/compare?flag=silent`);
  await expect(names).toHaveText(["Nora None"]);

  // An invalid filter is explained, not a server error.
  const invalid = await page.goto(`/interviews/${interviewId}/compare?minScore=lots`);
  expect(invalid?.status()).toBe(200);
  await expect(page.getByRole("alert").filter({ hasText: "These filters are not valid" })).toBeVisible();
  await expect(page.locator('[data-field-error="minScore"]')).toHaveText("Give a score from 0 to 10.");

  // The shortlist: toggled on the page, stored, published, and filterable.
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(names).toHaveText(RANKED);
  const toggle = page.getByRole("button", { name: "Shortlist Hank Hold" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect.poll(() => shortlistEvents(ids["Hank Hold"]!)).toEqual({ shortlisted: true, events: 1 });
  await page.getByLabel("Shortlisted only").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/\?shortlisted=1$/);
  await expect(names).toHaveText(["Hank Hold"]);
  await page.getByRole("button", { name: "Shortlist Hank Hold" }).click();
  await expect.poll(() => shortlistEvents(ids["Hank Hold"]!)).toEqual({ shortlisted: false, events: 2 });
});
