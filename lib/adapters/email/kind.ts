import type { Env } from "@/lib/env";
import { notImplemented } from "../not-implemented";
import type { EmailKind } from "./types";

export function emailKind(e: Pick<Env, "RESEND_API_KEY">): EmailKind {
  if (e.RESEND_API_KEY) {
    throw notImplemented(
      ["RESEND_API_KEY"],
      "sending email through Resend",
      "emails are kept in the local outbox (the notifications table) until it is.",
    );
  }
  return "outbox";
}
