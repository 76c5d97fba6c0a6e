// The candidate flow as it exists today (docs/decisions/0007-candidate-sessions.md): HR creates
// and publishes an interview through the API and invites a candidate; the candidate, in a
// browser of their own, opens the link, consents, answers the written questions and meets the
// honest placeholder of a video question (the recorder does not exist yet); HR's candidates
// table follows. Also the public link, a closed interview, a Russian interview, a 375 px phone,
// resuming on a second device, and an axe scan of every candidate page in English and Russian.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { candidateBrowser, createInterview } from "./candidate-fixtures";
import { alertWithText, expect, signUp, test, uniqueEmail } from "./fixtures";

type CandidateRow = { email: string; name: string; status: string; answeredCount: number; totalQuestions: number; source: string; link: string };

async function candidates(request: APIRequestContext, interviewId: string): Promise<CandidateRow[]> {
  const res = await request.get(`/api/v1/interviews/${interviewId}/invitations`);
  expect(res.ok(), await res.text()).toBe(true);
  return ((await res.json()) as { data: CandidateRow[] }).data;
}

/** Invites one candidate and returns the personal link's path (from the invitation list). */
async function invite(request: APIRequestContext, origin: string, interviewId: string, email: string, name: string): Promise<string> {
  const res = await request.post(`/api/v1/interviews/${interviewId}/invitations`, {
    headers: { origin, "content-type": "application/json" },
    data: { candidates: [{ email, name }] },
  });
  expect(res.status(), await res.text()).toBe(201);
  const row = (await candidates(request, interviewId)).find((r) => r.email === email);
  expect(row?.link).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);
  return new URL(row!.link).pathname;
}

/** Ticks both consents and continues (English labels). */
async function consentAndContinue(page: Page): Promise<void> {
  await page.getByRole("checkbox", { name: /stored for .* to review/ }).check();
  await page.getByRole("checkbox", { name: /assessed by AI/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
}

/** An interview with a video question goes through the device check (e2e/candidate-pages.spec.ts tests it) first. */
async function passDeviceCheck(page: Page, link: string, label = "Continue to the questions"): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`${link}/check$`));
  await page.getByRole("link", { name: label }).click();
  await expect(page).toHaveURL(new RegExp(`${link}/questions$`));
}

async function answerText(page: Page, text: string): Promise<void> {
  await page.getByLabel("Your answer").fill(text);
  await page.getByRole("button", { name: "Submit answer" }).click();
}

