// The candidate pages around the questions: 410 for a closed or expired link (English and
// Russian) while a candidate who started may finish; the device check between consent and the
// questions (camera, microphone meter, upload speed, a practice answer that is never sent),
// its help when the camera is blocked or missing, the connection is slow or the page is open
// in an app's built-in browser; the /i/<token>/speed-check route; every such page on a 375 px
// phone. The axe scan of every candidate page is in e2e/candidate.spec.ts.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { candidateBrowser, createInterview, type Question } from "./candidate-fixtures";
import { expect, expireInterview, signUp, test, uniqueEmail } from "./fixtures";

/** Starts on the public link (English labels are not assumed: ids and roles only). */
async function startPublic(page: Page, link: string, name = "Dana Device"): Promise<void> {
  await page.goto(`${link}/start`);
  await page.locator("#candidate-name").fill(name);
  await page.locator("#candidate-email").fill(uniqueEmail("check"));
  for (const box of await page.getByRole("checkbox").all()) await box.check();
  await page.locator("button[type=submit]").click();
}

const VIDEO_AND_TEXT: Question[] = [
  { prompt: "Introduce yourself on camera.", type: "video" },
  { prompt: "Why us?", type: "text", maxCharacters: 200 },
];

async function seriousAxe(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("closed and expired links answer 410 with a page that says so, in English and Russian; a started candidate may still finish", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  await signUp(page);
  // The deadline must be a minute ahead when the interview is published; it is later moved into
  // the past in the database (expireInterview), or, on PGlite, waited for.
  const deadline = new Date(Date.now() + 70_000);
  const expiring = await createInterview(page.request, origin, {
    title: "Инженер по срокам",
    language: "ru",
    deadline: deadline.toISOString(),
    questions: [{ prompt: "Почему?", type: "text" }],
  });
  const closing = await createInterview(page.request, origin, {
    title: `Closing ${Date.now()}`,
    questions: [
      { prompt: "First?", type: "text" },
      { prompt: "Second?", type: "text" },
    ],
  });
  const russianClosed = await createInterview(page.request, origin, {
    title: "Закрытое интервью",
    language: "ru",
    questions: [{ prompt: "Почему?", type: "text" }],
  });

  // A candidate starts before HR closes the interview.
  const early = await candidateBrowser(browser, baseURL!);
  await startPublic(early.page, closing.publicLink);
  await expect(early.page).toHaveURL(new RegExp(`${closing.publicLink}/questions$`));
  for (const id of [closing.id, russianClosed.id]) {
    const closed = await page.request.post(`/api/v1/interviews/${id}/close`, { headers: { origin } });
    expect(closed.ok(), await closed.text()).toBe(true);
  }

  // Anyone new: 410 on every page of the link, with the reason, and no way to start.
  const late = await candidateBrowser(browser, baseURL!);
  for (const path of ["", "/start", "/check", "/questions", "/done"]) {
    const res = await late.page.goto(`${closing.publicLink}${path}`);
    expect(res?.status(), path).toBe(410);
    await expect(late.page).toHaveURL(new RegExp(`${closing.publicLink}${path}$`));
    await expect(late.page.getByRole("heading", { name: "This interview is closed", level: 1 })).toBeVisible();
    await expect(late.page.getByRole("link", { name: "Start the interview" })).toHaveCount(0);
  }
  expect((await late.page.request.head(closing.publicLink)).status()).toBe(410);
  const ru = await late.page.goto(russianClosed.publicLink);
  expect(ru?.status()).toBe(410);
  await expect(late.page.getByRole("heading", { name: "Интервью закрыто", level: 1 })).toBeVisible();
  await expect(late.page.getByText("больше не принимает ответы на «Закрытое интервью»")).toBeVisible();
  await expect(late.page.locator("[lang=ru]").first()).toBeVisible();

  // The candidate who started goes on (200) and finishes.
  const resumed = await early.page.goto(closing.publicLink);
  expect(resumed?.status()).toBe(200);
  await expect(early.page).toHaveURL(new RegExp(`${closing.publicLink}/questions$`));
  await early.page.locator("textarea").fill("One.");
  await early.page.locator("form button[type=submit]").click();
  await expect(early.page.getByText("Question 2 of 2")).toBeVisible();
  await early.page.locator("textarea").fill("Two.");
  await early.page.locator("form button[type=submit]").click();
  await early.page.getByRole("button", { name: "Submit the interview" }).click();
  await expect(early.page).toHaveURL(new RegExp(`${closing.publicLink}/done$`));
  // Their thank-you stays a 200 page; the questions send them there.
  expect((await early.page.goto(`${closing.publicLink}/done`))?.status()).toBe(200);
  await expect(early.page.getByRole("heading", { name: "Thank you!", level: 1 })).toBeVisible();

  // A candidate on the Russian interview starts in time…
  const before = await candidateBrowser(browser, baseURL!);
  expect((await before.page.goto(expiring.publicLink))?.status()).toBe(200);
  await startPublic(before.page, expiring.publicLink, "Олег");
  await expect(before.page).toHaveURL(new RegExp(`${expiring.publicLink}/questions$`));
  // …and once the deadline has passed, nobody may go on: 410, "the deadline has passed", in Russian.
  if (!(await expireInterview(expiring.id))) {
    const wait = deadline.getTime() + 1_500 - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
  }
  for (const p of [late.page, before.page]) {
    expect((await p.goto(`${expiring.publicLink}/questions`))?.status()).toBe(410);
    await expect(p.getByRole("heading", { name: "Срок истёк", level: 1 })).toBeVisible();
    await expect(p.getByText("Срок интервью «Инженер по срокам» истёк")).toBeVisible();
  }
  for (const c of [early, late, before]) await c.context.close();
});

