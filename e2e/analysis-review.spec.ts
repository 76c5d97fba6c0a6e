// The whole analysis journey (issue 12), with nothing written into the database by the test: HR
// publishes an interview with a recorded question (rubric: Clarity, weight 2) and a written one;
// a candidate records an answer with Chromium's fake camera and microphone and writes the other
// (with "excellent" in it); the e2e server's embedded runner then processes the recording
// (ffmpeg), transcribes and scores it, scores the written answer and writes the session's
// summary through the real SDK against the local OpenAI-compatible server (playwright.config.ts:
// tests/openai-server-main.ts, whose transcript is tests/openai-server.ts's DEFAULT_TRANSCRIPT and
// whose scores come from tests/openai-analyst.ts: 7 per criterion, 9 when the answer says
// "excellent"). HR gets both emails in the mailbox, the review page shows the overall score
// (computed in code: (7 + 9) / 2 = 8), the summary, the transcript and the evidence quote that
// plays the video from its time (the quote the model invented is dropped), the API has the same,
// and the provider was called once to transcribe and three times to chat.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { continueFromStart } from "./candidate-fixtures";
import { expect, signUp, test, uniqueEmail } from "./fixtures";

const CANDIDATE = "Quinn Queue";
// tests/openai-server.ts DEFAULT_TRANSCRIPT, as the local server transcribes every recording.
const SENTENCE_1 = "I led the migration of our billing system to PostgreSQL.";
const SENTENCE_2 = "We cut the monthly close from three days to four hours.";
// tests/openai-analyst.ts quotes the first up to 8 words of the first sentence of 4 or more words.
const QUOTE = "I led the migration of our billing system";
const WRITTEN = "I am an excellent communicator and I write clear runbooks.";
// The local server's stats side port (OPENAI_PORT + 1), as playwright.config.ts starts it.
const STATS_URL = `http://127.0.0.1:${Number(process.env.OPENAI_PORT ?? 3192) + 1}/stats`;

type Stats = { transcriptions: number; chat: number; requests: number };
type Interview = { id: string; publicLink: string; questions: { id: string; type: string; prompt: string }[] };

