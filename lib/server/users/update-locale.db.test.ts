import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { rejection } from "@/tests/app-error";
import { createAccount } from "@/tests/fixtures";
import { deleteAccount } from "./delete-account";
import { signUp } from "./sign-up";
import { updateLocale } from "./update-locale";

async function localeEvents(userId: string) {
  const events = await (await getDb()).event.findMany({ where: { partitionKey: userId, eventType: "user.updated" }, orderBy: { seq: "asc" } });
  return events.map((e) => ({ data: e.data, correlationId: e.correlationId }));
}

describe("updateLocale", () => {
  it("stores the language and publishes user.updated with only the locale, in the request's correlation", async () => {
    const user = await createAccount();
    expect(user.locale).toBe("en");

    const result = await updateLocale({ actor: user, input: { locale: "ru" }, requestId: "req-locale-1" });
    expect(result).toMatchObject({ changed: true, locale: "ru" });
    expect((await (await getDb()).user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("ru");
    expect(await localeEvents(user.id)).toEqual([{ data: { changes: { locale: "ru" } }, correlationId: "req-locale-1" }]);

    // Back to English: stored, and a second event.
    await updateLocale({ actor: user, input: { locale: "en" }, requestId: "req-locale-2" });
    expect((await (await getDb()).user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("en");
    expect((await localeEvents(user.id)).map((e) => e.data)).toEqual([{ changes: { locale: "ru" } }, { changes: { locale: "en" } }]);
  });

  it("choosing the current language again changes and publishes nothing", async () => {
    const user = await createAccount();
    const result = await updateLocale({ actor: user, input: { locale: "en" } });
    expect(result).toMatchObject({ changed: false, locale: "en" });
    expect(await localeEvents(user.id)).toEqual([]);
  });

  it.each([
    ["another language", { locale: "de" }],
    ["a tag with a region", { locale: "ru-RU" }],
    ["upper case", { locale: "RU" }],
    ["no locale", {}],
    ["a number", { locale: 1 }],
    ["an extra field", { locale: "ru", fullName: "Mallory" }],
    ["not an object", "ru"],
  ])("refuses %s with a 422 and stores nothing", async (_label, input) => {
    const user = await createAccount();
    const err = await rejection(updateLocale({ actor: user, input }));
    expect(err.code).toBe("VALIDATION");
    expect(err.status).toBe(422);
    const row = await (await getDb()).user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.locale).toBe("en");
    expect(row.fullName).toBe(user.fullName);
    expect(await localeEvents(user.id)).toEqual([]);
  });

  it("names the field and says which values are allowed", async () => {
    const user = await createAccount();
    const err = await rejection(updateLocale({ actor: user, input: { locale: "fr" } }));
    expect(err.fieldErrors).toEqual({ locale: ["Choose English or Russian."] });
  });

  it("is 404 for a deleted account", async () => {
    const user = await createAccount();
    await deleteAccount({ actor: user, input: { confirmEmail: user.email } });
    const err = await rejection(updateLocale({ actor: user, input: { locale: "ru" } }));
    expect(err.code).toBe("NOT_FOUND");
    expect(await localeEvents(user.id)).toEqual([]);
  });

  it("changes only the acting account", async () => {
    const [first, second] = await Promise.all([createAccount(), createAccount()]);
    await updateLocale({ actor: first, input: { locale: "ru" } });
    expect((await (await getDb()).user.findUniqueOrThrow({ where: { id: second.id } })).locale).toBe("en");
    expect(await localeEvents(second.id)).toEqual([]);
  });
});

describe("sign-up's language", () => {
  it("is the one the visitor signed up in, English when not given", async () => {
    const base = { fullName: "Sofia Kovalevskaya", password: "correct horse battery" };
    const russian = await signUp({ input: { ...base, email: `ru-${Date.now()}@example.com` }, locale: "ru" });
    const plain = await signUp({ input: { ...base, email: `en-${Date.now()}@example.com` } });
    expect(russian.locale).toBe("ru");
    expect(plain.locale).toBe("en");
  });
});
