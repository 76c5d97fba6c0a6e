import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { NETWORK_ERROR } from "@/components/ui/use-submit";
import { eventFiltersSchema } from "@/lib/schemas/events";
import { CONTROL_CHARACTER_MESSAGE, INVALID_UNICODE_MESSAGE } from "@/lib/schemas/text";
import { deleteAccountSchema, signUpSchema, updateLocaleSchema, updateProfileSchema } from "@/lib/schemas/user";
import { CROSS_SITE_MESSAGE } from "@/lib/same-origin";
import en from "./messages/en/common.json";
import ru from "./messages/ru/common.json";
import { knownMessageKey, localizeFieldErrors, localizeMessage, type Translate } from "./localize-message";

const translator = (messages: typeof en) => {
  const t = createTranslator({ locale: "en", messages: { common: messages }, namespace: "common.validation" });
  return ((key: string) => t(key as never)) satisfies Translate;
};
const english = translator(en);
const russian = translator(ru);

function issues(result: { success: boolean; error?: { issues: Array<{ message: string }> } }): string[] {
  return result.error?.issues.map((i) => i.message) ?? [];
}

describe("known messages", () => {
  it("are shown unchanged in English and in Russian otherwise", () => {
    for (const message of Object.values(en.validation)) {
      expect(localizeMessage(message, english)).toBe(message);
      const translated = localizeMessage(message, russian);
      expect(translated).not.toBe(message);
      expect(translated).toMatch(/[а-яё]/i);
    }
  });

  it("anything else is shown as it came", () => {
    expect(localizeMessage("Your account is suspended, call +1 555 0100", russian)).toBe("Your account is suspended, call +1 555 0100");
    expect(localizeMessage("toString", russian)).toBe("toString");
    expect(localizeMessage("", russian)).toBe("");
  });

  it("include the messages the forms get from outside the schemas", () => {
    for (const message of [NETWORK_ERROR, CROSS_SITE_MESSAGE, CONTROL_CHARACTER_MESSAGE, INVALID_UNICODE_MESSAGE]) {
      expect(knownMessageKey(message), message).toBeDefined();
    }
  });

  it("cover every message the sign-up, profile, delete and language forms can show for bad input", () => {
    const messages = [
      ...issues(signUpSchema.safeParse({ fullName: "", email: "", password: "" })),
      ...issues(signUpSchema.safeParse({ fullName: "x".repeat(101), companyName: "y".repeat(121), email: "nope", password: "short" })),
      ...issues(signUpSchema.safeParse({ fullName: "A\u0000", email: `${"a".repeat(250)}@x.com`, password: "p".repeat(201) })),
      ...issues(updateProfileSchema.safeParse({ fullName: "" })),
      ...issues(deleteAccountSchema.safeParse({ confirmEmail: "" })),
      ...issues(updateLocaleSchema.safeParse({ locale: "de" })),
    ];
    expect(messages.length).toBeGreaterThan(8);
    for (const message of messages) expect(knownMessageKey(message), message).toBeDefined();
  });

  it("cover the events explorer's filter errors", () => {
    const messages = [
      ...issues(eventFiltersSchema.safeParse({ eventType: "nope", topic: "nope", partitionKey: "nope", from: "yesterday", to: "x" })),
      ...issues(eventFiltersSchema.safeParse({ before: "0", correlationId: "c".repeat(201) })),
      ...issues(eventFiltersSchema.safeParse({ from: "2026-11-28T10:00", to: "2026-11-27T10:00", before: "5", after: "6" })),
    ];
    expect(messages.length).toBeGreaterThan(6);
    for (const message of messages) expect(knownMessageKey(message), message).toBeDefined();
  });

  it("field errors are translated field by field", () => {
    expect(localizeFieldErrors({ email: ["Enter your email address."], other: ["Something new."] }, russian)).toEqual({
      email: ["Введите адрес электронной почты."],
      other: ["Something new."],
    });
  });
});
