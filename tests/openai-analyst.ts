// Scripted model answers for the local OpenAI-compatible server, read from the request the way a
// model would: the rubric's criteria from the prompt, evidence quoted from the answer between
// its delimiters, a summary for the session. Deterministic, so tests and the e2e journey can
// assert on scores and quotes. Used by the analysis tests, the e2e server and the benchmark.
import { ANALYSES_END, ANALYSES_START, ANSWER_END, ANSWER_START } from "@/lib/server/analysis/prompts";
import type { ChatReply, ChatRequestBody } from "./openai-server";

/** The score every criterion gets, unless the answer contains "excellent" (9) or "poor" (3). */
export const BASE_SCORE = 7;

function userText(body: ChatRequestBody): string {
  const user = [...(body.messages ?? [])].reverse().find((m) => m.role === "user");
  return typeof user?.content === "string" ? user.content : "";
}

function between(text: string, start: string, end: string): string {
  const a = text.indexOf(start);
  const b = text.indexOf(end, a + start.length);
  return a >= 0 && b > a ? text.slice(a + start.length, b).trim() : "";
}

/** The first run of at least `min` words of the answer (a verbatim quote), or null. */
function firstQuote(answer: string, min = 4): string | null {
  const sentence = answer.split(/(?<=[.!?])\s+/).find((s) => s.split(/\s+/).filter(Boolean).length >= min);
  if (!sentence) return null;
  return sentence.split(/\s+/).slice(0, 8).join(" ").replace(/[.!?,;:]+$/, "");
}

export function analystReply(body: ChatRequestBody): ChatReply {
  const name = body.response_format?.json_schema?.name;
  const text = userText(body);
  if (name === "session_summary") {
    const answers = between(text, ANALYSES_START, ANALYSES_END);
    const count = (answers.match(/^Answer \d+/gm) ?? []).length;
    return JSON.stringify({ summary: `The candidate answered ${count} question${count === 1 ? "" : "s"} clearly and with concrete examples.` });
  }
  const answer = between(text, ANSWER_START, ANSWER_END);
  const rubric = text.slice(text.indexOf("Rubric:") + "Rubric:".length, text.indexOf(ANSWER_START));
  const criteria = rubric
    .split("\n")
    .map((l) => /^\d+\.\s+(.+?)(?:\s+—\s+.*?)?(?:\s+\(weight \d+\))?$/.exec(l.trim())?.[1])
    .filter((n): n is string => Boolean(n));
  const score = /excellent/i.test(answer) ? 9 : /poor/i.test(answer) ? 3 : BASE_SCORE;
  const quote = firstQuote(answer);
  return JSON.stringify({
    summary: `The candidate said: ${answer.slice(0, 120)}`,
    sentiment: /poor|bad|hate/i.test(answer) ? "negative" : "positive",
    skills: ["Communication", ...(/postgres/i.test(answer) ? ["PostgreSQL"] : [])],
    criteria: criteria.map((c) => ({
      name: c,
      score,
      // One real quote and one the answer never said: the second must be dropped.
      evidence: [...(quote ? [{ quote }] : []), { quote: "I have twenty years of experience with Kubernetes" }],
      explanation: `Scored ${score} from what the answer shows.`,
    })),
    explanation: "Scored against the rubric.",
  });
}