test("the device check: camera preview, microphone meter, upload speed, a practice answer never sent, then the questions", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  await signUp(page);
  const interview = await createInterview(page.request, origin, { title: `Device check ${Date.now()}`, questions: VIDEO_AND_TEXT });
  const { context, page: cand } = await candidateBrowser(browser, baseURL!);

  // Without a session the speed check is a 404; the page's own route is not reachable from elsewhere.
  const anonymous = await cand.request.post(`${interview.publicLink}/speed-check`, { headers: { origin }, data: Buffer.alloc(1000) });
  expect(anonymous.status()).toBe(404);

  await startPublic(cand, interview.publicLink);
  await expect(cand).toHaveURL(new RegExp(`${interview.publicLink}/check$`));
  await expect(cand.getByRole("heading", { name: "Check your camera and microphone", level: 1 })).toBeVisible();
  // The camera (Chromium's fake one) shows in the preview.
  const preview = cand.getByLabel("Your camera preview");
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await expect(cand.getByText("Your camera works.")).toBeVisible();
  // The fake microphone's beeps move the meter.
  await expect(cand.getByText("We can hear you.")).toBeVisible();
  await expect.poll(async () => Number(await cand.getByRole("meter", { name: "Microphone level" }).getAttribute("aria-valuenow"))).toBeGreaterThan(0);
  // The upload test ran against the server and found loopback fast.
  await expect(cand.getByText(/^Your upload speed: [\d.,]+\+? Mbit\/s\.$/)).toBeVisible();
  await expect(cand.getByText("That is enough for video answers.")).toBeVisible();

  // The speed-check route with the session's cookie: bytes counted; over the limit 413; another site 403.
  const counted = await cand.request.post(`${interview.publicLink}/speed-check`, { headers: { origin }, data: Buffer.alloc(1000, 1) });
  expect(counted.status(), await counted.text()).toBe(200);
  expect(((await counted.json()) as { bytes: number }).bytes).toBe(1000);
  const tooBig = await cand.request.post(`${interview.publicLink}/speed-check`, { headers: { origin }, data: Buffer.alloc(1024 * 1024 + 1) });
  expect(tooBig.status()).toBe(413);
  const crossSite = await cand.request.post(`${interview.publicLink}/speed-check`, { headers: { origin: "https://evil.example" }, data: Buffer.alloc(10) });
  expect(crossSite.status()).toBe(403);

  // A practice answer: recorded and played back here, and nothing leaves the browser meanwhile.
  await expect(cand.getByText(/not uploaded, not stored/)).toBeVisible();
  const sent: string[] = [];
  cand.on("request", (r) => {
    if (r.method() !== "GET") sent.push(`${r.method()} ${r.url()}`);
  });
  await cand.getByRole("button", { name: "Record a practice answer" }).click();
  await expect(cand.getByText(/^Recording… 1[0-5] s left$/)).toBeVisible();
  await cand.waitForTimeout(2_000);
  await cand.getByRole("button", { name: "Stop" }).click();
  const playback = cand.getByLabel("Your practice answer");
  // Software VP8 on a busy machine may take a while to finish encoding.
  await expect(playback).toBeVisible({ timeout: 30_000 });
  expect(await playback.getAttribute("src")).toMatch(/^blob:/);
  // A MediaRecorder WebM has no duration until read to the end: seek far to make the browser find it.
  await expect
    .poll(() =>
      playback.evaluate(async (v: HTMLVideoElement) => {
        if (!Number.isFinite(v.duration)) v.currentTime = 1e9;
        await new Promise((r) => setTimeout(r, 200));
        return Number.isFinite(v.duration) ? v.duration : 0;
      }),
    )
    .toBeGreaterThan(1);
  await expect(cand.getByRole("button", { name: "Record again" })).toBeVisible();
  expect(sent, sent.join("\n")).toEqual([]);

  await cand.getByRole("link", { name: "Continue to the questions" }).click();
  await expect(cand).toHaveURL(new RegExp(`${interview.publicLink}/questions$`));
  await expect(cand.getByText("Question 1 of 2")).toBeVisible();
  await context.close();
});

