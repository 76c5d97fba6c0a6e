import "server-only";
// The AI selector. No provider is implemented yet: the OpenAI-compatible adapter (transcripts,
// scoring) arrives with the analysis issue, and until then its variables stop the app at start.
import { env as processEnv, type Env } from "@/lib/env";
import { notImplemented } from "../not-implemented";

export type AiKind = "none";

/** What analysis can use. `none`: no model; nothing is transcribed or scored by AI. */
export interface AiProvider {
  readonly kind: AiKind;
}

export function aiKind(e: Pick<Env, "OPENAI_API_KEY" | "OPENAI_BASE_URL">): AiKind {
  const set = (["OPENAI_API_KEY", "OPENAI_BASE_URL"] as const).filter((name) => e[name]);
  if (set.length > 0) {
    throw notImplemented([...set], "AI analysis through OpenAI or an OpenAI-compatible server", "answers are not analysed by a model until it is.");
  }
  return "none";
}

export function getAiProvider(): AiProvider {
  return { kind: aiKind(processEnv) };
}
