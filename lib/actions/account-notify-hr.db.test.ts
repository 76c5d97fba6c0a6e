// The settings page's email-notification action as the page calls it: the signed-in account
// comes from the session (mocked here: there is no request); the result says whether it
// changed, errors come back as results (never thrown), and only the caller's account changes.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { User } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/tests/fixtures";

const session = vi.hoisted(() => ({ user: null as User | null, revalidated: [] as string[] }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ set() {} }) }));
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => session.revalidated.push(path) }));
vi.mock("next-intl/server", () => ({ getLocale: async () => "en" }));

const { updateNotifyHrAction } = await import("./account");

async function signedIn(): Promise<User> {
  const account = await createAccount();
  session.user = await (await getDb()).user.findUniqueOrThrow({ where: { id: account.id } });
  return session.user;
}

async function preference(userId: string) {
  return (await (await getDb()).user.findUniqueOrThrow({ where: { id: userId } })).notifyHr;
}

describe("updateNotifyHrAction", () => {
  beforeEach(() => {
    session.user = null;
    session.revalidated = [];
  });

  it("saves the choice for the signed-in account and refreshes the settings page", async () => {
    const user = await signedIn();
    const other = await createAccount();
    expect(await updateNotifyHrAction({ notifyHr: "digest" })).toEqual({ ok: true, data: { changed: true, notifyHr: "digest" } });
    expect(await updateNotifyHrAction({ notifyHr: "digest" })).toEqual({ ok: true, data: { changed: false, notifyHr: "digest" } });
    expect(await preference(user.id)).toBe("digest");
    expect(await preference(other.id)).toBe("immediately");
    expect(session.revalidated).toContain("/settings");
  });

  it("answers a value that is not a choice with a field error, changing nothing", async () => {
    const user = await signedIn();
    const result = await updateNotifyHrAction({ notifyHr: "hourly" as never });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fields: { notifyHr: ["Choose immediately, a daily digest or off."] } });
    expect(await preference(user.id)).toBe("immediately");
  });

  it("refuses a caller who is not signed in", async () => {
    const result = await updateNotifyHrAction({ notifyHr: "off" });
    expect(result).toMatchObject({ ok: false, code: "UNAUTHORIZED" });
  });
});
