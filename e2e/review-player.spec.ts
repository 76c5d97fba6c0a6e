// HR reviews a recorded answer with the player (issue 13). The recording is stored the way the
// candidate's page stores it (as in playback.spec.ts: consent in the candidate's own browser, a
// take, its bytes over tus, the finalise), a 10-second WebM made by ffmpeg so that playback
// crosses both lines of the local OpenAI server's transcript (tests/openai-server.ts
// DEFAULT_TRANSCRIPT: two sentences over 9.5 s). Once processed and analysed, on the candidate's
// page: the poster; the current transcript line follows playback (k plays, l jumps 5 s); a click
// on a line and on an evidence quote seeks; the speed buttons set playbackRate; the captions
// track serves the transcript as WebVTT and the browser reads its cues; n/p move between
// questions; "?" opens the shortcuts dialog, Esc closes it and focus goes back; axe finds nothing
// serious.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext } from "@playwright/test";
import { expect, signUp, test, uniqueEmail } from "./fixtures";

const SENTENCE_1 = "I led the migration of our billing system to PostgreSQL.";
const SENTENCE_2 = "We cut the monthly close from three days to four hours.";

type Interview = { id: string; questions: { id: string; prompt: string }[] };

async function createInterview(request: APIRequestContext, origin: string): Promise<Interview> {
  const headers = { origin, "content-type": "application/json" };
  const created = await request.post("/api/v1/interviews", {
    headers,
    data: {
      title: `Player ${Date.now()}`,
      questions: [
        { prompt: "Tell us about a migration you led.", type: "video", maxSeconds: 60, rubric: [{ name: "Clarity", description: "Explains what was done.", weight: 1 }] },
        { prompt: "Which city do you live in?", type: "text", maxCharacters: 200 },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const interview = (await created.json()) as Interview;
  expect((await request.post(`/api/v1/interviews/${interview.id}/publish`, { headers })).ok()).toBe(true);
  return interview;
}

test("the review player: poster, transcript following playback, seeking, speed, captions, question keys and the shortcuts dialog", async ({ page, browser, baseURL }, info) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const json = { origin, "content-type": "application/json" };
  await signUp(page);
  const interview = await createInterview(page.request, origin);
  const [video, text] = interview.questions;
  const invited = await page.request.post(`/api/v1/interviews/${interview.id}/invitations`, { headers: json, data: { candidates: [{ email: uniqueEmail("player"), name: "Pia Player" }] } });
  expect(invited.status(), await invited.text()).toBe(201);
  const rows = (await (await page.request.get(`/api/v1/interviews/${interview.id}/invitations`)).json()) as { data: { link: string }[] };
  const link = new URL(rows.data[0]!.link).pathname;

  // 10 s of picture and a tone, as a browser would record it.
  const file = info.outputPath("ten-seconds.webm");
  execFileSync(process.env.FFMPEG_PATH ?? "ffmpeg", [
    ...["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-t", "10", "-i", "testsrc2=size=320x180:rate=15"],
    ...["-f", "lavfi", "-t", "10", "-i", "sine=frequency=300:sample_rate=48000", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "150k", "-c:a", "libopus", file],
  ]);
  const webm = readFileSync(file);

  // The candidate: consent, the take over tus, the written answer, the submit.
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
  expect((await cand.request.post(take.uploadUrl, { headers: { ...tus, "upload-length": String(webm.length) } })).status()).toBe(201);
  const patched = await cand.request.patch(`${take.uploadUrl}/${take.takeId}`, { headers: { ...tus, "upload-offset": "0", "content-type": "application/offset+octet-stream" }, data: webm });
  expect(patched.status(), await patched.text()).toBe(204);
  const finalised = await cand.request.post(`${link}/takes/${take.takeId}/finalise`, {
    headers: json,
    data: { bytes: webm.length, sha256: createHash("sha256").update(webm).digest("hex"), durationSeconds: 10, mimeType: "video/webm;codecs=vp8,opus" },
  });
  expect(finalised.status(), await finalised.text()).toBe(200);
  await cp.goto(`${link}/questions`);
  await cp.getByLabel("Your answer").fill("Lisbon.");
  await cp.getByRole("button", { name: "Submit answer" }).click();
  await cp.getByRole("button", { name: "Submit the interview" }).click();
  await expect(cp).toHaveURL(new RegExp(`${link}/done$`));
  await cand.close();

  // The embedded runner processes the recording, then transcribes and scores it.
  const sessions = (await (await page.request.get(`/api/v1/interviews/${interview.id}/sessions`)).json()) as { data: { id: string }[] };
  const sessionId = sessions.data[0]!.id;
  type Answer = { media?: { status: string }; analysis: { transcript?: { segments: unknown[] }; criteria: unknown[] } };
  await expect
    .poll(
      async () => {
        const answer = ((await (await page.request.get(`/api/v1/sessions/${sessionId}`)).json()) as { answers: Answer[] }).answers[0];
        return `${answer?.media?.status} ${answer?.analysis.transcript?.segments.length ?? 0} ${answer?.analysis.criteria.length ?? 0}`;
      },
      { timeout: 120_000, message: "the recording processed, transcribed and scored" },
    )
    .toBe("processed 2 1");

  await page.goto(`/interviews/${interview.id}/candidates/${sessionId}`);
  const player = page.getByLabel("Recording of the answer to question 1");
  await expect(player).toHaveAttribute("poster", /\/thumbnail\.jpg\?/);
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  const lines = page.getByTestId("transcript").getByRole("listitem");
  await expect(lines).toHaveText([new RegExp(`${SENTENCE_1}$`), new RegExp(`${SENTENCE_2}$`)]);
  await expect(page.locator('[data-testid="transcript"] [aria-current="true"]')).toHaveCount(0);

  // k plays the question on screen; the first line is current; l jumps 5 s into the second.
  await page.keyboard.press("k");
  await expect(lines.nth(0)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("l");
  await expect(lines.nth(1)).toHaveAttribute("aria-current", "true");
  await expect(lines.nth(0)).not.toHaveAttribute("aria-current", "true");
  expect(await player.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(4.5);
  await page.keyboard.press("k");
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);

  // A click on a line's words seeks there; so does an evidence quote's time, from the end.
  await lines.nth(0).getByText(SENTENCE_1).click();
  await expect(lines.nth(0)).toHaveAttribute("aria-current", "true");
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(1);
  await player.evaluate((v: HTMLVideoElement) => {
    v.pause();
    v.currentTime = 9;
  });
  await expect(lines.nth(1)).toHaveAttribute("aria-current", "true");
  await page.getByTestId("criterion").getByRole("button", { name: "Play from 00:00" }).click();
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(1);
  await expect(lines.nth(0)).toHaveAttribute("aria-current", "true");
  await player.evaluate((v: HTMLVideoElement) => v.pause());

  // Speed.
  const speed = page.getByRole("group", { name: "Playback speed" }).first();
  await speed.getByRole("button", { name: "1.5×" }).click();
  await expect(speed.getByRole("button", { name: "1.5×" })).toHaveAttribute("aria-pressed", "true");
  await expect(speed.getByRole("button", { name: "1×", exact: true })).toHaveAttribute("aria-pressed", "false");
  expect(await player.evaluate((v: HTMLVideoElement) => v.playbackRate)).toBe(1.5);

  // Captions: the track's WebVTT, and the browser's cues from it.
  const track = player.locator('track[kind="captions"]');
  await expect(track).toHaveAttribute("label", "Captions (from the transcript)");
  const vtt = await page.request.get((await track.getAttribute("src"))!);
  expect(vtt.status()).toBe(200);
  expect(vtt.headers()["content-type"]).toBe("text/vtt; charset=utf-8");
  const body = await vtt.text();
  expect(body.startsWith("WEBVTT\n\n")).toBe(true);
  expect(body).toMatch(new RegExp(`^1\\n00:00:00\\.000 --> 00:00:0\\d\\.\\d{3}\\n${SENTENCE_1.replace(/\./g, "\\.")}$`, "m"));
  const cues = () =>
    player.evaluate((v: HTMLVideoElement) => {
      const t = v.textTracks[0]!;
      t.mode = "hidden";
      return Array.from(t.cues ?? []).map((c) => (c as VTTCue).text);
    });
  await expect.poll(cues).toEqual([SENTENCE_1, SENTENCE_2]);

  // n and p: the next and previous question, focused and marked in the navigation.
  const nav = page.getByRole("navigation", { name: "Questions" });
  await page.locator("body").press("n");
  await expect(page.getByRole("heading", { name: text!.prompt })).toBeFocused();
  await expect(nav.getByRole("link", { name: "Question 2" })).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("p");
  const first = page.getByRole("heading", { name: video!.prompt });
  await expect(first).toBeFocused();
  await expect(nav.getByRole("link", { name: "Question 1" })).toHaveAttribute("aria-current", "true");

  // "?" opens the shortcuts; Esc closes them and focus is back where it was.
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("term")).toHaveCount(8);
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  const axe = async () =>
    (await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze()).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(await axe()).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(first).toBeFocused();
  expect(await axe()).toEqual([]);
});
