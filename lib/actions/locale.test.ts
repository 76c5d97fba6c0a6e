import { beforeEach, describe, expect, it, vi } from "vitest";

// The request as Next.js would hand it to the action: its headers, and the cookie jar it writes.
const request = vi.hoisted(() => ({ headers: new Headers(), set: vi.fn() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ set: request.set }),
}));

const { setVisitorLocaleAction } = await import("./locale");

function form(locale: unknown): FormData {
  const data = new FormData();
  if (locale !== undefined) data.set("locale", String(locale));
  return data;
}

describe("the visitors' language switch", () => {
  beforeEach(() => {
    request.set.mockClear();
    request.headers = new Headers({ host: "intervue.test", origin: "http://intervue.test", "sec-fetch-site": "same-origin" });
  });

  it("sets NEXT_LOCALE for a year to en or ru", async () => {
    await setVisitorLocaleAction(form("ru"));
    await setVisitorLocaleAction(form("en"));
    expect(request.set.mock.calls).toEqual([
      ["NEXT_LOCALE", "ru", expect.objectContaining({ path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax", httpOnly: true })],
      ["NEXT_LOCALE", "en", expect.objectContaining({ path: "/" })],
    ]);
  });

  it.each(["de", "RU", "ru-RU", "", "ru; Path=/; Domain=evil.example"])("sets nothing for %j", async (value) => {
    await setVisitorLocaleAction(form(value));
    expect(request.set).not.toHaveBeenCalled();
  });

  it("sets nothing without a locale", async () => {
    await setVisitorLocaleAction(form(undefined));
    expect(request.set).not.toHaveBeenCalled();
  });

  it.each([null, undefined, "ru", 1, [], { locale: "ru" }, { get: "ru" }])("sets nothing, and does not throw, for the argument %j (not a form)", async (arg) => {
    await expect(setVisitorLocaleAction(arg as unknown as FormData)).resolves.toBeUndefined();
    expect(request.set).not.toHaveBeenCalled();
  });

  it("sets nothing for a request from another site", async () => {
    request.headers = new Headers({ host: "intervue.test", origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    await setVisitorLocaleAction(form("ru"));
    request.headers = new Headers({ host: "intervue.test", origin: "https://evil.example" });
    await setVisitorLocaleAction(form("ru"));
    expect(request.set).not.toHaveBeenCalled();
  });

  it("accepts the app's own origin without Sec-Fetch-Site", async () => {
    request.headers = new Headers({ host: "intervue.test", origin: "http://intervue.test" });
    await setVisitorLocaleAction(form("ru"));
    expect(request.set).toHaveBeenCalledTimes(1);
  });
});
