// HR plays a candidate's recorded answer. The recording is stored the way the candidate's page
// stores it, without the browser recorder: the candidate consents in a browser of their own,
// then that browser's cookie starts a take (POST /i/<token>/takes), uploads the real 2-second
// WebM over tus (POST + PATCH /api/uploads) and finalises it; a written answer goes through the
// question page. HR opens the candidate's page from the candidates table: the <video> loads its
// metadata and seeks over the signed, ranged URL; /api/v1/sessions/{id} gives the same media with
// a playback URL that works without a cookie and stops working once tampered with; another
// account gets 404 for the page and the API; axe finds no serious or critical violation.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, signUp, test, uniqueEmail } from "./fixtures";

const WEBM = readFileSync("tests/media/two-seconds.webm");
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

type Interview = { id: string; questions: { id: string; type: string; prompt: string }[] };

async function createInterview(request: APIRequestContext, origin: string): Promise<Interview> {
  const headers = { origin, "content-type": "application/json" };
  const created = await request.post("/api/v1/interviews", {
    headers,
    data: {
      title: `Playback ${Date.now()}`,
      questions: [
        { prompt: "Introduce yourself on camera.", type: "video", maxSeconds: 60 },
        { prompt: "Which city do you live in?", type: "text", maxCharacters: 200 },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const interview = (await created.json()) as Interview;
  const published = await request.post(`/api/v1/interviews/${interview.id}/publish`, { headers });
  expect(published.ok(), await published.text()).toBe(true);
  return interview;
}

async function invite(request: APIRequestContext, origin: string, interviewId: string, email: string, name: string): Promise<string> {
  const res = await request.post(`/api/v1/interviews/${interviewId}/invitations`, {
    headers: { origin, "content-type": "application/json" },
    data: { candidates: [{ email, name }] },
  });
  expect(res.status(), await res.text()).toBe(201);
  const list = await request.get(`/api/v1/interviews/${interviewId}/invitations`);
  const row = ((await list.json()) as { data: { email: string; link: string }[] }).data.find((r) => r.email === email);
  return new URL(row!.link).pathname;
}

test("HR plays the processed answer: H.264 MP4 (moov before mdat) with its poster, seekable on a signed URL, Range 206, the API's playbackUrl and thumbnailUrl, tampering 404", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  await signUp(page);
  const interview = await createInterview(page.request, origin);
  const [video, text] = interview.questions;
  const link = await invite(page.request, origin, interview.id, uniqueEmail("play"), "Paula Player");

  // The candidate consents in a browser of their own: it now holds the session cookie.
  const cand = await browser.newContext({ baseURL });
  const cp = await cand.newPage();
  await cp.goto(`${link}/start`);
  await cp.getByRole("checkbox", { name: /stored for .* to review/ }).check();
  await cp.getByRole("checkbox", { name: /assessed by AI/ }).check();
  await cp.getByRole("button", { name: "Continue" }).click();
  await expect(cp).not.toHaveURL(/\/start$/);

  // A take, its bytes over tus, and the finalise, as the recorder sends them.
  const json = { origin, "content-type": "application/json" };
  const started = await cand.request.post(`${link}/takes`, { headers: json, data: { questionId: video!.id, mimeType: "video/webm;codecs=vp8,opus" } });
  expect(started.status(), await started.text()).toBe(201);
  const take = (await started.json()) as { takeId: string; grant: string; uploadUrl: string };
  const tus = { origin, "tus-resumable": "1.0.0", "upload-grant": take.grant, "upload-writer": randomBytes(16).toString("base64url") };
  const created = await cand.request.post(take.uploadUrl, { headers: { ...tus, "upload-length": String(WEBM.length) } });
  expect(created.status(), await created.text()).toBe(201);
  const patched = await cand.request.patch(`${take.uploadUrl}/${take.takeId}`, {
    headers: { ...tus, "upload-offset": "0", "content-type": "application/offset+octet-stream" },
    data: WEBM,
  });
  expect(patched.status(), await patched.text()).toBe(204);
  const finalised = await cand.request.post(`${link}/takes/${take.takeId}/finalise`, {
    headers: json,
    data: { bytes: WEBM.length, sha256: sha256(WEBM), durationSeconds: 2, mimeType: "video/webm;codecs=vp8,opus" },
  });
  expect(finalised.status(), await finalised.text()).toBe(200);
  // The written answer through the question page.
  await cp.goto(`${link}/questions`);
  await expect(cp.getByRole("heading", { level: 1 })).toHaveText(text!.prompt);
  await cp.getByLabel("Your answer").fill("Lisbon, by the river.");
  await cp.getByRole("button", { name: "Submit answer" }).click();
  await expect(cp.getByRole("heading", { name: "All questions answered" })).toBeVisible();
  await cp.getByRole("button", { name: "Submit the interview" }).click();
  await expect(cp).toHaveURL(new RegExp(`${link}/done$`));
  await cand.close();

  // HR: from the candidates table to the candidate's page.
  await page.goto(`/interviews/${interview.id}`);
  await page.getByRole("link", { name: "Answers of Paula Player" }).click();
  await expect(page).toHaveURL(new RegExp(`/interviews/${interview.id}/candidates/[0-9a-f-]{36}$`));
  const sessionId = page.url().split("/").at(-1)!;

  // Media processing (process-media, run by the app's embedded runner with real ffmpeg) turns
  // the WebM into an MP4 with a poster; the API says when.
  type Media = { status: string; size: number; mimeType: string; playbackUrl: string; thumbnailUrl: string | null; flags: string[]; processedSize: number | null };
  const mediaOf = async () => {
    const res = await page.request.get(`/api/v1/sessions/${sessionId}`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { answers: { media?: Media }[] }).answers.find((a) => a.media)!.media!;
  };
  await expect.poll(async () => (await mediaOf()).status, { timeout: 45_000, message: "the recording to be processed" }).toBe("processed");
  // The open page follows processing by itself (it re-reads while an answer is processing):
  // the processed poster appears without a reload.
  await expect(page.getByTestId("answer-video")).toHaveAttribute("poster", /\/thumbnail\.jpg\?/, { timeout: 15_000 });
  const candidatePage = page.url();

  // The interview-ready-counts consumer marks the completed session ready for review: the live
  // candidates table shows it, and so do the interview's counts.
  await page.goto(`/interviews/${interview.id}`);
  await expect(page.getByTestId("ready-for-review")).toHaveText("Ready for review", { timeout: 15_000 });
  await page.reload();
  await expect(page.locator('[data-count="ready-for-review"]')).toHaveText("1");
  await expect(page.locator('[data-count="completed"]')).toHaveText("1");

  const rangeStatuses: number[] = [];
  page.on("response", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/media/")) rangeStatuses.push(r.status());
  });
  await page.goto(candidatePage);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Paula Player");
  await expect(page.getByTestId("session-status")).toHaveText("Completed");
  await expect(page.getByRole("heading", { name: video!.prompt })).toBeVisible();
  await expect(page.getByText("Lisbon, by the river.", { exact: true })).toBeVisible();
  const player = page.getByLabel("Recording of the answer to question 1");
  await expect(player).toHaveAttribute("preload", "metadata");
  const src = (await player.getAttribute("src"))!;
  expect(src).toMatch(/^\/api\/media\/media\/processed\/[0-9a-f-]{36}\/answer\.mp4\?exp=\d+&type=video%2Fmp4&sig=[\w-]{43}$/);
  // The poster is the processed thumbnail, a JPEG served the same signed way.
  const poster = (await player.getAttribute("poster"))!;
  expect(poster).toMatch(/^\/api\/media\/media\/processed\/[0-9a-f-]{36}\/thumbnail\.jpg\?exp=\d+&type=image%2Fjpeg&sig=[\w-]{43}$/);
  const posterRes = await page.request.get(poster);
  expect(posterRes.status()).toBe(200);
  expect(posterRes.headers()["content-type"]).toBe("image/jpeg");
  expect((await posterRes.body()).subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);

  // Metadata loads, the length is the recording's, and a seek lands.
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  const duration = await player.evaluate((v: HTMLVideoElement) => v.duration);
  expect(duration).toBeGreaterThan(1.5);
  expect(duration).toBeLessThan(3);
  const seeked = await player.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<number>((resolve, reject) => {
        v.addEventListener("seeked", () => resolve(v.currentTime), { once: true });
        v.addEventListener("error", () => reject(new Error(`media error ${v.error?.code}`)), { once: true });
        v.currentTime = 1.2;
      }),
  );
  expect(seeked).toBeGreaterThan(0.9);
  expect(rangeStatuses.length).toBeGreaterThan(0);
  expect(rangeStatuses.every((s) => s === 200 || s === 206)).toBe(true);

  // The served file is H.264 in MP4 with its index (moov) before the media data (mdat).
  const mp4 = Buffer.from(await (await page.request.get(src)).body());
  const boxes: string[] = [];
  for (let at = 0; at + 8 <= mp4.length; ) {
    const size = mp4.readUInt32BE(at);
    boxes.push(mp4.toString("latin1", at + 4, at + 8));
    if (size < 8) break;
    at += size;
  }
  expect(boxes.indexOf("moov")).toBeGreaterThanOrEqual(0);
  expect(boxes.indexOf("moov")).toBeLessThan(boxes.indexOf("mdat"));
  expect(mp4.includes(Buffer.from("avc1"))).toBe(true);
  expect(mp4.includes(Buffer.from("mp4a"))).toBe(true);

  // The same URL answers ranges with the exact bytes.
  const ranged = await page.request.get(src, { headers: { range: "bytes=100-1099" } });
  expect(ranged.status()).toBe(206);
  expect(ranged.headers()["content-range"]).toBe(`bytes 100-1099/${mp4.length}`);
  expect(ranged.headers()["accept-ranges"]).toBe("bytes");
  expect(ranged.headers()["cache-control"]).toMatch(/^private/);
  expect(Buffer.from(await ranged.body()).equals(mp4.subarray(100, 1100))).toBe(true);
  expect((await page.request.get(src, { headers: { range: `bytes=${mp4.length}-` } })).status()).toBe(416);
  // HEAD: the headers without the bytes. (Next.js drops a route handler's Content-Length and
  // sends the body chunked, so the size travels in Content-Range of ranged answers.)
  const head = await page.request.head(src);
  expect(head.status()).toBe(200);
  expect(head.headers()).toMatchObject({ "accept-ranges": "bytes", "content-type": "video/mp4" });
  expect((await head.body()).length).toBe(0);

  // axe on the candidate's page, in English and in Russian (the a11y crawl fills every dynamic
  // segment with one id, so it never reaches this two-id page).
  const axeSerious = async () => {
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    return axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
  };
  expect(await axeSerious()).toEqual([]);
  const pageUrl = page.url();
  await page.goto("/settings");
  await page.getByLabel("Language", { exact: true }).selectOption("ru");
  await page.getByRole("button", { name: "Save language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await page.goto(pageUrl);
  await expect(page.getByRole("heading", { name: "Ответы", level: 2 })).toBeVisible();
  await expect(page.getByLabel("Запись ответа на вопрос 1")).toBeVisible();
  expect(await axeSerious()).toEqual([]);

  // The API: the answers, the playback URL working without any cookie, and refusing tampering.
  const api = await page.request.get(`/api/v1/sessions/${sessionId}`);
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { candidateName: string; answers: { questionId: string; type: string; text?: string; media?: Media }[] };
  expect(body).toMatchObject({ id: sessionId, status: "completed", candidateName: "Paula Player" });
  expect(body.answers).toEqual([
    {
      questionId: video!.id,
      type: "video",
      media: {
        status: "processed",
        size: WEBM.length,
        processedSize: expect.any(Number),
        durationSeconds: expect.closeTo(2, 0),
        mimeType: "video/mp4",
        playbackUrl: expect.any(String),
        thumbnailUrl: expect.any(String),
        flags: [],
        flagReasons: [],
      },
      // The e2e server has an AI provider (the local OpenAI-compatible server): both answers are analysed by the model.
      analysis: expect.objectContaining({ kind: "model" }),
    },
    { questionId: text!.id, type: "text", text: "Lisbon, by the river.", analysis: expect.objectContaining({ kind: "model" }) },
  ]);
  const playback = new URL(body.answers[0]!.media!.playbackUrl);
  expect(playback.origin).toBe(origin);
  const anonymous = await playwrightRequest.newContext();
  const played = await anonymous.get(playback.toString(), { headers: { range: "bytes=0-99" } });
  expect(played.status()).toBe(206);
  expect(Buffer.from(await played.body()).equals(mp4.subarray(0, 100))).toBe(true);
  const sig = playback.searchParams.get("sig")!;
  const forged = new URL(playback);
  forged.searchParams.set("sig", `${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`);
  const later = new URL(playback);
  later.searchParams.set("exp", String(Number(playback.searchParams.get("exp")) + 86_400));
  for (const bad of [forged, later]) {
    const res = await anonymous.get(bad.toString(), { headers: { range: "bytes=0-99" } });
    expect(res.status(), bad.toString()).toBe(404);
  }
  await anonymous.dispose();

  // Another account: the page and the API are 404.
  const other = await browser.newContext({ baseURL });
  const op = await other.newPage();
  await signUp(op);
  const theirs = await op.goto(`/interviews/${interview.id}/candidates/${sessionId}`);
  expect(theirs?.status()).toBe(404);
  expect((await op.request.get(`/api/v1/sessions/${sessionId}`)).status()).toBe(404);
  // media.processed's stable thumbnailUrl: a redirect to the poster for the owner, 404 for anyone else.
  const fileId = /\/processed\/([0-9a-f-]{36})\//.exec(src)![1]!;
  const mine = await page.request.get(`/api/v1/media/${fileId}/thumbnail`, { maxRedirects: 0 });
  expect(mine.status()).toBe(302);
  expect(new URL(mine.headers()["location"]!, origin).pathname).toBe(`/api/media/media/processed/${fileId}/thumbnail.jpg`);
  expect((await op.request.get(`/api/v1/media/${fileId}/thumbnail`, { maxRedirects: 0 })).status()).toBe(404);
  await other.close();
});
