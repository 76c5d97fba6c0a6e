// The review page's AI analysis rendered to HTML in both languages: a scored answer (score out
// of 10, evidence quotes as buttons that seek the video to their time, the timed transcript),
// a skipped answer with its reason, the no-model label, the session's overall score, and when
// the page keeps re-reading while analyses are under way.
import { renderToStaticMarkup } from "react-dom/server";
import { createFormatter, createTranslator } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { getMessages } from "@/lib/i18n/messages";
import type { AnswerAnalysisView, SessionAnalysisView } from "@/lib/schemas/analysis";
import type { SessionReview } from "@/lib/server/sessions/get-session-review";

let locale: "en" | "ru" = "en";
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) =>
    createTranslator({
      locale,
      messages: (await getMessages(locale)) as never,
      namespace: namespace as never,
      onError: (e) => {
        throw e;
      },
    }),
  getFormatter: async () => createFormatter({ locale }),
}));
const { AnswerAnalysis, SessionAnalysis } = await import("./answer-analysis");
const { analysisInProgress, showSessionAnalysis } = await import("./session-review");
const { clock } = await import("./answer-time");

async function t(key: string, values?: Record<string, string>) {
  const tr = createTranslator({ locale, messages: (await getMessages(locale)) as never, namespace: "candidates.review.analysis" as never });
  return (tr as unknown as (k: string, v?: Record<string, string>) => string)(key, values);
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/'/g, "&#x27;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

async function render(analysis: AnswerAnalysisView, videoId?: string) {
  return renderToStaticMarkup(await AnswerAnalysis({ analysis, videoId, headingId: "analysis-q1" }));
}

const SCORED: AnswerAnalysisView = {
  status: "completed",
  kind: "model",
  transcript: {
    text: "I designed a queue. It retried failed jobs.",
    segments: [
      { start: 0, end: 2.5, text: "I designed a queue." },
      { start: 72.4, end: 75, text: "It retried failed jobs." },
    ],
  },
  summary: "Designed a job queue with retries.",
  sentiment: "positive",
  skills: ["system design", "queues"],
  criteria: [
    { name: "Clarity", score: 7.5, evidence: [{ quote: "It retried failed jobs.", start: 72.4, end: 75 }] },
    { name: "Depth", score: 3, evidence: [] },
  ],
  model: "gpt-4o-mini",
  promptVersion: "answer-v1",
};

describe.each(["en", "ru"] as const)("the analysis panel in %s", (lang) => {
  it("a scored answer: each criterion's score out of 10, quotes and transcript segments seek the video", async () => {
    locale = lang;
    const html = await render(SCORED, "answer-video-q1");
    expect(html).toMatch(/<h4 id="analysis-q1"[^>]*>/);
    expect(html).toContain('aria-labelledby="analysis-q1"');
    expect(html).toContain(`data-status="completed"`);
    expect(html).toContain(await t("status.completed"));
    expect(html).toContain("Designed a job queue with retries.");
    expect(html).toContain(await t("sentimentValue.positive"));
    expect(html).toMatch(/<li[^>]*>system design<\/li>/);
    expect(html).toContain(await t("score", { score: lang === "ru" ? "7,5" : "7.5" }));
    expect(html).toContain(await t("score", { score: "3" }));
    expect(html).toContain(escape(await t("noEvidence")));
    // The quote's time is a real button seeking to 72.4 s, named "Play from 01:12".
    const quote = html.match(/<li[^>]*><button type="button"[^>]*data-seek="72.4"[^>]*>(.*?)<\/button><q>It retried failed jobs.<\/q><\/li>/);
    expect(quote?.[1]).toBe(`<span class="sr-only">${await t("playFrom")} </span><span class="font-mono">01:12</span>`);
    // The transcript: one button per segment, at its start.
    const transcript = html.match(/<ol[^>]*data-testid="transcript"[^>]*>(.*?)<\/ol>/)?.[1] ?? "";
    expect([...transcript.matchAll(/data-seek="([\d.]+)"/g)].map((m) => m[1])).toEqual(["0", "72.4"]);
    expect(transcript).toContain(">00:00<");
    // Always open (it follows playback), headed and labelled; no line is current before the video plays.
    expect(html).toContain(`<h5 class="text-xs font-medium uppercase tracking-wide text-slate-600">${await t("transcript")}</h5>`);
    expect(html).toMatch(new RegExp(`<ol aria-label="${await t("transcript")}"[^>]*data-testid="transcript"`));
    expect(transcript).not.toContain("aria-current");
    expect(html).not.toContain("<details");
    expect(html).toContain(`${await t("model", { model: "gpt-4o-mini" })} · ${await t("promptVersion", { version: "answer-v1" })}`);
    expect(html).not.toContain('data-testid="no-model"');
    expect(html).not.toContain('data-testid="analysis-reason"');
  });

  it("without a video on the page (deleted recording), times are plain text, not buttons", async () => {
    locale = lang;
    const html = await render(SCORED);
    expect(html).not.toContain("<button");
    expect(html).toContain("01:12");
  });

  it("a skipped answer shows why, and nothing else", async () => {
    locale = lang;
    const html = await render(
      { status: "skipped", kind: "model", reason: "Transcribing a recording needs an AI provider.", summary: null, sentiment: null, skills: [], criteria: [], model: null, promptVersion: null },
      "answer-video-q1",
    );
    expect(html).toContain(`data-status="skipped"`);
    expect(html).toContain(await t("status.skipped"));
    expect(html).toMatch(/<p role="note"[^>]*data-testid="analysis-reason"[^>]*>Transcribing a recording needs an AI provider.<\/p>/);
    expect(html).not.toContain("<button");
    expect(html).not.toContain("<h5");
    expect(html).not.toContain(await t("model", { model: "" }));
  });

  it("a no-model analysis is labelled as such, unscored, with its keywords as plain quotes", async () => {
    locale = lang;
    const html = await render(
      {
        status: "completed",
        kind: "no-model",
        reason: "no lexicon for this language",
        summary: null,
        sentiment: null,
        skills: [],
        criteria: [{ name: "Indexes", score: null, evidence: [{ quote: "index" }] }],
        model: null,
        promptVersion: "no-model-v1",
      },
      undefined,
    );
    expect(html).toMatch(new RegExp(`data-testid="no-model"[^>]*>${await t("noModel")}<`));
    expect(html).toContain(escape(await t("noModelHint")));
    expect(html).toContain(await t("notScored"));
    expect(html).toContain("<q>index</q>");
    expect(html).toContain("no lexicon for this language");
    expect(html).not.toContain("<button");
    expect(html).toContain(await t("promptVersion", { version: "no-model-v1" }));
  });

  it("pending and running answers say so; running is a live status", async () => {
    locale = lang;
    const empty: Omit<AnswerAnalysisView, "status"> = { kind: "model", summary: null, sentiment: null, skills: [], criteria: [], model: null, promptVersion: null };
    expect(await render({ ...empty, status: "pending" })).toContain(await t("status.pending"));
    expect(await render({ ...empty, status: "running" })).toContain(`role="status">${await t("status.running")}<`);
  });

  it("the session's overall score out of 10, or not scored", async () => {
    locale = lang;
    const done: SessionAnalysisView = {
      status: "completed",
      overallScore: 7.5,
      summary: "A solid candidate.",
      model: "gpt-4o-mini",
      promptVersion: "session-v1",
      completedAt: "2026-11-01T09:40:00.000Z",
    };
    const html = renderToStaticMarkup(await SessionAnalysis({ analysis: done }));
    expect(html).toMatch(/<h2 id="session-analysis-heading"/);
    expect(html).toContain(`data-testid="overall-score">${await t("score", { score: lang === "ru" ? "7,5" : "7.5" })}<`);
    expect(html).toContain("A solid candidate.");
    expect(html).toContain(await t("promptVersion", { version: "session-v1" }));
    const unscored = renderToStaticMarkup(await SessionAnalysis({ analysis: { ...done, overallScore: null } }));
    expect(unscored).toContain(`data-testid="overall-score">${await t("notScored")}<`);
    const pending = renderToStaticMarkup(
      await SessionAnalysis({ analysis: { status: "pending", overallScore: null, summary: null, model: null, promptVersion: null, completedAt: null } }),
    );
    expect(pending).toContain(await t("sessionPending"));
    expect(pending).not.toContain("overall-score");
  });
});

describe("clock", () => {
  it("is mm:ss, minutes counting on past an hour", () => {
    expect([0, 9.9, 72.4, 600, 3725].map(clock)).toEqual(["00:00", "00:09", "01:12", "10:00", "62:05"]);
  });
});

describe("the review page's rules: re-reading while analyses progress, showing the overall analysis", () => {
  const answer = (status: AnswerAnalysisView["status"], kind: AnswerAnalysisView["kind"] = "model") => ({
    questionId: "q",
    type: "video" as const,
    analysis: { status, kind, summary: null, sentiment: null, skills: [], criteria: [], model: null, promptVersion: null },
  });
  const review = (status: SessionReview["status"], answers: ReturnType<typeof answer>[], session: SessionAnalysisView["status"] = "pending"): SessionReview => ({
    id: "s",
    interview: { id: "i", title: "T", aiAnalysis: true, blindReview: false },
    candidateName: "A",
    candidateEmail: "a@example.com",
    blind: null,
    status,
    startedAt: "2026-11-01T09:00:00.000Z",
    completedAt: null,
    analysis: { status: session, overallScore: null, summary: null, model: null, promptVersion: null, completedAt: null },
    questions: [
      ...answers.map((a, i) => ({ id: `q${i}`, position: i + 1, prompt: "?", type: "video" as const, answer: a })),
      { id: "unanswered", position: 9, prompt: "?", type: "text" as const, answer: null },
    ],
  });

  it("while a completed session has an answer pending or running, or its summary is still to come after a model's scores", () => {
    expect(analysisInProgress(review("completed", [answer("completed"), answer("pending")]))).toBe(true);
    expect(analysisInProgress(review("completed", [answer("running")]))).toBe(true);
    expect(analysisInProgress(review("completed", [answer("completed")], "running"))).toBe(true);
    expect(analysisInProgress(review("completed", [answer("completed")], "pending"))).toBe(true);
  });

  it("not for a session still in progress, nor when nothing can progress (AI off: skipped; no model: no summary)", () => {
    expect(analysisInProgress(review("in_progress", [answer("pending")]))).toBe(false);
    expect(analysisInProgress(review("completed", [answer("skipped"), answer("skipped")]))).toBe(false);
    expect(analysisInProgress(review("completed", [answer("completed", "no-model"), answer("failed")]))).toBe(false);
    expect(analysisInProgress(review("completed", [answer("completed")], "completed"))).toBe(false);
    expect(analysisInProgress(review("completed", []))).toBe(false);
  });

  it("the overall analysis shows on a completed session unless every answer was skipped and no summary came", () => {
    expect(showSessionAnalysis(review("completed", [answer("pending")]))).toBe(true);
    expect(showSessionAnalysis(review("completed", [answer("skipped"), answer("completed")]))).toBe(true);
    expect(showSessionAnalysis(review("completed", [answer("skipped")], "completed"))).toBe(true);
    expect(showSessionAnalysis(review("completed", [answer("skipped"), answer("skipped")]))).toBe(false);
    expect(showSessionAnalysis(review("in_progress", [answer("completed")], "completed"))).toBe(false);
  });
});
