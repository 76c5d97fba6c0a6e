// The candidate forms rendered to HTML in both languages: labelled inputs, fixed name and
// email on a personal link, the live counter's text, and the translated placeholders.
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { getMessages } from "@/lib/i18n/messages";
import { StartForm } from "./start-form";
import { TextAnswerForm } from "./text-answer-form";

async function translator(locale: "en" | "ru") {
  return createTranslator({ locale, messages: (await getMessages(locale)) as never, namespace: "candidate" as never });
}

describe.each(["en", "ru"] as const)("candidate forms in %s", (locale) => {
  it("start form: personal link shows the invitation's name and email read-only, and two labelled consents", async () => {
    const t = (await translator(locale)) as unknown as (key: string, values?: Record<string, unknown>) => string;
    const html = renderToStaticMarkup(
      <StartForm
        token={"t".repeat(43)}
        fixed
        name="Анна"
        email="a@example.com"
        privacyHref={`/privacy?lang=${locale}`}
        labels={{
          name: t("name"),
          email: t("email"),
          fixedHint: t("fixedHint"),
          consentRecording: t("consentRecording", { company: "Acme" }),
          consentAnalysis: t("consentAnalysis", { company: "Acme" }),
          privacyLink: t("privacyLink"),
          continue: t("continue"),
          consentMissing: t("consentMissing"),
          networkError: t("networkError"),
        }}
      />,
    );
    expect(html).toMatch(/<label[^>]*for="candidate-name"/);
    expect(html).toMatch(/id="candidate-name"[^>]*readOnly=""|readOnly=""[^>]*id="candidate-name"/);
    expect(html).toContain('value="a@example.com"');
    expect(html.match(/type="checkbox"/g)).toHaveLength(2);
    expect(html).toContain(t("consentAnalysis", { company: "Acme" }));
    expect(html).toContain(`href="/privacy?lang=${locale}"`);
  });

  it("text answer: a labelled text area and a counter with the question's limit", async () => {
    const t = (await translator(locale)) as unknown as (key: string, values?: Record<string, unknown>) => string;
    const count = t("charCount", { count: "{count}", max: "{max}" });
    expect(count).toContain("{count}");
    expect(count).toContain("{max}");
    const html = renderToStaticMarkup(
      <TextAnswerForm
        token={"t".repeat(43)}
        questionId="q1"
        maxCharacters={500}
        nextHref="/i/x/questions"
        labels={{ answer: t("answerLabel"), count, submit: t("submitAnswer"), hint: t("submitHint"), networkError: t("networkError") }}
      />,
    );
    expect(html).toMatch(/<label[^>]*for="answer-q1"/);
    expect(html).toContain(`0 / 500`);
    expect(html).toContain('aria-describedby="answer-q1-count"');
  });
});
