import "server-only";
import { getDb } from "@/lib/db/client";
import { publish } from "@/lib/events/publish";
import type { EventData } from "@/lib/events/catalog";

function splitName(fullName: string): { firstName: string; lastName: string } {
  const [first = "", ...rest] = fullName.trim().split(/\s+/);
  return { firstName: first, lastName: rest.join(" ") };
}

/** A successful sign-in, password or SSO: recorded as user.authenticated. */
export async function recordSignIn({
  userId,
  authSessionId,
  authMethod,
  requestId,
}: {
  userId: string;
  authSessionId: string;
  authMethod: EventData<"user.authenticated">["authMethod"];
  requestId?: string;
}): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    await publish(tx, {
      eventType: "user.authenticated",
      userId,
      data: { userId, email: user.email, sessionId: authSessionId, authMethod, ...splitName(user.fullName) },
      correlationId: requestId,
    });
  });
}

/** A sign-out: recorded as user.logged_out. */
export async function recordSignOut({
  userId,
  authSessionId,
  logoutReason = "user_action",
  requestId,
}: {
  userId: string;
  authSessionId: string;
  logoutReason?: EventData<"user.logged_out">["logoutReason"];
  requestId?: string;
}): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await publish(tx, {
      eventType: "user.logged_out",
      userId,
      data: { userId, sessionId: authSessionId, logoutReason },
      correlationId: requestId,
    });
  });
}