test("the device check's help: a blocked or missing camera, a slow connection, an app's built-in browser; a written-only interview skips it", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  await signUp(page);
  const interview = await createInterview(page.request, origin, { title: `Help ${Date.now()}`, questions: VIDEO_AND_TEXT });
  const violations: string[] = [];

  // Permission denied (as the browser reports it when the candidate said no before).
  const denied = await candidateBrowser(browser, baseURL!);
  await denied.context.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
  });
  await startPublic(denied.page, interview.publicLink);
  await expect(denied.page).toHaveURL(/\/check$/);
  // A region named by its heading; only the explanation is the alert (not the heading or the button).
  const problem = denied.page.getByRole("region", { name: "The camera or microphone is blocked" });
  await expect(problem).toBeVisible();
  // Chromium's user agent: Chrome's instructions.
  await expect(problem.getByRole("alert")).toContainText("Click the camera icon (or the lock) at the left of the address bar");
  await expect(problem.getByRole("alert").getByRole("button")).toHaveCount(0);
  await expect(problem.getByRole("button", { name: "Try again" })).toBeVisible();
  await expect(denied.page.getByRole("button", { name: "Record a practice answer" })).toHaveCount(0);
  violations.push(...(await seriousAxe(denied.page)).map((v) => `denied: ${v}`));
  // Never a dead end.
  await denied.page.getByRole("link", { name: "Continue to the questions" }).click();
  await expect(denied.page).toHaveURL(/\/questions$/);
  await denied.context.close();

  // No camera at all.
  const missing = await candidateBrowser(browser, baseURL!);
  await missing.context.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("Requested device not found", "NotFoundError"));
  });
  await startPublic(missing.page, interview.publicLink);
  await expect(missing.page.getByRole("region", { name: "No camera or microphone found" }).getByRole("alert")).toBeVisible();
  await missing.context.close();

  // A slow upload (the server's answer held back 5 s: 512 KB in over 4 s is under 1 Mbit/s).
  const slow = await candidateBrowser(browser, baseURL!);
  await slow.page.route("**/speed-check", async (route) => {
    await new Promise((r) => setTimeout(r, 5_000));
    await route.continue();
  });
  await startPublic(slow.page, interview.publicLink);
  await expect(slow.page.getByText(/Your connection is slow\. .*use Wi-Fi/)).toBeVisible({ timeout: 20_000 });
  await expect(slow.page.getByText(/^Your upload speed: 0[.,]\d Mbit\/s\.$/)).toBeVisible();
  await slow.context.close();

  // Instagram's in-app browser: the notice with a copyable link to open elsewhere.
  const chromeUa = await page.evaluate(() => navigator.userAgent);
  const inApp = await candidateBrowser(browser, baseURL!, { userAgent: `${chromeUa} Instagram 297.0.0.33.109 Android` });
  await startPublic(inApp.page, interview.publicLink);
  const notice = inApp.page.getByRole("region", { name: "Open this link in your browser" });
  await expect(notice.getByRole("alert")).toContainText("You opened the link inside Instagram");
  await expect(notice.getByLabel("Your interview link")).toHaveValue(`${origin}${interview.publicLink}`);
  await notice.getByRole("button", { name: "Copy link" }).click();
  await expect(notice.getByText("Link copied.")).toBeVisible();
  violations.push(...(await seriousAxe(inApp.page)).map((v) => `in-app: ${v}`));
  await inApp.context.close();

  // An interview without video questions goes straight from the consent to the questions.
  const written = await createInterview(page.request, origin, { title: `Written ${Date.now()}`, questions: [{ prompt: "Why?", type: "text" }] });
  const text = await candidateBrowser(browser, baseURL!);
  await startPublic(text.page, written.publicLink);
  await expect(text.page).toHaveURL(new RegExp(`${written.publicLink}/questions$`));
  await text.page.goto(`${written.publicLink}/check`);
  await expect(text.page).toHaveURL(new RegExp(`${written.publicLink}/questions$`));
  await text.context.close();
  expect(violations, violations.join("\n")).toEqual([]);
});

