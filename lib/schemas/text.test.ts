import { describe, expect, it } from "vitest";
import { cleanText, CONTROL_CHARACTER_MESSAGE, INVALID_UNICODE_MESSAGE, isSafeText, text } from "./text";
import { eventFiltersSchema } from "./events";
import { deleteAccountSchema, signInSchema, signUpSchema, updateProfileSchema } from "./user";

const message = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }, field: string) =>
  r.error?.issues.find((i) => i.path[0] === field)?.message;

describe("text()", () => {
  it.each(["Ada Lovelace", "محمد بن موسى", "José 👩🏽‍💻", "李小龍"])("accepts ordinary text %j", (v) => {
    expect(text().safeParse(v).success).toBe(true);
  });
  it.each(["a\u0000", "a\u0007b", "a\u001b[31m", "a\u007f", "a\u0085", "tab\there", "line\nbreak"])("refuses control characters in %j", (v) => {
    expect(text().safeParse(v).error?.issues[0]?.message).toBe(CONTROL_CHARACTER_MESSAGE);
  });
  it.each(["\ud800", "a\udc00b", "\ud83d"])("refuses a lone surrogate %j", (v) => {
    expect(text().safeParse(v).error?.issues[0]?.message).toBe(INVALID_UNICODE_MESSAGE);
  });
  it("allows line breaks and tabs only when multiline", () => {
    expect(isSafeText("a\nb\tc\r\n", { multiline: true })).toBe(true);
    expect(isSafeText("a\u0000", { multiline: true })).toBe(false);
  });
  it("trims before checking, so a pasted trailing newline is fine", () => {
    expect(text({ trim: true }).parse(" Ada\n")).toBe("Ada");
  });
});

describe("every account and filter text field uses it", () => {
  const signUp = { fullName: "Ada", companyName: "", email: "ada@example.com", password: "correct horse" };
  it.each(["fullName", "companyName", "email", "password"])("sign-up %s", (field) => {
    expect(message(signUpSchema.safeParse({ ...signUp, [field]: "a\u0000bcdefghijk" }), field)).toBe(CONTROL_CHARACTER_MESSAGE);
    expect(message(signUpSchema.safeParse({ ...signUp, [field]: "\ud800bcdefghijk" }), field)).toBe(INVALID_UNICODE_MESSAGE);
  });
  it.each(["fullName", "companyName"])("profile %s", (field) => {
    expect(message(updateProfileSchema.safeParse({ [field]: "a\u0000" }), field)).toBe(CONTROL_CHARACTER_MESSAGE);
    expect(message(updateProfileSchema.safeParse({ [field]: "\ud800" }), field)).toBe(INVALID_UNICODE_MESSAGE);
  });
  it("sign-in, delete confirmation and the events' correlation id", () => {
    expect(signInSchema.safeParse({ email: "a@b.co", password: "x\u0000" }).success).toBe(false);
    expect(message(deleteAccountSchema.safeParse({ confirmEmail: "a\u0000@b.co" }), "confirmEmail")).toBe(CONTROL_CHARACTER_MESSAGE);
    expect(message(eventFiltersSchema.safeParse({ correlationId: "\u0000" }), "correlationId")).toBe(CONTROL_CHARACTER_MESSAGE);
  });
});

describe("cleanText()", () => {
  it("drops control characters, repairs lone surrogates and cuts to length", () => {
    expect(cleanText("pic\u0000ture.png")).toBe("picture.png");
    expect(cleanText("a\ud800.png")).toBe("a\ufffd.png");
    expect(cleanText("x".repeat(300)).length).toBe(200);
    expect(cleanText("🙂".repeat(150), 201).isWellFormed()).toBe(true);
  });
});
