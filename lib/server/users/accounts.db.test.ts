import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { signUp } from "./sign-up";
import { authenticateWithPassword, WRONG_CREDENTIALS } from "./authenticate-with-password";
import { updateProfile } from "./update-profile";
import { deleteAccount } from "./delete-account";
import { signInWithKeycloak } from "./sign-in-with-keycloak";
import {
  BASE_DELAY_MS,
  FREE_FAILURES_PER_PAIR,
  MAX_FAILURES_PER_EMAIL,
  pairDelayMs,
  type TooManyAttemptsError,
} from "@/lib/auth/rate-limit";
import { createAccount, PASSWORD, uniqueEmail } from "@/tests/fixtures";
import { rejection } from "@/tests/app-error";


describe("sign-up", () => {
  it("stores the account with an argon2id hash, never the password", async () => {
    const email = uniqueEmail();
    const user = await signUp({ input: { fullName: " Ada Lovelace ", companyName: "", email: email.toUpperCase(), password: PASSWORD } });
    const row = await (await getDb()).user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.email).toBe(email);
    expect(row.fullName).toBe("Ada Lovelace");
    expect(row.companyName).toBeNull();
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    expect(row.storageUsed).toBe(0n);
  });

  it("refuses a duplicate email with a field error and writes nothing", async () => {
    const email = uniqueEmail();
    await createAccount({ email });
    const err = await rejection(signUp({ input: { fullName: "Other", email, password: "another password" } }));
    expect(err.status).toBe(409);
    expect(err.fieldErrors?.email?.[0]).toMatch(/already exists/);
    expect(await (await getDb()).user.count({ where: { email } })).toBe(1);
    // The original password still works: nothing was overwritten.
    await expect(authenticateWithPassword({ email, password: PASSWORD, ip: "t1" })).resolves.toMatchObject({ email });
  });

  it("reports every invalid field at once and writes nothing", async () => {
    const db = await getDb();
    const before = await db.user.count();
    const err = await rejection(signUp({ input: { fullName: "x".repeat(101), email: "nope", password: "short" } }));
    expect(err.status).toBe(422);
    expect(Object.keys(err.fieldErrors ?? {}).sort()).toEqual(["email", "fullName", "password"]);
    expect(await db.user.count()).toBe(before);
  });

  it("lets an email be used again once its account is deleted", async () => {
    const email = uniqueEmail();
    const first = await createAccount({ email });
    await deleteAccount({ actor: first, input: { confirmEmail: email } });
    const second = await createAccount({ email });
    expect(second.id).not.toBe(first.id);
  });
});

describe("password sign-in", () => {
  it("gives the same message for an unknown email and a wrong password", async () => {
    const { email } = await createAccount();
    const wrong = await rejection(authenticateWithPassword({ email, password: "wrong password!", ip: "t2" }));
    const unknown = await rejection(authenticateWithPassword({ email: uniqueEmail(), password: PASSWORD, ip: "t2" }));
    expect(wrong.message).toBe(WRONG_CREDENTIALS);
    expect(unknown.message).toBe(WRONG_CREDENTIALS);
    expect(wrong.status).toBe(401);
  });

  it("slows one address guessing one email with growing delays, and does not lock the owner out", async () => {
    const { email } = await createAccount();
    const attacker = "198.51.100.7";
    // The free failures, then a wait: every further try from that address is refused at once.
    for (let i = 0; i < FREE_FAILURES_PER_PAIR; i++) {
      await rejection(authenticateWithPassword({ email, password: `bad password ${i}`, ip: attacker }));
    }
    const slowed = await rejection(authenticateWithPassword({ email, password: PASSWORD, ip: attacker }));
    expect(slowed.status).toBe(429);
    expect(slowed.message).toMatch(/Too many failed sign-in attempts. Try again in \d+ seconds?\./);
    expect((slowed as TooManyAttemptsError).retryAfterSeconds).toBeLessThanOrEqual(BASE_DELAY_MS / 1000);
    // The owner, from their own address, signs in with the right password.
    await expect(authenticateWithPassword({ email, password: PASSWORD, ip: "203.0.113.5" })).resolves.toMatchObject({ email });
  });

  it("doubles the delay with each further failure, capped, and a success clears it", () => {
    expect([0, 1, 2].map(pairDelayMs)).toEqual([0, 0, 0]);
    expect([3, 4, 5].map(pairDelayMs)).toEqual([5_000, 10_000, 20_000]);
    expect(pairDelayMs(30)).toBe(15 * 60 * 1000);
  });

  it("refuses an email that failed from many addresses past the ceiling", async () => {
    const { email } = await createAccount();
    const db = await getDb();
    await db.authAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_EMAIL }, (_, i) => ({ email, ip: `10.1.${i >> 8}.${i & 255}`, success: false })),
    });
    const err = await rejection(authenticateWithPassword({ email, password: PASSWORD, ip: "10.9.9.9" }));
    expect(err.status).toBe(429);
    // Another account is unaffected.
    const other = await createAccount();
    await expect(authenticateWithPassword({ email: other.email, password: PASSWORD, ip: "10.9.9.9" })).resolves.toBeTruthy();
  });

  it("throttles an IP that tries many emails", async () => {
    const ip = "192.0.2.77";
    const { email } = await createAccount();
    for (let i = 0; i < 30; i++) {
      await rejection(authenticateWithPassword({ email: uniqueEmail("spray"), password: "guess guess", ip }));
    }
    const err = await rejection(authenticateWithPassword({ email, password: PASSWORD, ip }));
    expect(err.status).toBe(429);
  });

  it("refuses a deleted account", async () => {
    const user = await createAccount();
    await deleteAccount({ actor: user, input: { confirmEmail: user.email } });
    const err = await rejection(authenticateWithPassword({ email: user.email, password: PASSWORD, ip: "t3" }));
    expect(err.message).toBe(WRONG_CREDENTIALS);
  });
});

