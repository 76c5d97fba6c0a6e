import "server-only";
import { getDb, type Tx } from "@/lib/db/client";
import { publish } from "@/lib/events/publish";
import type { EventData } from "@/lib/events/catalog";
import type { User } from "@/lib/generated/prisma/client";

type AuthMethod = EventData<"user.authenticated">["authMethod"];

function splitName(fullName: string): { firstName: string; lastName: string } {
  const [first = "", ...rest] = fullName.trim().split(/\s+/);
  return { firstName: first, lastName: rest.join(" ") };
}

/**
 * The identity that signed in, as the catalog's auth events name it in `data.userId`: the
 * Keycloak subject for single sign-on, the account id for a password. (The envelope's
 * `userId` is always the account id.)
 */
export function signInSubject(user: Pick<User, "id" | "keycloakId">, authMethod: AuthMethod): string {
  // signInWithKeycloak links the subject before an SSO sign-in is recorded. Without one the
  // account id is the only identity known, and a sign-in must not fail over its audit record.
  return authMethod === "oauth2" && user.keycloakId ? user.keycloakId : user.id;
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
  authMethod: AuthMethod;
  requestId?: string;
}): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    await publish(tx, {
      eventType: "user.authenticated",
      userId,
      data: {
        userId: signInSubject(user, authMethod),
        email: user.email,
        sessionId: authSessionId,
        authMethod,
        ...splitName(user.fullName),
      },
      correlationId: requestId,
    });
  });
}

/**
 * The identity a sign-out names: the one that signed in to that session, read from its
 * user.authenticated event. If that event is gone, an SSO-only account's subject, else the
 * account id.
 */
async function signOutSubject(tx: Tx, userId: string, authSessionId: string): Promise<string> {
  const signIn = await tx.event.findFirst({
    where: { partitionKey: userId, eventType: "user.authenticated", data: { path: ["sessionId"], equals: authSessionId } },
    orderBy: { seq: "desc" },
    select: { data: true },
  });
  const subject = (signIn?.data as { userId?: unknown } | undefined)?.userId;
  if (typeof subject === "string") return subject;
  const user = await tx.user.findUnique({ where: { id: userId }, select: { keycloakId: true, passwordHash: true } });
  return user?.keycloakId && !user.passwordHash ? user.keycloakId : userId;
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
      data: { userId: await signOutSubject(tx, userId, authSessionId), sessionId: authSessionId, logoutReason },
      correlationId: requestId,
    });
  });
}
