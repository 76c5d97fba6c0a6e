import { describe, expect, it } from "vitest";
import { nextAuthUrlEnv, signInErrorCode } from "./options";
import { AppError } from "@/lib/errors";
import { TooManyAttemptsError } from "./rate-limit";
import { createTranslator } from "next-intl";
import { readableAuthError } from "@/components/auth/auth-error";
import enAuth from "@/lib/i18n/messages/en/auth.json";
import ruAuth from "@/lib/i18n/messages/ru/auth.json";

const english = createTranslator({ locale: "en", messages: { auth: enAuth }, namespace: "auth.errors" });
const russian = createTranslator({ locale: "ru", messages: { auth: ruAuth }, namespace: "auth.errors" });
const en = (key: string, values?: { count: number }) => english(key as never, values as never);
const ru = (key: string, values?: { count: number }) => russian(key as never, values as never);

describe("next-auth's public URL", () => {
  it("is APP_URL when set, and always in production", () => {
    expect(nextAuthUrlEnv({ appUrl: "https://x.example", appUrlConfigured: true, nodeEnv: "development" })).toEqual({ NEXTAUTH_URL: "https://x.example" });
    expect(nextAuthUrlEnv({ appUrl: "http://localhost:3000", appUrlConfigured: false, nodeEnv: "production" })).toEqual({ NEXTAUTH_URL: "http://localhost:3000" });
  });
  it("comes from the request in development without APP_URL (not port 3000 whatever the port)", () => {
    expect(nextAuthUrlEnv({ appUrl: "http://localhost:3000", appUrlConfigured: false, nodeEnv: "development" })).toEqual({ AUTH_TRUST_HOST: "1" });
  });
});

describe("sign-in error codes", () => {
  it("travel as codes, not text", () => {
    expect(signInErrorCode(new TooManyAttemptsError(42, "Too many…"))).toBe("RateLimited:42");
    expect(signInErrorCode(new AppError("UNAUTHORIZED", "Wrong email or password."))).toBe("CredentialsSignin");
    expect(signInErrorCode(new AppError("FORBIDDEN", "This account was deleted."))).toBe("AccountDeleted");
  });
  it("and the sign-in page shows only fixed messages for them", () => {
    expect(readableAuthError("RateLimited:42", en)).toBe("Too many failed sign-in attempts. Try again in 42 seconds.");
    expect(readableAuthError("RateLimited:1", en)).toBe("Too many failed sign-in attempts. Try again in 1 second.");
    expect(readableAuthError("RateLimited:61", en)).toBe("Too many failed sign-in attempts. Try again in 2 minutes.");
    expect(readableAuthError("CredentialsSignin", en)).toBe("Wrong email or password.");
    expect(readableAuthError("Your account is suspended, call +1 555 0100", en)).toBe("Sign-in failed. Try again.");
    expect(readableAuthError("toString", en)).toBe("Sign-in failed. Try again.");
    expect(readableAuthError("RateLimited:1234567", en)).toBe("Sign-in failed. Try again.");
    expect(readableAuthError(undefined, en)).toBeNull();
  });
  it("in Russian too, with Russian plurals", () => {
    expect(readableAuthError("CredentialsSignin", ru)).toBe("Неверная почта или пароль.");
    expect(readableAuthError("RateLimited:1", ru)).toBe("Слишком много неудачных попыток входа. Попробуйте снова через 1 секунду.");
    expect(readableAuthError("RateLimited:42", ru)).toBe("Слишком много неудачных попыток входа. Попробуйте снова через 42 секунды.");
    expect(readableAuthError("RateLimited:45", ru)).toBe("Слишком много неудачных попыток входа. Попробуйте снова через 45 секунд.");
    expect(readableAuthError("RateLimited:300", ru)).toBe("Слишком много неудачных попыток входа. Попробуйте снова через 5 минут.");
    expect(readableAuthError("toString", ru)).toBe("Не удалось войти. Попробуйте ещё раз.");
  });
});
