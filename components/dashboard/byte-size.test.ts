import { describe, expect, it } from "vitest";
import { byteSize } from "./byte-size";

describe("byteSize", () => {
  it("picks the unit and formats for the locale", () => {
    expect(byteSize(0, "en-US")).toBe("0 bytes");
    expect(byteSize(512, "en-US")).toBe("512 bytes");
    expect(byteSize(1536, "en-US")).toBe("1.5 kB");
    expect(byteSize(2 * 1024 ** 3, "en-US")).toBe("2 GB");
    expect(byteSize(1024 ** 4, "en-US")).toBe("1 TB");
    expect(byteSize(512, "ru-RU")).toBe("512 байт");
    expect(byteSize(1.5 * 1024 ** 3, "ru-RU")).toMatch(/^1,5\sГБ$/);
  });
});