test("a personal link: landing, consent, two written answers, the video question's recorder, resume on another device, HR sees the progress", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  const hr = await signUp(page);
  const title = `Support engineer ${Date.now()}`;
  const interview = await createInterview(page.request, origin, {
    title,
    introMessage: "Thanks for your interest in the role.",
    questions: [
      { prompt: "What draws you to support?", type: "text", maxCharacters: 60 },
      { prompt: "Describe a hard ticket you solved.", type: "text", maxCharacters: 300 },
      { prompt: "Introduce yourself on camera.", type: "video" },
    ],
  });
  const email = uniqueEmail("cand");
  const link = await invite(page.request, origin, interview.id, email, "Carol Candidate");

  const { context, page: cand } = await candidateBrowser(browser, baseURL!);
  // Landing: greeting, company, title, intro, the facts.
  const landing = await cand.goto(link);
  expect(landing?.status()).toBe(200);
  await expect(cand.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(cand.getByText("Hello, Carol Candidate!")).toBeVisible();
  await expect(cand.getByText(`${hr.companyName} invites you to an asynchronous video interview.`)).toBeVisible();
  await expect(cand.getByText("Thanks for your interest in the role.")).toBeVisible();
  await expect(cand.getByText("3 questions")).toBeVisible();
  await expect(cand.getByText("No deadline")).toBeVisible();

  // Start: name and email fixed from the invitation; no consent → an error, nothing started.
  await cand.getByRole("link", { name: "Start the interview" }).click();
  await expect(cand).toHaveURL(new RegExp(`${link}/start$`));
  await expect(cand.getByRole("heading", { name: "Before you start", level: 1 })).toBeVisible();
  await expect(cand.getByLabel("Your name")).toHaveValue("Carol Candidate");
  await expect(cand.getByLabel("Your email")).toHaveValue(email);
  await expect(cand.getByLabel("Your email")).toHaveAttribute("readonly", "");
  await expect(cand.getByRole("link", { name: "Read the privacy notice" })).toHaveAttribute("href", "/privacy?lang=en");
  await cand.getByRole("button", { name: "Continue" }).click();
  await expect(alertWithText(cand, "Tick both boxes to continue")).toBeVisible();
  // Only one consent: still refused.
  await cand.getByRole("checkbox", { name: /stored for .* to review/ }).check();
  await cand.getByRole("button", { name: "Continue" }).click();
  await expect(alertWithText(cand, "Tick both boxes to continue")).toBeVisible();
  await expect(cand).toHaveURL(new RegExp(`${link}/start$`));
  expect((await candidates(page.request, interview.id)).find((r) => r.email === email)?.status).not.toBe("in_progress");
  await cand.getByRole("checkbox", { name: /assessed by AI/ }).check();
  await cand.getByRole("button", { name: "Continue" }).click();
  await passDeviceCheck(cand, link);

  // Question 1: a counter; an answer over the limit cannot be submitted, and the server refuses it too.
  await expect(cand).toHaveURL(new RegExp(`${link}/questions$`));
  await expect(cand.getByText("Question 1 of 3")).toBeVisible();
  await expect(cand.getByRole("heading", { level: 1 })).toHaveText("What draws you to support?");
  await expect(cand.getByText("0 / 60 characters")).toBeVisible();
  const tooLong = "x".repeat(61);
  await cand.getByLabel("Your answer").fill(tooLong);
  await expect(cand.getByText("61 / 60 characters")).toBeVisible();
  await expect(cand.getByLabel("Your answer")).toHaveAttribute("aria-invalid", "true");
  const submit = cand.getByRole("button", { name: "Submit answer" });
  await expect(submit).toBeDisabled();
  // Past the browser's check (a modified page): the server says no and nothing is stored.
  await submit.evaluate((b) => b.removeAttribute("disabled"));
  await submit.click();
  await expect(cand.getByRole("alert").filter({ hasText: /60|long|characters/i })).toBeVisible();
  await expect(cand.getByText("Question 1 of 3")).toBeVisible();
  await answerText(cand, "People, puzzles and calm.");

  // Question 2 arrives after the first answer.
  await expect(cand.getByText("Question 2 of 3")).toBeVisible();
  await expect(cand.getByRole("heading", { level: 1 })).toHaveText("Describe a hard ticket you solved.");
  await expect(cand.getByText("0 / 300 characters")).toBeVisible();

  // Resume on a second device: the same link's landing, start again, and it goes on at question 2.
  const second = await candidateBrowser(browser, baseURL!);
  await second.page.goto(link);
  await second.page.getByRole("link", { name: "Start the interview" }).click();
  await consentAndContinue(second.page);
  await passDeviceCheck(second.page, link);
  await expect(second.page).toHaveURL(new RegExp(`${link}/questions$`));
  await expect(second.page.getByText("Question 2 of 3")).toBeVisible();
  await expect(second.page.getByRole("heading", { level: 1 })).toHaveText("Describe a hard ticket you solved.");
  // The newest device takes over: the first one is asked to continue from its link.
  await cand.reload();
  await expect(cand.getByRole("heading", { name: "Continue from your link", level: 1 })).toBeVisible();
  await context.close();

  const c2 = second.page;
  await answerText(c2, "A customer lost a week of data; we restored it from the audit log.");
  // Question 3 is a video question: the recorder asks for the camera first (recording is e2e/recorder.spec.ts).
  await expect(c2.getByText("Question 3 of 3")).toBeVisible();
  await expect(c2.getByRole("heading", { level: 1 })).toHaveText("Introduce yourself on camera.");
  await expect(c2.getByRole("heading", { name: "Video answer", level: 2 })).toBeVisible();
  await expect(c2.getByRole("button", { name: "Turn on camera and microphone" })).toBeVisible();
  await expect(c2.getByRole("button", { name: "Submit the interview" })).toHaveCount(0);
  await expect(c2.getByRole("progressbar", { name: "Answers submitted" })).toHaveAttribute("aria-valuetext", "2 of 3 answered");
  // An answered question says so and points to the open one.
  await c2.goto(`${link}/questions?q=1`);
  await expect(c2.getByText("You have already answered this question.")).toBeVisible();
  await c2.getByRole("link", { name: "Go to the next open question" }).click();
  await expect(c2.getByText("Question 3 of 3")).toBeVisible();
  // The landing sends a browser with a session on to its questions; the done page is only for
  // a finished session (nothing was sent yet, so no "thank you").
  await c2.goto(link);
  await expect(c2).toHaveURL(new RegExp(`${link}/questions$`));
  await c2.goto(`${link}/done`);
  await expect(c2).toHaveURL(new RegExp(`${link}/questions$`));
  await expect(c2.getByRole("heading", { name: "Thank you!" })).toHaveCount(0);

  // HR's candidates table: in progress, 2 of 3 answered (a background consumer moves it).
  await page.goto(`/interviews/${interview.id}`);
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("In progress", { timeout: 2_000 });
    await expect(row).toContainText("2 of 3 answered", { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await second.context.close();
});

test("the public link: a new email creates a candidate row; a written-only interview completes and cannot be re-entered", async ({ page, browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await signUp(page);
  const interview = await createInterview(page.request, origin, {
    title: `Written only ${Date.now()}`,
    questions: [
      { prompt: "Why us?", type: "text", maxCharacters: 200 },
      { prompt: "Why now?", type: "text", maxCharacters: 200 },
    ],
  });
  const email = uniqueEmail("public");
  const { context, page: cand } = await candidateBrowser(browser, baseURL!);
  await cand.goto(interview.publicLink);
  await expect(cand.getByText("2 questions")).toBeVisible();
  await cand.getByRole("link", { name: "Start the interview" }).click();
  await expect(cand.getByLabel("Your email")).toHaveValue("");
  await expect(cand.getByLabel("Your email")).not.toHaveAttribute("readonly", "");
  await cand.getByLabel("Your name").fill("Pat Public");
  await cand.getByLabel("Your email").fill(email);
  await consentAndContinue(cand);
  await expect(cand.getByText("Question 1 of 2")).toBeVisible();

  // A candidate row from the public link, no email sent.
  await expect(async () => {
    const row = (await candidates(page.request, interview.id)).find((r) => r.email === email);
    expect(row).toMatchObject({ name: "Pat Public", source: "public", totalQuestions: 2 });
  }).toPass({ timeout: 15_000 });

  await answerText(cand, "Your product saved my last team.");
  await expect(cand.getByText("Question 2 of 2")).toBeVisible();
  await answerText(cand, "I am ready for a bigger challenge.");
  await expect(cand.getByRole("heading", { name: "All questions answered", level: 1 })).toBeVisible();
  await cand.getByRole("button", { name: "Submit the interview" }).click();
  await expect(cand).toHaveURL(new RegExp(`${interview.publicLink}/done$`));
  await expect(cand.getByRole("heading", { name: "Thank you!", level: 1 })).toBeVisible();
  // A finished session cannot be re-entered: its pages send it to the done page.
  for (const path of ["", "/start", "/questions"]) {
    await cand.goto(`${interview.publicLink}${path}`);
    await expect(cand).toHaveURL(new RegExp(`${interview.publicLink}/done$`));
  }
  // Another browser with the same email on the public link: refused, with a message.
  const other = await candidateBrowser(browser, baseURL!);
  await other.page.goto(`${interview.publicLink}/start`);
  await other.page.getByLabel("Your name").fill("Pat Public");
  await other.page.getByLabel("Your email").fill(email);
  await consentAndContinue(other.page);
  await expect(alertWithText(other.page, /already completed/)).toBeVisible();
  await expect(other.page).toHaveURL(new RegExp(`${interview.publicLink}/start$`));

  // HR: completed, 2 of 2.
  await page.goto(`/interviews/${interview.id}`);
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("Completed", { timeout: 2_000 });
    await expect(row).toContainText("2 of 2 answered", { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await context.close();
  await other.context.close();
});

test("a closed interview's links say it is closed", async ({ page, browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await signUp(page);
  const title = `Closing soon ${Date.now()}`;
  const interview = await createInterview(page.request, origin, { title, questions: [{ prompt: "Anything?", type: "text" }] });
  const link = await invite(page.request, origin, interview.id, uniqueEmail("late"), "Lee Late");
  const closed = await page.request.post(`/api/v1/interviews/${interview.id}/close`, { headers: { origin } });
  expect(closed.ok(), await closed.text()).toBe(true);
  const { context, page: cand } = await candidateBrowser(browser, baseURL!);
  for (const path of [interview.publicLink, link, `${link}/start`, `${link}/check`, `${interview.publicLink}/questions`]) {
    // 410 Gone (proxy.ts), with a page that says why.
    expect((await cand.goto(path))?.status(), path).toBe(410);
    await expect(cand.getByRole("heading", { name: "This interview is closed", level: 1 })).toBeVisible();
    await expect(cand.getByText(`is no longer accepting answers to “${title}”`)).toBeVisible();
    await expect(cand.getByRole("link", { name: "Start the interview" })).toHaveCount(0);
  }
  // Its done page is not a thank-you for someone who never answered.
  expect((await cand.goto(`${link}/done`))?.status()).toBe(410);
  await expect(cand.getByRole("heading", { name: "This interview is closed", level: 1 })).toBeVisible();
  // An unknown link is a 404 page.
  const unknown = await cand.goto(`/i/${"A".repeat(43)}`);
  expect(unknown?.status()).toBe(404);
  await context.close();
});

test("a Russian interview's candidate pages are in Russian", async ({ page, browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await signUp(page);
  const interview = await createInterview(page.request, origin, {
    title: "Инженер поддержки",
    language: "ru",
    questions: [
      { prompt: "Почему поддержка?", type: "text", maxCharacters: 100 },
      { prompt: "Расскажите о себе на видео.", type: "video" },
    ],
  });
  const { context, page: cand } = await candidateBrowser(browser, baseURL!);
  await cand.goto(interview.publicLink);
  await expect(cand.locator("[lang=ru]").first()).toBeVisible();
  await expect(cand.getByText("2 вопроса")).toBeVisible();
  await cand.getByRole("link", { name: "Начать интервью" }).click();
  await expect(cand.getByRole("heading", { name: "Перед началом", level: 1 })).toBeVisible();
  await cand.getByRole("button", { name: "Продолжить" }).click();
  await expect(cand.getByRole("alert").filter({ hasText: /галочк|соглас/i })).toBeVisible();
  await expect(cand.getByRole("link", { name: /уведомлени|конфиденциальн/i })).toHaveAttribute("href", "/privacy?lang=ru");
  await cand.locator("#candidate-name").fill("Мария Кандидатова");
  await cand.locator("#candidate-email").fill(uniqueEmail("ru"));
  for (const box of await cand.getByRole("checkbox").all()) await box.check();
  await cand.getByRole("button", { name: "Продолжить" }).click();
  await passDeviceCheck(cand, interview.publicLink, "Перейти к вопросам");
  await expect(cand.getByText("Вопрос 1 из 2")).toBeVisible();
  await expect(cand.getByText("0 / 100")).toBeVisible();
  await cand.locator("textarea").fill("Люблю помогать людям.");
  await cand.getByRole("button", { name: /Отправить/ }).click();
  await expect(cand.getByText("Вопрос 2 из 2")).toBeVisible();
  await expect(cand.getByRole("heading", { name: "Видеоответ", level: 2 })).toBeVisible();
  // No English left on the page's main content.
  const text = (await cand.locator("main").innerText()).replace(/Intervue/g, "");
  expect(text, text).not.toMatch(/\b(Question|Video answer|Submit|Continue|answer)\b/);
  await cand.goto("/privacy?lang=ru");
  await expect(cand.locator("main h1")).toHaveText(/[А-Яа-я]/);
  await expect(cand).toHaveTitle(/[А-Яа-я]/);
  await context.close();
});

test("the landing and start pages work on a 375 px phone @mobile", async ({ page, browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await signUp(page);
  const interview = await createInterview(page.request, origin, {
    title: "A rather long interview title that has to wrap on a small phone screen",
    introMessage: "Welcome! ".repeat(20),
    questions: [{ prompt: "Why?", type: "text" }],
  });
  const { context, page: cand } = await candidateBrowser(browser, baseURL!, { viewport: { width: 375, height: 740 } });
  const noHorizontalScroll = async () =>
    expect(await cand.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await cand.goto(interview.publicLink);
  await noHorizontalScroll();
  const start = cand.getByRole("link", { name: "Start the interview" });
  await expect(start).toBeInViewport({ ratio: 0 }).catch(() => start.scrollIntoViewIfNeeded());
  await start.click();
  await expect(cand.getByRole("heading", { name: "Before you start", level: 1 })).toBeVisible();
  await noHorizontalScroll();
  for (const control of [cand.getByLabel("Your name"), cand.getByLabel("Your email"), cand.getByRole("button", { name: "Continue" })]) {
    const box = await control.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  }
  await context.close();
});

// One test per language, so the two share the workers.
for (const language of ["en", "ru"] as const) {
  test(`every candidate page has no serious or critical axe violation, in ${language === "ru" ? "Russian" : "English"}`, async ({ page, browser, baseURL }) => {
    test.setTimeout(180_000);
    const origin = new URL(baseURL!).origin;
    await signUp(page);
    const violations: string[] = [];
    const scan = async (p: Page, label: string) => {
      await p.waitForLoadState("networkidle");
      const analyze = async () =>
        (await new AxeBuilder({ page: p }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze()).violations.filter(
          (x) => x.impact === "serious" || x.impact === "critical",
        );
      let found = await analyze();
      if (found.length > 0) {
        // A scan can land in a button's 150 ms colour transition (after a click, under load): what
        // is still wrong a moment later is a violation.
        console.log(`${label}: first scan: ${found.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`).join("; ")}`);
        await p.waitForTimeout(1_000);
        found = await analyze();
      }
      for (const v of found) {
        violations.push(`${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      }
    };
    const interview = await createInterview(page.request, origin, {
      title: language === "ru" ? "Проверка доступности" : "Accessibility check",
      language,
      introMessage: language === "ru" ? "Добро пожаловать." : "Welcome.",
      questions: [
        { prompt: language === "ru" ? "Расскажите о себе на видео." : "Introduce yourself on camera.", type: "video", thinkSeconds: 20 },
        { prompt: language === "ru" ? "Почему мы?" : "Why us?", type: "text", maxCharacters: 200 },
      ],
    });
    const { context, page: cand } = await candidateBrowser(browser, baseURL!);
    await cand.goto(interview.publicLink);
    await scan(cand, `${language} landing`);
    await cand.goto(`${interview.publicLink}/start`);
    await scan(cand, `${language} start`);
    await cand.locator("button[type=submit]").click();
    await expect(cand.getByRole("alert").filter({ hasText: /.+/ }).first()).toBeVisible();
    await scan(cand, `${language} start with an error`);
    await cand.locator("#candidate-name").fill(language === "ru" ? "Анна" : "Ann");
    await cand.locator("#candidate-email").fill(uniqueEmail(`axe-${language}`));
    for (const box of await cand.getByRole("checkbox").all()) await box.check();
    await cand.locator("button[type=submit]").click();
    await expect(cand).toHaveURL(/\/check$/);
    await expect(cand.getByRole("meter")).toBeVisible();
    await scan(cand, `${language} device check`);
    await cand.getByRole("link", { name: language === "ru" ? "Перейти к вопросам" : "Continue to the questions" }).click();
    await expect(cand).toHaveURL(/\/questions$/);
    await expect(cand.getByRole("progressbar")).toBeVisible();
    await scan(cand, `${language} questions (video)`);
    await cand.goto(`${interview.publicLink}/questions?q=2`);
    await cand.locator("textarea").fill("y".repeat(201));
    await scan(cand, `${language} questions (text, over the limit)`);
    await cand.locator("textarea").fill("An answer.");
    await cand.locator("form button[type=submit]").click();
    await expect(cand.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "1");
    await cand.goto(`${interview.publicLink}/questions?q=2`);
    await scan(cand, `${language} questions (answered)`);
    // A written-only interview to finish: the all-answered page and the done page.
    const written = await createInterview(page.request, origin, {
      title: language === "ru" ? "Письменное интервью" : "Written interview",
      language,
      questions: [{ prompt: language === "ru" ? "Почему сейчас?" : "Why now?", type: "text", maxCharacters: 200 }],
    });
    await cand.goto(`${written.publicLink}/start`);
    await cand.locator("#candidate-name").fill(language === "ru" ? "Анна" : "Ann");
    await cand.locator("#candidate-email").fill(uniqueEmail(`axe-${language}`));
    for (const box of await cand.getByRole("checkbox").all()) await box.check();
    await cand.locator("button[type=submit]").click();
    await cand.locator("textarea").fill("An answer.");
    await cand.locator("form button[type=submit]").click();
    const finish = cand.getByRole("button", { name: language === "ru" ? /Отправить интервью/ : "Submit the interview" });
    await expect(finish).toBeVisible();
    await scan(cand, `${language} all answered`);
    await finish.click();
    await expect(cand).toHaveURL(/\/done$/);
    await scan(cand, `${language} done`);
    await cand.goto(`/privacy?lang=${language}`);
    await scan(cand, `${language} privacy`);
    // A new browser on the closed interview.
    const closed = await page.request.post(`/api/v1/interviews/${interview.id}/close`, { headers: { origin } });
    expect(closed.ok()).toBe(true);
    const late = await candidateBrowser(browser, baseURL!);
    expect((await late.page.goto(interview.publicLink))?.status()).toBe(410);
    await expect(late.page.locator("main h1")).toBeVisible();
    await scan(late.page, `${language} closed`);
    // An unknown link: the 404 page (in the visitor's language, as no interview is known).
    expect((await late.page.goto(`/i/${"Z".repeat(43)}`))?.status()).toBe(404);
    await scan(late.page, `${language} not found`);
    await late.context.close();
    await context.close();
    expect(violations, violations.join("\n")).toEqual([]);
  });
}
