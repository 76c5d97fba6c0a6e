import { describe, expect, it } from "vitest";
import { renderEmail } from "./render-email";

const reviewLink = "https://app.example.com/interviews/0b7c/candidates/9f1e";

describe("HR notification emails", () => {
  it.each([
    ["en", 8.5, "Analysis ready for Ann <Lee>: overall score 8.5/10", "Overall score: 8.5/10."],
    ["ru", 8.5, "Анализ для Ann <Lee> готов: общая оценка 8,5/10", "Общая оценка: 8,5/10."],
    ["en", null, "Analysis ready for Ann <Lee>: not scored", "Not scored"],
    ["ru", null, "Анализ для Ann <Lee> готов: без оценки", "Без оценки"],
  ] as const)("analysis-ready in %s with score %s", async (locale, overallScore, subject, line) => {
    const email = await renderEmail("analysis-ready", locale, { candidateName: "Ann <Lee>", interviewTitle: "QA", overallScore, reviewLink });
    expect(email.subject).toBe(subject);
    expect(email.text).toContain(line);
    expect(email.html).toContain(`href="${reviewLink}"`);
    expect(email.html).toContain("Ann &lt;Lee&gt;");
    expect(email.text).toContain(reviewLink);
  });

  it.each(["en", "ru"] as const)("the digest in %s lists each item with its link, and counts the rest", async (locale) => {
    const items = [
      { headline: "Ada completed “QA”", link: `${reviewLink}?a` },
      { headline: "Analysis ready for Ada: overall score 7/10", link: `${reviewLink}?b` },
    ];
    const email = await renderEmail("hr-digest", locale, { items, more: 3, dashboardLink: "https://app.example.com/interviews" });
    expect(email.subject).toBe(locale === "en" ? "Your daily Intervue digest: 5 updates" : "Ежедневная сводка Intervue: 5 событий");
    for (const item of items) {
      expect(email.text).toContain(item.headline);
      expect(email.html).toContain(`href="${item.link}"`);
    }
    expect(email.text).toContain(locale === "en" ? "…and 3 more" : "…и еще 3");
    const one = await renderEmail("hr-digest", locale, { items: items.slice(0, 1), more: 0, dashboardLink: "https://app.example.com/interviews" });
    expect(one.subject).toBe(locale === "en" ? "Your daily Intervue digest: 1 update" : "Ежедневная сводка Intervue: 1 событие");
    expect(one.text).not.toContain(locale === "en" ? "more:" : "и еще");
  });
});
