import { describe, expect, it } from "vitest";
import { isLocale, preferredLocale, toLocale } from "./config";

describe("preferredLocale (Accept-Language)", () => {
  it("is English when the header is missing, empty or lists none of ours", () => {
    expect(preferredLocale(null)).toBe("en");
    expect(preferredLocale(undefined)).toBe("en");
    expect(preferredLocale("")).toBe("en");
    expect(preferredLocale("de-DE,de;q=0.9,fr;q=0.8")).toBe("en");
    expect(preferredLocale("*")).toBe("en");
  });

  it("takes the first of ours, a region ignored", () => {
    expect(preferredLocale("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("ru");
    expect(preferredLocale("de-DE,ru;q=0.5,en;q=0.4")).toBe("ru");
    expect(preferredLocale("en-GB,ru;q=0.9")).toBe("en");
    expect(preferredLocale("RU")).toBe("ru");
  });

  it("follows the quality values, not only the order", () => {
    expect(preferredLocale("en;q=0.3, ru;q=0.8")).toBe("ru");
    expect(preferredLocale("en;q=0.5,ru;q=0.5")).toBe("en");
    expect(preferredLocale("ru;q=0, en;q=0.1")).toBe("en");
    expect(preferredLocale("ru;q=0")).toBe("en");
  });

  it("is not fooled by look-alikes or junk", () => {
    expect(preferredLocale("rus,eng")).toBe("en");
    expect(preferredLocale("x-ru")).toBe("en");
    expect(preferredLocale("ru;q=abc")).toBe("en");
    expect(preferredLocale(";;;,,,")).toBe("en");
    expect(preferredLocale(`${"de,".repeat(5000)}ru`)).toBe("en");
  });
});

describe("isLocale / toLocale", () => {
  it("accept exactly en and ru", () => {
    expect(isLocale("en")).toBe(true);
    expect(isLocale("ru")).toBe(true);
    for (const v of ["RU", "ru-RU", "de", "", null, undefined, 1, ["ru"]]) expect(isLocale(v)).toBe(false);
    expect(toLocale("ru")).toBe("ru");
    expect(toLocale("de")).toBe("en");
    expect(toLocale(undefined)).toBe("en");
  });
});
