import "server-only";
// The AI selector: the OpenAI-compatible adapter (./openai.ts) when any OPENAI_* variable
// points at a server (OpenAI, or a self-hosted Whisper server, Ollama, vLLM...), otherwise
// none: written answers get the no-model analysis and recordings are not transcribed.
import { env as processEnv, type Env } from "@/lib/env";
import { createOpenAiProvider, openAiConfigFromEnv, type OpenAiProvider } from "./openai";

export type AiKind = "none" | "openai";

export type NoAiProvider = { readonly kind: "none" };
export type AiProvider = NoAiProvider | OpenAiProvider;

type AiEnv = Parameters<typeof openAiConfigFromEnv>[0];

export function aiKind(e: AiEnv): AiKind {
  return openAiConfigFromEnv(e) ? "openai" : "none";
}

let cached: { key: string; provider: AiProvider } | null = null;

/**
 * The configured provider, built once per configuration (the SDK clients keep their
 * connections). Read from the env on each call, so a test or benchmark that points `env` at a
 * local server gets a provider for it.
 */
export function getAiProvider(e: Env = processEnv): AiProvider {
  const config = openAiConfigFromEnv(e);
  const key = JSON.stringify(config);
  if (cached?.key === key) return cached.provider;
  const provider: AiProvider = config ? createOpenAiProvider(config) : { kind: "none" };
  cached = { key, provider };
  return provider;
}
