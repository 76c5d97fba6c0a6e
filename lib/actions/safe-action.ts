import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError, toErrorBody } from "@/lib/errors";
import type { User } from "@/lib/generated/prisma/client";
import { relayAfterResponse } from "@/lib/events/relay-kick";
import type { ActionResult } from "./action-result";

// Every action may publish events; on serverless hosts they are relayed after the response.
async function requestId(): Promise<string> {
  relayAfterResponse();
  const h = await headers();
  return h.get("x-request-id") ?? randomUUID();
}

function toResult(err: unknown, id: string): ActionResult<never> {
  const { body } = toErrorBody(err, id);
  return { ok: false, error: body.error.message, fields: body.error.fields };
}

/** An action anyone may call (sign-up): errors are mapped once, here. */
export async function publicAction<T>(run: (ctx: { requestId: string }) => Promise<T>): Promise<ActionResult<T>> {
  const id = await requestId();
  try {
    return { ok: true, data: await run({ requestId: id }) };
  } catch (err) {
    return toResult(err, id);
  }
}

/** An action for the signed-in HR user: authenticates, then maps errors. */
export async function userAction<T>(
  run: (ctx: { user: User; requestId: string }) => Promise<T>,
): Promise<ActionResult<T>> {
  const id = await requestId();
  try {
    const user = await getCurrentUser();
    if (!user) throw new AppError("UNAUTHORIZED", "Your session has ended. Sign in again.");
    return { ok: true, data: await run({ user, requestId: id }) };
  } catch (err) {
    return toResult(err, id);
  }
}
