import { describe, expect, it } from "vitest";
import { renderEmail } from "./render-email";

const candidate = {
  candidateName: "Ann <Lee>",
  companyName: "Acme",
  interviewTitle: "Backend engineer",
  introMessage: "Hello!\nWe look forward to it.",
  link: "https://app.example.com/i/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MDEyMzQ1Njc4OTA",
  deadline: new Date("2026-12-05T18:30:00Z"),
  questionsCount: 3,
};

describe("renderEmail", () => {
  it("renders the invitation in English: subject, escaped HTML with the link, plain text with the link written out", async () => {
    const email = await renderEmail("invitation", "en", candidate);
    expect(email.subject).toBe("Acme invites you to an interview: Backend engineer");
    expect(email.html).toMatch(/<html[^>]* lang="en"/);
    expect(email.html).toContain(`href="${candidate.link}"`);
    expect(email.html).toContain("Ann &lt;Lee&gt;");
    expect(email.html).not.toContain("<Lee>");
    expect(email.text).toContain("Hello Ann <Lee>,");
    expect(email.text).toContain("3 questions");
    expect(email.text).toContain("We look forward to it.");
    expect(email.text).toContain("December 5, 2026 at 06:30 PM UTC");
    expect(email.text).toMatch(new RegExp(`^${candidate.link.replace(/[/.]/g, "\\$&")}$`, "m"));
    expect(email.text).not.toMatch(/<\/?(p|a|table|div|span|td)\b/);
  });

  it("renders the invitation in Russian with Russian plurals and dates", async () => {
    const email = await renderEmail("invitation", "ru", { ...candidate, questionsCount: 5 });
    expect(email.subject).toBe("Acme приглашает вас на интервью: Backend engineer");
    expect(email.html).toMatch(/<html[^>]* lang="ru"/);
    expect(email.html).toContain(`href="${candidate.link}"`);
    expect(email.text).toContain("Здравствуйте, Ann <Lee>!");
    expect(email.text).toContain("на 5 вопросов");
    expect(email.text).toContain("5 декабря 2026 г. в 18:30 UTC");
    expect(email.text).toContain("Начать интервью");
    expect(email.text).toContain(candidate.link);
    expect((await renderEmail("invitation", "ru", { ...candidate, questionsCount: 2 })).text).toContain("на 2 вопроса");
    expect((await renderEmail("invitation", "ru", { ...candidate, questionsCount: 1 })).text).toContain("на 1 вопрос ");
  });

  it("says there is no deadline, and leaves out an empty intro message", async () => {
    const en = await renderEmail("invitation", "en", { ...candidate, deadline: null, introMessage: "  " });
    expect(en.text).toContain("There is no deadline");
    expect(en.text).not.toContain("A message from");
    const ru = await renderEmail("reminder", "ru", { ...candidate, deadline: null });
    expect(ru.text).toContain("Срок не ограничен");
  });

  it.each(["en", "ru"] as const)("renders the reminder in %s with the link", async (locale) => {
    const email = await renderEmail("reminder", locale, candidate);
    expect(email.subject).toBe(locale === "en" ? "Reminder: your interview for Backend engineer" : "Напоминание: интервью «Backend engineer»");
    expect(email.html).toContain(`href="${candidate.link}"`);
    expect(email.text).toContain(candidate.link);
    expect(email.text).toContain(locale === "en" ? "Continue the interview" : "Продолжить интервью");
  });

  it.each(["en", "ru"] as const)("renders candidate-completed for HR in %s", async (locale) => {
    const reviewLink = "https://app.example.com/interviews/0b7c/candidates/9f1e";
    const email = await renderEmail("candidate-completed", locale, { candidateName: "Иван Петров", interviewTitle: "QA", reviewLink });
    expect(email.subject).toBe(locale === "en" ? "Иван Петров completed “QA”" : "Иван Петров прошел(а) интервью «QA»");
    expect(email.html).toContain(`href="${reviewLink}"`);
    expect(email.text).toContain(reviewLink);
  });

  it("keeps the subject on one line", async () => {
    const email = await renderEmail("reminder", "en", { ...candidate, interviewTitle: "Line one\nBcc: x@evil.test" });
    expect(email.subject).toBe("Reminder: your interview for Line one Bcc: x@evil.test");
  });
});
