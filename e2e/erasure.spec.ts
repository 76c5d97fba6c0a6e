// A candidate's erasure request, honoured by HR in one action on the review page: a candidate
// records an answer (stored and processed the way the candidate's page does it) and writes one;
// HR erases the candidate's data from the review page's dialog. The page and the candidates list
// then say "Erased", the recording's signed URLs (MP4 and poster) answer 404, the written answer
// is gone and the account's storage use is back to 0.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import pg from "pg";
import { e2eDatabaseUrl, expect, signUp, test, uniqueEmail } from "./fixtures";

const WEBM = readFileSync("tests/media/two-seconds.webm");
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/**
 * HR's interview with one candidate who recorded an answer (stored and processed) and wrote
 * one; HR is on the candidate's review page with the recording processed and counted.
 */
async function candidateWithRecording(page: Page, browser: Browser, baseURL: string) {
  const origin = new URL(baseURL!).origin;
  const json = { origin, "content-type": "application/json" };
  await signUp(page);

  const created = await page.request.post("/api/v1/interviews", {
    headers: json,
    data: {
      title: `Erasure ${Date.now()}`,
      questions: [
        { prompt: "Introduce yourself on camera.", type: "video", maxSeconds: 60 },
        { prompt: "Which city do you live in?", type: "text", maxCharacters: 200 },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const interview = (await created.json()) as { id: string; questions: { id: string; prompt: string }[] };
  const [video, text] = interview.questions;
  expect((await page.request.post(`/api/v1/interviews/${interview.id}/publish`, { headers: json })).ok()).toBe(true);
  const email = uniqueEmail("erase");
  expect((await page.request.post(`/api/v1/interviews/${interview.id}/invitations`, { headers: json, data: { candidates: [{ email, name: "Erin Erasable" }] } })).status()).toBe(201);
  const rows = (await (await page.request.get(`/api/v1/interviews/${interview.id}/invitations`)).json()) as { data: { email: string; link: string }[] };
  const link = new URL(rows.data.find((r) => r.email === email)!.link).pathname;

  // The candidate: consent, one recorded take over tus, one written answer, submitted.
  const cand = await browser.newContext({ baseURL });
  const cp = await cand.newPage();
  await cp.goto(`${link}/start`);
  await cp.getByRole("checkbox", { name: /stored for .* to review/ }).check();
  await cp.getByRole("checkbox", { name: /assessed by AI/ }).check();
  await cp.getByRole("button", { name: "Continue" }).click();
  await expect(cp).not.toHaveURL(/\/start$/);
  const started = await cand.request.post(`${link}/takes`, { headers: json, data: { questionId: video!.id, mimeType: "video/webm;codecs=vp8,opus" } });
  expect(started.status(), await started.text()).toBe(201);
  const take = (await started.json()) as { takeId: string; grant: string; uploadUrl: string };
  const tus = { origin, "tus-resumable": "1.0.0", "upload-grant": take.grant, "upload-writer": randomBytes(16).toString("base64url") };
  expect((await cand.request.post(take.uploadUrl, { headers: { ...tus, "upload-length": String(WEBM.length) } })).status()).toBe(201);
  const patched = await cand.request.patch(`${take.uploadUrl}/${take.takeId}`, { headers: { ...tus, "upload-offset": "0", "content-type": "application/offset+octet-stream" }, data: WEBM });
  expect(patched.status()).toBe(204);
  const finalised = await cand.request.post(`${link}/takes/${take.takeId}/finalise`, {
    headers: json,
    data: { bytes: WEBM.length, sha256: sha256(WEBM), durationSeconds: 2, mimeType: "video/webm;codecs=vp8,opus" },
  });
  expect(finalised.status(), await finalised.text()).toBe(200);
  await cp.goto(`${link}/questions`);
  await expect(cp.getByRole("heading", { level: 1 })).toHaveText(text!.prompt);
  await cp.getByLabel("Your answer").fill("Lisbon, by the river.");
  await cp.getByRole("button", { name: "Submit answer" }).click();
  await cp.getByRole("button", { name: "Submit the interview" }).click();
  await expect(cp).toHaveURL(new RegExp(`${link}/done$`));
  await cand.close();

  // HR opens the candidate; the recording is processed (MP4 and poster) and counted.
  await page.goto(`/interviews/${interview.id}`);
  await page.getByRole("link", { name: "Answers of Erin Erasable" }).click();
  await expect(page).toHaveURL(new RegExp(`/interviews/${interview.id}/candidates/[0-9a-f-]{36}$`));
  const sessionId = page.url().split("/").at(-1)!;
  type Media = { status: string; playbackUrl: string; thumbnailUrl: string | null };
  const mediaOf = async () => ((await (await page.request.get(`/api/v1/sessions/${sessionId}`)).json()) as { answers: { media?: Media }[] }).answers.find((a) => a.media)?.media;
  await expect.poll(async () => (await mediaOf())?.status, { timeout: 45_000, message: "the recording to be processed" }).toBe("processed");
  const media = (await mediaOf())!;
  const urls = [media.playbackUrl, media.thumbnailUrl!];
  for (const url of urls) expect((await page.request.get(url)).status(), url).toBe(200);
  const storageUsed = async () => ((await (await page.request.get("/api/v1/me")).json()) as { account: { storageUsed: number } }).account.storageUsed;
  await expect.poll(storageUsed, { timeout: 15_000 }).toBeGreaterThan(0);

  return { origin, interview, sessionId, urls, storageUsed };
}

test("HR erases a candidate: every file 404, the page and the list show the erasure, storage back to 0", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const { origin, interview, sessionId, urls, storageUsed } = await candidateWithRecording(page, browser, baseURL!);

  // The erasure: a dialog that names what goes, then one click.
  await page.reload();
  await page.getByRole("button", { name: "Erase candidate's data" }).click();
  const dialog = page.getByRole("dialog", { name: "Erase this candidate's data?" });
  await expect(dialog).toContainText("every recording");
  await dialog.getByRole("button", { name: "Erase permanently" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Erased on / })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Erased candidate");
  await expect(page.getByText("Lisbon, by the river.")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Erase candidate's data" })).toHaveCount(0);

  for (const url of urls) expect((await page.request.get(url)).status(), url).toBe(404);
  const again = await page.request.post(`/api/v1/sessions/${sessionId}/erase`, { headers: { origin } });
  expect(again.status()).toBe(409);
  await expect.poll(storageUsed, { timeout: 15_000, message: "media.deleted consumed by storage accounting" }).toBe(0);

  await page.goto(`/interviews/${interview.id}`);
  await expect(page.getByRole("link", { name: "Answers of Erased candidate" })).toBeVisible();
  await expect(page.getByText("Erin Erasable")).toHaveCount(0);
});

test("retention: once an interview closed longer ago than the account's period, saving the period erases its candidates and every file", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const database = e2eDatabaseUrl();
  test.skip(!database, "needs the e2e server's PostgreSQL to move the close date into the past");
  const { interview, sessionId, urls, storageUsed } = await candidateWithRecording(page, browser, baseURL!);
  // The only candidate finished, so the interview completed by itself (interview.completed, which
  // apply-retention also hears: no period yet, nothing erased). Three days pass: it closed, and
  // the candidate finished, before that.
  const client = new pg.Client({ connectionString: database! });
  await client.connect();
  try {
    await client.query("UPDATE interviews SET closed_at = now() - interval '3 days', completed_at = now() - interval '3 days' WHERE id = $1", [interview.id]);
    await client.query("UPDATE candidate_sessions SET completed_at = now() - interval '3 days 1 hour', updated_at = now() - interval '3 days 1 hour' WHERE interview_id = $1", [interview.id]);
  } finally {
    await client.end();
  }

  await page.goto("/settings");
  await page.getByRole("radio", { name: /Erase candidates' data a number of days/ }).check();
  await page.getByLabel("Days after the interview closes").fill("1");
  await page.getByRole("button", { name: "Save retention" }).click();
  await expect(page.getByText("Retention period saved.")).toBeVisible();

  // apply-retention sweeps the account at once (user.updated).
  const session = async () => (await (await page.request.get(`/api/v1/sessions/${sessionId}`)).json()) as { candidateName: string; erasedAt: string | null };
  await expect.poll(async () => (await session()).candidateName, { timeout: 30_000, message: "the retention sweep to erase the session" }).toBe("Erased candidate");
  expect((await session()).erasedAt).not.toBeNull();
  for (const url of urls) expect((await page.request.get(url)).status(), url).toBe(404);
  await expect.poll(storageUsed, { timeout: 15_000, message: "media.deleted consumed by storage accounting" }).toBe(0);
  // In the event log: the erasure, with its reason.
  await page.goto("/events");
  await page.getByRole("link", { name: "candidate.erased", exact: true }).first().click();
  await expect(page.getByLabel("Event JSON")).toContainText('"reason": "retention"');
});
