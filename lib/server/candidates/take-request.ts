import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { LINK_NOT_FOUND, LINK_TOKEN } from "@/lib/server/invitations/open-link";
import { SESSION_COOKIE, SESSION_NOT_FOUND } from "./session-access";

/** The session secret a candidate's request carries in its cookie; without one, the generic 404. */
export function sessionSecretOf(req: NextRequest): string {
  const secret = req.cookies.get(SESSION_COOKIE)?.value;
  if (!secret) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  return secret;
}

/** A link token from the URL, or the generic 404 of an unknown link (nothing is looked up for a malformed one). */
export function linkTokenOf(token: string): string {
  if (!LINK_TOKEN.test(token)) throw new AppError("NOT_FOUND", LINK_NOT_FOUND);
  return token;
}
