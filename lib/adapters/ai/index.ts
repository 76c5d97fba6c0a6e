import "server-only";
// The AI selector. The OpenAI-compatible adapter (./openai.ts: transcripts, scoring) is not yet
// used by any analysis function, so its variables stop the app at start until it is.
import { env as processEnv, type Env } from "@/lib/env";
import { notImplemented } from "../not-implemented";

export type AiKind = "none";

/** What analysis can use. `none`: no model; nothing is transcribed or scored by AI. */
export interface AiProvider {
  readonly kind: AiKind;
}

const AI_VARIABLES = [
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "OPENAI_TRANSCRIBE_API_KEY",
  "OPENAI_TRANSCRIBE_BASE_URL",
  "OPENAI_SCORING_API_KEY",
  "OPENAI_SCORING_BASE_URL",
] as const;

// The adapter (./openai.ts) exists, but no analysis function calls it yet: until one does,
// every variable that would point the app at a provider still stops it at start.
export function aiKind(e: Pick<Env, (typeof AI_VARIABLES)[number]>): AiKind {
  const set = AI_VARIABLES.filter((name) => e[name]);
  if (set.length > 0) {
    throw notImplemented([...set], "AI analysis through OpenAI or an OpenAI-compatible server", "answers are not analysed by a model until it is.");
  }
  return "none";
}

export function getAiProvider(): AiProvider {
  return { kind: aiKind(processEnv) };
}
