import { describe, expect, it } from "vitest";
import { formatBytes } from "./format";

describe("formatBytes", () => {
  it("keeps the English it always wrote", () => {
    expect(formatBytes(2 * 1024 * 1024)).toBe("2 MB");
    expect(formatBytes(1.5 * 1024 * 1024)).toBe("1.5 MB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3.0 GB");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(1023)).toBe("1023 bytes");
  });
  it("writes Russian numbers and units", () => {
    expect(formatBytes(2 * 1024 * 1024, "ru")).toBe("2 МБ");
    expect(formatBytes(1.5 * 1024 * 1024, "ru")).toBe("1,5 МБ");
    expect(formatBytes(3 * 1024 ** 3, "ru")).toBe("3,0 ГБ");
    expect(formatBytes(2048, "ru")).toBe("2 КБ");
    expect(formatBytes(12, "ru")).toBe("12 байт");
  });
});
