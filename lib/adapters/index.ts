import "server-only";
// The adapters seam: one selector per kind, each choosing from the typed env.
import { env as processEnv, type Env } from "@/lib/env";
import { aiKind, type AiKind } from "./ai";
import { emailKind } from "./email/kind";
import type { EmailKind } from "./email/types";
import { AdapterNotImplementedError } from "./not-implemented";
import { storageKind, type StorageKind } from "./storage/kind";

export { AdapterNotImplementedError } from "./not-implemented";

export type AdapterKinds = { storage: StorageKind; email: EmailKind; ai: AiKind };

/**
 * What each selector builds with this env, for /api/health. Call it at start (server and
 * worker): a variable set for an integration that is not implemented throws one error naming
 * every such variable, instead of the app running on a silent local fallback.
 */
export function checkAdapters(e: Env = processEnv): AdapterKinds {
  const problems: AdapterNotImplementedError[] = [];
  const pick = <K>(select: () => K): K | undefined => {
    try {
      return select();
    } catch (err) {
      if (!(err instanceof AdapterNotImplementedError)) throw err;
      problems.push(err);
      return undefined;
    }
  };
  const kinds = { storage: pick(() => storageKind(e)), email: pick(() => emailKind(e)), ai: pick(() => aiKind(e)) };
  if (problems.length > 0) {
    throw new AdapterNotImplementedError(
      problems.flatMap((p) => p.variables),
      `Configuration names integrations this release does not have:\n${problems.map((p) => `  ${p.message}`).join("\n")}`,
    );
  }
  return kinds as AdapterKinds;
}
