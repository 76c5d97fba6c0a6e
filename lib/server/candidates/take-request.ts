import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { SESSION_COOKIE, SESSION_NOT_FOUND } from "./session-access";

/** The session secret a candidate's request carries in its cookie; without one, the generic 404. */
export function sessionSecretOf(req: NextRequest): string {
  const secret = req.cookies.get(SESSION_COOKIE)?.value;
  if (!secret) throw new AppError("NOT_FOUND", SESSION_NOT_FOUND);
  return secret;
}
