import "server-only";
// The adapters seam: one selector per kind, each choosing from the typed env.
import { env as processEnv, type Env } from "@/lib/env";
import { aiKind, type AiKind } from "./ai";
import { emailKind } from "./email/kind";
import type { EmailKind } from "./email/types";
import { storageKind, type StorageKind } from "./storage/kind";

export type AdapterKinds = { storage: StorageKind; email: EmailKind; ai: AiKind };

/**
 * What each selector builds with this env, for /api/health. Called at start (server and
 * worker) too, so that a configuration a selector refuses stops the process with its message.
 */
export function checkAdapters(e: Env = processEnv): AdapterKinds {
  return { storage: storageKind(e), email: emailKind(e), ai: aiKind(e) };
}
