// The candidate forms rendered to HTML in both languages: labelled inputs, fixed name and
// email on a personal link, the AI analysis consent only when the interview uses it, the live
// counter's text, and the translated placeholders.
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { getMessages } from "@/lib/i18n/messages";
import { StartForm } from "./start-form";
import { TextAnswerForm } from "./text-answer-form";

/** Text as renderToStaticMarkup escapes it. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

async function translator(locale: "en" | "ru") {
  return createTranslator({ locale, messages: (await getMessages(locale)) as never, namespace: "candidate" as never });
}

describe.each(["en", "ru"] as const)("candidate forms in %s", (locale) => {
  function startForm(t: (key: string, values?: Record<string, unknown>) => string, aiAnalysis: boolean) {
    return renderToStaticMarkup(
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
          analysis: aiAnalysis ? { consent: t("consentAnalysis", { company: "Acme" }), decision: t("consentAnalysisDecision") } : null,
          privacyLink: t("privacyLink"),
          continue: t("continue"),
          consentMissing: t(aiAnalysis ? "consentMissing" : "consentMissingOne"),
          networkError: t("networkError"),
        }}
      />,
    );
  }

  it("start form: personal link shows the invitation's name and email read-only, and two labelled consents", async () => {
    const t = (await translator(locale)) as unknown as (key: string, values?: Record<string, unknown>) => string;
    const html = startForm(t, true);
    expect(html).toMatch(/<label[^>]*for="candidate-name"/);
    expect(html).toMatch(/id="candidate-name"[^>]*readOnly=""|readOnly=""[^>]*id="candidate-name"/);
    expect(html).toContain('value="a@example.com"');
    expect(html.match(/type="checkbox"/g)).toHaveLength(2);
    expect(html).toContain(`href="/privacy?lang=${locale}"`);
  });

  it("start form with AI analysis on: says answers are transcribed and assessed by AI, and that a person decides", async () => {
    const t = (await translator(locale)) as unknown as (key: string, values?: Record<string, unknown>) => string;
    const html = startForm(t, true);
    expect(t("consentAnalysis", { company: "Acme" })).toMatch(locale === "en" ? /transcribed and assessed by AI/ : /расшифрованы и оценены с помощью ИИ/);
    expect(t("consentAnalysisDecision")).toMatch(locale === "en" ? /a person .* makes the decision/ : /решение принимает человек/);
    expect(html).toContain(escapeHtml(t("consentAnalysis", { company: "Acme" })));
    expect(html).toContain(escapeHtml(t("consentAnalysisDecision")));
    // The consent is labelled, and the note that a person decides is read with its checkbox.
    expect(html).toMatch(/<label[^>]*for="consent-analysis"/);
    expect(html).toMatch(/aria-describedby="consent-analysis-decision"/);
  });

  it("start form with AI analysis off: one consent, and nothing about AI", async () => {
    const t = (await translator(locale)) as unknown as (key: string, values?: Record<string, unknown>) => string;
    const html = startForm(t, false);
    expect(html.match(/type="checkbox"/g)).toHaveLength(1);
    expect(html).toContain(escapeHtml(t("consentRecording", { company: "Acme" })));
    expect(html).not.toContain("consent-analysis");
    expect(html).not.toContain(escapeHtml(t("consentAnalysis", { company: "Acme" })));
    expect(html).not.toContain(escapeHtml(t("consentAnalysisDecision")));
    expect(html).not.toMatch(/\bAI\b|ИИ/);
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
