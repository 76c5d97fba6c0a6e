import "server-only";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/auth/client-address";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError, toErrorBody } from "@/lib/errors";
import { requestIdFrom } from "@/lib/http";
import type { User } from "@/lib/generated/prisma/client";
import { relayAfterResponse } from "@/lib/engine/relay-kick";
import type { ActionResult } from "./action-result";

// Every action may publish events; on serverless hosts they are relayed after the response.
async function requestId(): Promise<string> {
  relayAfterResponse();
  // Validated like the route wrapper does: it is stored as events' correlation id and shown in errors.
  return requestIdFrom((await headers()).get("x-request-id"));
}

function toResult(err: unknown, id: string): ActionResult<never> {
  const { body } = toErrorBody(err, id);
  const { message: error, fields, code, details } = body.error;
  return { ok: false, error, fields, code, details };
}

/** An action anyone may call (sign-up): errors are mapped once, here; `ip` is for throttling. */
export async function publicAction<T>(
  run: (ctx: { requestId: string; ip: string }) => Promise<T>,
): Promise<ActionResult<T>> {
  const id = await requestId();
  try {
    return { ok: true, data: await run({ requestId: id, ip: clientAddress(await headers()) }) };
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
