import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./config";
import { getMessages, NAMESPACES } from "./messages";

function keys(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("messages", () => {
  it("lists every namespace file, and every language has the same files", () => {
    for (const locale of LOCALES) {
      const files = readdirSync(path.join(import.meta.dirname, "messages", locale)).map((f) => f.replace(/\.json$/, ""));
      expect(files.sort()).toEqual([...NAMESPACES].sort());
    }
  });

  it("has the same keys in every language, none empty", async () => {
    const [first, ...others] = await Promise.all(LOCALES.map((l) => getMessages(l)));
    const expected = keys(first).sort();
    for (const messages of others) expect(keys(messages).sort()).toEqual(expected);
    for (const messages of [first, ...others]) {
      for (const key of keys(messages)) {
        const value = key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages);
        expect(typeof value === "string" && value.trim().length > 0, key).toBe(true);
      }
    }
  });
});
