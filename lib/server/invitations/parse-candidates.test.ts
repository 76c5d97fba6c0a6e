import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { decodeCandidatesFile, parseCandidates } from "./parse-candidates";

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error("expected an AppError");
}

describe("parseCandidates: pasted lines", () => {
  it("reads 'Name, email', 'email', 'Name <email>', tabs and quoted commas", () => {
    const rows = parseCandidates(
      ['Ada Lovelace, Ada@Example.com', "grace@example.com", "Alan Turing <alan@example.com>", "", '"Hopper, Grace",g.hopper@example.com'].join("\n"),
    );
    expect(rows).toEqual([
      { line: 1, name: "Ada Lovelace", email: "ada@example.com" },
      { line: 2, name: "", email: "grace@example.com" },
      { line: 3, name: "Alan Turing", email: "alan@example.com" },
      { line: 5, name: "Hopper, Grace", email: "g.hopper@example.com" },
    ]);
    expect(parseCandidates("Иван Петров\tivan@example.ru\r\nМария <maria@example.ru>")).toEqual([
      { line: 1, name: "Иван Петров", email: "ivan@example.ru" },
      { line: 2, name: "Мария", email: "maria@example.ru" },
    ]);
  });

  it("reports malformed emails, lines without an email and duplicates on their line, keeping the valid lines", () => {
    const rows = parseCandidates(["Ada, ada@example.com", "Bob, bob@", "Just a name", "Ada again, ADA@example.com", "Eve, eve@example.com"].join("\n"));
    expect(rows.map((r) => [r.line, r.email, r.error ?? null])).toEqual([
      [1, "ada@example.com", null],
      [2, "bob@", "This is not a valid email address."],
      [3, "", "No email address on this line."],
      [4, "ada@example.com", "Listed twice: the same email is on line 1."],
      [5, "eve@example.com", null],
    ]);
  });

  it("refuses control characters in a name on that line only", () => {
    const rows = parseCandidates("Bad\u0007Name, bad@example.com\nok@example.com");
    expect(rows[0]!.error).toMatch(/control characters/);
    expect(rows[1]).toEqual({ line: 2, name: "", email: "ok@example.com" });
  });

  it("refuses 10,000 lines as a whole, naming the limit", () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `c${i}@example.com`).join("\n");
    const err = thrown(() => parseCandidates(text));
    expect(err.status).toBe(413);
    expect(err.message).toContain("At most 1,000 candidates");
    expect(err.message).toContain("10,000 lines");
    expect(parseCandidates(text.split("\n").slice(0, 1000).join("\n"))).toHaveLength(1000);
  });

  it("refuses an empty list", () => {
    expect(thrown(() => parseCandidates(" \n\n ")).status).toBe(422);
  });
});

describe("parseCandidates: CSV files", () => {
  it("reads a header in any order and any case, with a BOM and semicolons", () => {
    const csv = "\uFEFFEMAIL;Name;Team\r\nada@example.com;Ada Lovelace;R&D\r\nbob@example.com;;Sales\r\n";
    expect(parseCandidates(csv, { source: "file" })).toEqual([
      { line: 2, name: "Ada Lovelace", email: "ada@example.com" },
      { line: 3, name: "", email: "bob@example.com" },
    ]);
  });

  it("takes the separator from the header, even with a single row and a trailing line break", () => {
    expect(parseCandidates("Email;Имя\r\nivan@example.ru;Иван\r\n", { source: "file" })).toEqual([{ line: 2, name: "Иван", email: "ivan@example.ru" }]);
    expect(parseCandidates("\n\nname\temail\nAda, Countess\tada@example.com", { source: "file" })).toEqual([
      { line: 4, name: "Ada, Countess", email: "ada@example.com" },
    ]);
  });

  it("reads Russian headers and first/last name columns", () => {
    expect(parseCandidates("Почта,Имя\nivan@example.ru,Иван", { source: "file" })).toEqual([{ line: 2, name: "Иван", email: "ivan@example.ru" }]);
    expect(parseCandidates("Last name,First name,E-mail\nLovelace,Ada,ada@example.com", { source: "file" })).toEqual([
      { line: 2, name: "Ada Lovelace", email: "ada@example.com" },
    ]);
  });

  it("takes a pasted header when it names an email column", () => {
    expect(parseCandidates("name,email\nAda,ada@example.com")).toEqual([{ line: 2, name: "Ada", email: "ada@example.com" }]);
  });

  it("reads a file without a header like pasted lines", () => {
    expect(parseCandidates("Ada,ada@example.com\nBob,bob@example.com", { source: "file" })).toHaveLength(2);
  });

  it("refuses wrong columns, naming the columns it found", () => {
    const err = thrown(() => parseCandidates("Name,Phone\nAda,+44 1234", { source: "file" }));
    expect(err.status).toBe(422);
    expect(err.message).toContain("Wrong columns");
    expect(err.message).toContain("“Name”, “Phone”");
  });

  it("reports a row without an email on its line", () => {
    const rows = parseCandidates("name,email\nAda,\nBob,bob@example.com", { source: "file" });
    expect(rows).toEqual([
      { line: 2, name: "Ada", email: "", error: "No email address on this line." },
      { line: 3, name: "Bob", email: "bob@example.com" },
    ]);
  });
});

describe("decodeCandidatesFile", () => {
  it("decodes UTF-8 and drops the BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("email\nа@example.ru")]);
    expect(decodeCandidatesFile(bytes)).toBe("email\nа@example.ru");
  });

  it("refuses a Windows-1251 file and UTF-16 with a clear message", () => {
    const cp1251 = new Uint8Array([0xc8, 0xec, 0xff, 0x2c, 0x65, 0x6d, 0x61, 0x69, 0x6c]); // "Имя,email"
    expect(thrown(() => decodeCandidatesFile(cp1251)).message).toMatch(/not UTF-8.*CSV UTF-8/);
    expect(thrown(() => decodeCandidatesFile(new Uint8Array([0xff, 0xfe, 0x65, 0x00]))).message).toMatch(/UTF-16/);
  });
});
