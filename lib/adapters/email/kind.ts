import type { Env } from "@/lib/env";
import type { EmailKind } from "./types";

/**
 * Which adapter sends email: Resend with RESEND_API_KEY, SMTP with SMTP_URL, otherwise the
 * outbox (rows in `notifications`, read on the in-app mailbox page). lib/env.ts refuses both
 * RESEND_API_KEY and SMTP_URL at once.
 */
export function emailKind(e: Pick<Env, "RESEND_API_KEY" | "SMTP_URL">): EmailKind {
  if (e.RESEND_API_KEY) return "resend";
  if (e.SMTP_URL) return "smtp";
  return "outbox";
}