describe("profile", () => {
  it("saves and returns exactly the fields that changed", async () => {
    const user = await createAccount({ fullName: "John Doe", companyName: "Acme" });
    const first = await updateProfile({ actor: user, input: { fullName: "John Smith", companyName: "Acme" } });
    expect(first.changes).toEqual({ fullName: "John Smith" });
    const second = await updateProfile({ actor: user, input: { companyName: "" } });
    expect(second.changes).toEqual({ companyName: null });
    expect(second.user).toMatchObject({ fullName: "John Smith", companyName: null });
    const none = await updateProfile({ actor: user, input: { fullName: "John Smith" } });
    expect(none.changes).toEqual({});
  });

  it("rejects an over-long name and keeps the old one", async () => {
    const user = await createAccount({ fullName: "Kept Name" });
    const err = await rejection(updateProfile({ actor: user, input: { fullName: "y".repeat(101) } }));
    expect(err.fieldErrors?.fullName).toBeTruthy();
    expect((await (await getDb()).user.findUniqueOrThrow({ where: { id: user.id } })).fullName).toBe("Kept Name");
  });
});

describe("account deletion", () => {
  it("needs the account's email typed to confirm", async () => {
    const user = await createAccount();
    const err = await rejection(deleteAccount({ actor: user, input: { confirmEmail: "someone@else.com" } }));
    expect(err.fieldErrors?.confirmEmail?.[0]).toBe("That is not your account's email address.");
    const row = await (await getDb()).user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.deletedAt).toBeNull();
  });

  it("soft-deletes: the row stays with deletedAt set", async () => {
    const user = await createAccount();
    await deleteAccount({ actor: user, input: { confirmEmail: user.email.toUpperCase() } });
    const row = await (await getDb()).user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.deletedAt).toBeInstanceOf(Date);
    const again = await rejection(deleteAccount({ actor: user, input: { confirmEmail: user.email } }));
    expect(again.status).toBe(404);
  });
});

describe("Keycloak sign-in", () => {
  it("creates the account on first sign-in, then finds it by keycloakId", async () => {
    const email = uniqueEmail("sso");
    const first = await signInWithKeycloak({ keycloakId: `kc-${email}`, email, fullName: "Sso User" });
    expect(first.created).toBe(true);
    expect(first.user).toMatchObject({ email, fullName: "Sso User", keycloakId: `kc-${email}`, passwordHash: null });
    const second = await signInWithKeycloak({ keycloakId: `kc-${email}`, email, fullName: "Renamed" });
    expect(second.created).toBe(false);
    expect(second.user.id).toBe(first.user.id);
  });

  it("links an existing password account with the same email instead of duplicating it", async () => {
    const user = await createAccount();
    const res = await signInWithKeycloak({ keycloakId: "kc-link-1", email: user.email, fullName: null });
    expect(res.created).toBe(false);
    expect(res.user.id).toBe(user.id);
    expect(res.user.keycloakId).toBe("kc-link-1");
  });

  it("refuses an identity without a valid email", async () => {
    const err = await rejection(signInWithKeycloak({ keycloakId: "kc-noemail", email: null, fullName: "X" }));
    expect(err.status).toBe(400);
  });
});