test("the candidate pages fit a 375 px phone: no horizontal scroll @mobile", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  await signUp(page);
  const title = "A rather long interview title that has to wrap on a small phone screen";
  const video = await createInterview(page.request, origin, { title, questions: VIDEO_AND_TEXT });
  const written = await createInterview(page.request, origin, { title, language: "ru", questions: [{ prompt: "Почему?", type: "text" }] });
  const closed = await createInterview(page.request, origin, { title, questions: [{ prompt: "Why?", type: "text" }] });
  expect((await page.request.post(`/api/v1/interviews/${closed.id}/close`, { headers: { origin } })).ok()).toBe(true);

  const { context, page: cand } = await candidateBrowser(browser, baseURL!, {
    viewport: { width: 375, height: 740 },
    userAgent: `${await page.evaluate(() => navigator.userAgent)} [LinkedInApp]/9.27`,
  });
  const fits = async (label: string) => {
    await cand.waitForLoadState("networkidle");
    const width = await cand.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${label} is ${width} px wide`).toBeLessThanOrEqual(375);
  };
  await cand.goto(video.publicLink);
  await fits("landing");
  await startPublic(cand, video.publicLink);
  await expect(cand).toHaveURL(/\/check$/);
  // With the in-app notice, the preview, the meter and the speed result all shown.
  await expect(cand.getByText("You opened the link inside LinkedIn")).toBeVisible();
  await expect(cand.getByText(/^Your upload speed/)).toBeVisible();
  await fits("device check");
  await cand.getByRole("link", { name: "Continue to the questions" }).click();
  await expect(cand).toHaveURL(/\/questions$/);
  await fits("questions");
  await startPublic(cand, written.publicLink, "Анна");
  await cand.locator("textarea").fill("Ответ.");
  await cand.locator("form button[type=submit]").click();
  await cand.getByRole("button", { name: /Отправить интервью/ }).click();
  await expect(cand).toHaveURL(/\/done$/);
  await fits("done");
  expect((await cand.goto(closed.publicLink))?.status()).toBe(410);
  await fits("closed");
  await cand.goto("/privacy?lang=ru");
  await fits("privacy");
  expect((await cand.goto(`/i/${"Q".repeat(43)}`))?.status()).toBe(404);
  await fits("not found");
  await context.close();
});

test("a candidate who types and ticks before the page's script has loaded (a slow phone) goes on with what they entered", async ({ page, browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await signUp(page);
  const interview = await createInterview(page.request, origin, { title: `Slow phone ${Date.now()}`, questions: [{ prompt: "Why us?", type: "text", maxCharacters: 200 }] });
  const { context, page: cand } = await candidateBrowser(browser, baseURL!);
  // Each page's scripts wait until the candidate has filled it in.
  let release = () => {};
  let scriptsMayLoad = Promise.resolve();
  const holdScripts = () => (scriptsMayLoad = new Promise<void>((resolve) => (release = resolve)));
  await cand.route("**/_next/static/**/*.js", async (route) => {
    await scriptsMayLoad;
    await route.continue();
  });
  const hydrated = () =>
    expect
      .poll(() => cand.locator("form").first().evaluate((f) => Object.keys(f).some((k) => k.startsWith("__reactFiber"))), { message: "the form to hydrate" })
      .toBe(true);

  holdScripts();
  // Deferred scripts hold DOMContentLoaded back: the form is there once the HTML has arrived.
  await cand.goto(`${interview.publicLink}/start`, { waitUntil: "commit" });
  await cand.getByLabel("Your name").fill("Sam Slowphone");
  await cand.getByLabel("Your email").fill(uniqueEmail("slow"));
  await cand.getByRole("checkbox", { name: /stored for .* to review/ }).check();
  await cand.getByRole("checkbox", { name: /assessed by AI/ }).check();
  release();
  await hydrated();
  holdScripts(); // the question page's, next
  await cand.getByRole("button", { name: "Continue" }).click();
  await expect(cand).toHaveURL(new RegExp(`${interview.publicLink}/questions$`));

  // The written answer, typed before that page hydrates: the submit button is enabled for it.
  await cand.getByLabel("Your answer").fill("Because you ship carefully.");
  release();
  await hydrated();
  await cand.getByRole("button", { name: "Submit answer" }).click();
  await expect(cand.getByRole("button", { name: "Submit the interview" })).toBeVisible();
  await context.close();
});