async function createInterview(request: APIRequestContext, origin: string): Promise<Interview> {
  const headers = { origin, "content-type": "application/json" };
  const created = await request.post("/api/v1/interviews", {
    headers,
    data: {
      title: `Analysis journey ${Date.now()}`,
      questions: [
        {
          prompt: "Tell us about a migration you led.",
          type: "video",
          thinkSeconds: 0,
          maxSeconds: 60,
          retakes: 1,
          rubric: [{ name: "Clarity", description: "Explains what was done and why.", weight: 2 }],
        },
        { prompt: "How do you keep a team informed?", type: "text", maxCharacters: 300 },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const interview = (await created.json()) as Omit<Interview, "publicLink">;
  const published = await request.post(`/api/v1/interviews/${interview.id}/publish`, { headers });
  expect(published.ok(), await published.text()).toBe(true);
  const { publicLink } = (await published.json()) as { publicLink: string };
  return { ...interview, publicLink: new URL(publicLink).pathname };
}

async function stats(request: APIRequestContext): Promise<Stats> {
  const res = await request.get(STATS_URL);
  expect(res.ok(), `the local OpenAI server's stats at ${STATS_URL}`).toBe(true);
  return (await res.json()) as Stats;
}

/**
 * The public link's start page up to the questions: name, email, both consents (the AI one is
 * there because the interview's AI analysis is on), then past the device check.
 */
async function startCandidate(cand: Page, publicLink: string, email: string, name: string): Promise<void> {
  await cand.goto(publicLink);
  await cand.getByRole("link", { name: "Start the interview" }).click();
  await cand.getByLabel("Your name").fill(name);
  await cand.getByLabel("Your email").fill(email);
  await cand.getByRole("checkbox", { name: /stored for .* to review/ }).check();
  await cand.getByRole("checkbox", { name: /transcribed and assessed by AI/ }).check();
  await continueFromStart(cand, publicLink);
  if (cand.url().endsWith("/check")) await cand.getByRole("link", { name: "Continue to the questions" }).click();
  await expect(cand).toHaveURL(new RegExp(`${publicLink}/questions$`));
}

/** Records about `seconds` with the fake camera and microphone, then submits the take. */
async function recordAndSubmit(cand: Page, seconds: number): Promise<void> {
  const answer = cand.getByTestId("video-answer");
  await cand.getByRole("button", { name: "Turn on camera and microphone" }).click();
  await cand.getByRole("button", { name: "Start recording" }).click();
  await expect(answer).toHaveAttribute("data-phase", "recording", { timeout: 15_000 });
  await expect(async () => {
    expect(Number(await cand.getByTestId("upload-progress").getAttribute("data-acked"))).toBeGreaterThan(0);
  }).toPass({ timeout: 10_000 });
  await cand.waitForTimeout(seconds * 1000);
  await cand.getByRole("button", { name: "Stop recording" }).click();
  await expect(answer).toHaveAttribute("data-phase", "review");
  await expect(cand.getByTestId("upload-health")).toHaveText("Everything is saved on the server", { timeout: 20_000 });
  await cand.getByRole("button", { name: "Submit this answer" }).click();
}

type Evidence = { quote: string; start?: number; end?: number };
type AnswerAnalysis = {
  status: string;
  kind: string;
  transcript?: { text: string; segments: { start: number; end: number; text: string }[] };
  summary: string | null;
  skills: string[];
  criteria: { name: string; score: number | null; evidence: Evidence[] }[];
  model: string | null;
  promptVersion: string | null;
};
type SessionBody = {
  status: string;
  answers: { questionId: string; type: string; text?: string; media?: { status: string }; analysis: AnswerAnalysis }[];
  analysis: { status: string; overallScore: number | null; summary: string | null; model: string | null; promptVersion: string | null };
};

test("the analysis journey: a recorded and a written answer are transcribed and scored by the provider; HR gets the emails, the overall score, the evidence that plays the video, and the API agrees", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const origin = new URL(baseURL!).origin;
  const hr = await signUp(page);
  const interview = await createInterview(page.request, origin);
  const [video, text] = interview.questions;
  const before = await stats(page.request);

  // The candidate, in a browser of their own: consent (AI included), a recording, a written answer.
  const cand = await browser.newContext({ baseURL });
  const cp = await cand.newPage();
  await startCandidate(cp, interview.publicLink, uniqueEmail("journey"), CANDIDATE);
  await expect(cp.getByRole("heading", { level: 1 })).toHaveText(video!.prompt);
  await recordAndSubmit(cp, 3);
  await expect(cp.getByRole("heading", { level: 1 })).toHaveText(text!.prompt, { timeout: 20_000 });
  await cp.getByLabel("Your answer").fill(WRITTEN);
  await cp.getByRole("button", { name: "Submit answer" }).click();
  await expect(cp.getByRole("heading", { name: "All questions answered" })).toBeVisible({ timeout: 20_000 });
  await cp.getByRole("button", { name: "Submit the interview" }).click();
  await expect(cp).toHaveURL(new RegExp(`${interview.publicLink}/done$`));
  await cand.close();

  // (1) HR's mailbox: the session completed, then its analysis with the overall score.
  await page.goto("/mailbox");
  await expect(page.getByRole("heading", { name: "Mailbox", level: 1 })).toBeVisible();
  const emails = page.getByRole("list", { name: "Emails" });
  const toHr = emails.getByRole("listitem").filter({ hasText: hr.email });
  await expect(async () => {
    await page.reload();
    await expect(toHr.filter({ hasText: `${CANDIDATE} completed` })).toHaveCount(1);
    await expect(toHr.filter({ hasText: `Analysis ready for ${CANDIDATE}: overall score 8/10` })).toHaveCount(1);
  }).toPass({ timeout: 90_000 });

  // (2) The review page, from the candidates table.
  await page.goto(`/interviews/${interview.id}`);
  await page.getByRole("link", { name: `Answers of ${CANDIDATE}` }).click();
  await expect(page).toHaveURL(new RegExp(`/interviews/${interview.id}/candidates/[0-9a-f-]{36}$`));
  const sessionId = page.url().split("/").at(-1)!;
  const session = page.getByTestId("session-analysis");
  await expect(session).toHaveAttribute("data-status", "completed");
  await expect(page.getByTestId("overall-score")).toHaveText("8/10");
  await expect(session).toContainText("The candidate answered 2 questions clearly and with concrete examples.");
  await expect(session).toContainText("Prompt session-v1");

  const [recorded, written] = [page.getByTestId("answer-analysis").nth(0), page.getByTestId("answer-analysis").nth(1)];
  await expect(page.getByTestId("answer-analysis")).toHaveCount(2);
  await expect(recorded).toHaveAttribute("data-status", "completed");
  await expect(recorded.getByTestId("no-model")).toHaveCount(0);
  await expect(recorded).toContainText("Prompt answer-v1");
  const clarity = recorded.getByTestId("criterion");
  await expect(clarity).toHaveCount(1);
  await expect(clarity).toContainText("Clarity");
  await expect(clarity).toContainText("7/10");
  await expect(clarity.locator("q")).toHaveText([QUOTE]);
  // The model also "quoted" a sentence the candidate never said: it is not shown.
  await expect(page.getByText(/Kubernetes/)).toHaveCount(0);
  for (const skill of ["Communication", "PostgreSQL"]) await expect(recorded.getByRole("listitem").filter({ hasText: new RegExp(`^${skill}$`) })).toHaveCount(1);
  // The transcript, one line per segment.
  await recorded.getByText("Transcript", { exact: true }).click();
  await expect(recorded.getByTestId("transcript").getByRole("listitem")).toHaveText([new RegExp(`${SENTENCE_1}$`), new RegExp(`${SENTENCE_2}$`)]);
  // The written answer: scored 9 ("excellent"), its quote without a time (there is no video).
  await expect(written).toHaveAttribute("data-status", "completed");
  await expect(written.getByTestId("criterion")).toContainText("Answer quality");
  await expect(written.getByTestId("criterion")).toContainText("9/10");
  await expect(written.getByTestId("criterion").locator("q")).toHaveText(["I am an excellent communicator and I write"]);
  await expect(written.getByTestId("criterion").getByRole("button")).toHaveCount(0);

  // The quote's time plays the recording from where the quote starts (0 s): move the playhead
  // away first, so the click is seen to move it back.
  const player = page.getByLabel("Recording of the answer to question 1");
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  const duration = await player.evaluate((v: HTMLVideoElement) => v.duration);
  expect(duration).toBeGreaterThan(2);
  const away = await player.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<number>((resolve) => {
        v.addEventListener("seeked", () => resolve(v.currentTime), { once: true });
        v.currentTime = v.duration - 0.5;
      }),
  );
  expect(away).toBeGreaterThan(1.5);
  await clarity.getByRole("button", { name: "Play from 00:00" }).click();
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeLessThan(1);
  await player.evaluate((v: HTMLVideoElement) => v.pause());
  // The transcript's second line starts (by the local server's timing) after the 3-second
  // recording ends: its button takes the playhead to the end.
  await recorded.getByTestId("transcript").getByRole("button", { name: /^Play from 00:0[1-9]$/ }).click();
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThan(duration - 0.5);

  // (5) axe on the review page with the analysis shown.
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // (3) The API gives the same analysis, with the recording's times.
  const res = await page.request.get(`/api/v1/sessions/${sessionId}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as SessionBody;
  expect(body.status).toBe("completed");
  expect(body.analysis).toEqual({ status: "completed", overallScore: 8, summary: "The candidate answered 2 questions clearly and with concrete examples.", model: expect.any(String), promptVersion: "session-v1", completedAt: expect.any(String) });
  const [apiRecorded, apiWritten] = body.answers;
  expect(apiRecorded).toMatchObject({ questionId: video!.id, type: "video", media: { status: "processed" } });
  expect(apiRecorded!.analysis).toMatchObject({
    status: "completed",
    kind: "model",
    model: expect.any(String),
    promptVersion: "answer-v1",
    skills: ["Communication", "PostgreSQL"],
    transcript: { text: expect.stringContaining(SENTENCE_2) },
  });
  const segments = apiRecorded!.analysis.transcript!.segments;
  expect(segments.map((s) => s.text.trim())).toEqual([SENTENCE_1, SENTENCE_2]);
  for (const s of segments) {
    expect(typeof s.start).toBe("number");
    expect(s.end).toBeGreaterThan(s.start);
  }
  expect(segments[0]!.start).toBe(0);
  expect(apiRecorded!.analysis.criteria).toEqual([{ name: "Clarity", score: 7, evidence: [{ quote: QUOTE, start: segments[0]!.start, end: segments[0]!.end }] }]);
  expect(apiWritten).toMatchObject({ questionId: text!.id, type: "text", text: WRITTEN });
  expect(apiWritten!.analysis).toMatchObject({ status: "completed", kind: "model", promptVersion: "answer-v1", skills: ["Communication"] });
  expect(apiWritten!.analysis.criteria).toEqual([{ name: "Answer quality", score: 9, evidence: [{ quote: "I am an excellent communicator and I write" }] }]);

  // (4) The provider's calls: one transcription, three chats (the recorded answer, the written
  // one, the summary). The local server is shared by the whole run, so other tests' sessions
  // add to its counts while they run alongside: exactly these with one worker, at least these
  // otherwise.
  const after = await stats(page.request);
  const delta = { transcriptions: after.transcriptions - before.transcriptions, chat: after.chat - before.chat };
  if (test.info().config.workers === 1) {
    expect(delta).toEqual({ transcriptions: 1, chat: 3 });
  } else {
    expect(delta.transcriptions).toBeGreaterThanOrEqual(1);
    expect(delta.chat).toBeGreaterThanOrEqual(3);
  }
});
