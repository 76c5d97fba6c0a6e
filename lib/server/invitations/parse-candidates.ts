import "server-only";
// Candidates from text people paste or a CSV file they upload, parsed with papaparse.
//
// Accepted, one candidate per line:
//   Ada Lovelace, ada@example.com      (also ; or tab as separator, quotes for commas in names)
//   ada@example.com                    (the name is then the email's local part)
//   Ada Lovelace <ada@example.com>
// or a CSV whose first line is a header naming the columns in any order, in any case:
//   name / full name / имя / фио, email / e-mail / почта (first name + last name, имя + фамилия
//   are joined). A header without an email column is refused, naming the columns it has.
//
// File-level problems (not UTF-8, too many lines, wrong columns) are an AppError for the whole
// input; line-level ones (no email, malformed email, a duplicate) are reported on their line
// and the other lines are still returned as valid.
import Papa from "papaparse";
import { AppError } from "@/lib/errors";
import { MAX_CANDIDATES_PER_REQUEST, candidateSchema } from "@/lib/schemas/invitation";

export type ParsedCandidate = {
  /** Line (row) number in the input, 1-based, counting the header. */
  line: number;
  name: string;
  email: string;
  /** Set when this line cannot be invited; the message says why. */
  error?: string;
};

const EMAIL_HEADERS = new Set([
  "email",
  "e-mail",
  "email address",
  "e-mail address",
  "mail",
  "почта",
  "эл. почта",
  "эл почта",
  "электронная почта",
  "емейл",
  "имейл",
  "e-mail адрес",
  "адрес почты",
]);
const NAME_HEADERS = new Set(["name", "full name", "fullname", "candidate", "candidate name", "имя", "фио", "полное имя", "кандидат", "имя кандидата"]);
const FIRST_NAME_HEADERS = new Set(["first name", "firstname", "given name"]);
const LAST_NAME_HEADERS = new Set(["last name", "lastname", "surname", "family name", "фамилия"]);

const ANGLE = /^(.*?)<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$/;

function normaliseHeader(cell: string): string {
  return cell.trim().replace(/^["']|["']$/g, "").replace(/[_\s]+/g, " ").toLowerCase();
}

/**
 * Bytes of an uploaded file as text: UTF-8 only (a UTF-8 BOM is dropped), anything else is
 * refused with a message saying how to save the file, rather than turned into mojibake.
 */
export function decodeCandidatesFile(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new AppError("BAD_REQUEST", "This file is UTF-16 text. Save it as “CSV UTF-8” and upload it again.");
  }
  try {
    // fatal: invalid UTF-8 throws; the BOM is stripped (ignoreBOM defaults to false).
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError(
      "BAD_REQUEST",
      "This file is not UTF-8 text (it may be in a Windows encoding). Save it as “CSV UTF-8” and upload it again.",
    );
  }
}

function tooMany(count: number): AppError {
  return new AppError(
    "PAYLOAD_TOO_LARGE",
    `At most ${MAX_CANDIDATES_PER_REQUEST.toLocaleString("en-US")} candidates can be added at once; this list has ${count.toLocaleString("en-US")} lines. Split it into several uploads.`,
  );
}

/** One line of pasted text: find the email cell (or "Name <email>"); the rest is the name. */
function fromLine(cells: string[], line: number): ParsedCandidate {
  const trimmed = cells.map((c) => c.trim()).filter((c) => c.length > 0);
  for (const [i, cell] of trimmed.entries()) {
    const angle = ANGLE.exec(cell);
    if (angle) {
      const others = trimmed.filter((_, j) => j !== i);
      const name = [...others, angle[1]!.trim().replace(/^["']|["']$/g, "")].filter(Boolean).join(" ");
      return { line, name, email: angle[2]! };
    }
  }
  const at = trimmed.findIndex((c) => c.includes("@"));
  if (at === -1) return { line, name: trimmed.join(" "), email: "", error: "No email address on this line." };
  return { line, name: trimmed.filter((_, j) => j !== at).join(" "), email: trimmed[at]! };
}

type Columns = { email: number; name: number; first: number; last: number };

function columnsOf(header: string[]): Columns | null {
  const norm = header.map(normaliseHeader);
  const find = (set: Set<string>) => norm.findIndex((h) => set.has(h));
  const email = find(EMAIL_HEADERS);
  if (email === -1) return null;
  return { email, name: find(NAME_HEADERS), first: find(FIRST_NAME_HEADERS), last: find(LAST_NAME_HEADERS) };
}

function looksLikeHeader(cells: string[]): boolean {
  return cells.every((c) => !c.includes("@")) && columnsOf(cells) !== null;
}

/** Validates each line with the API's candidate schema and marks repeated emails. */
function check(rows: ParsedCandidate[]): ParsedCandidate[] {
  const firstLine = new Map<string, number>();
  return rows.map((row) => {
    if (row.error) return row;
    const parsed = candidateSchema.safeParse({ email: row.email, name: row.name });
    if (!parsed.success) {
      return { ...row, email: row.email.trim(), error: parsed.error.issues[0]?.message ?? "This line is not valid." };
    }
    const email = parsed.data.email;
    const name = parsed.data.name ?? "";
    const seen = firstLine.get(email);
    if (seen !== undefined) return { ...row, email, name, error: `Listed twice: the same email is on line ${seen}.` };
    firstLine.set(email, row.line);
    return { line: row.line, email, name };
  });
}

/**
 * Parses pasted text or a decoded CSV file. `source: "file"` treats a first line without an
 * email address as the header (and refuses it when it has no email column); pasted text is
 * taken as a header only when its first line names an email column.
 */
export function parseCandidates(input: string, { source = "paste" }: { source?: "paste" | "file" } = {}): ParsedCandidate[] {
  const text = input.replace(/^\uFEFF/, "");
  if (source === "paste") {
    // Pasted lines may mix separators (a tab here, a comma there): each line is read on its
    // own, unless the first line is a header, which makes the text a CSV.
    const lines = text.split(/\r\n|\n|\r/);
    const firstIndex = lines.findIndex((l) => l.trim().length > 0);
    if (firstIndex === -1) throw emptyList();
    if (!looksLikeHeader(cellsOf(lines[firstIndex]!).cells)) {
      const rows = lines.map((l, i) => ({ l, line: i + 1 })).filter(({ l }) => l.trim().length > 0);
      if (rows.length > MAX_CANDIDATES_PER_REQUEST) throw tooMany(rows.length);
      return check(
        rows.map(({ l, line }) => {
          const { cells, error } = cellsOf(l);
          const row = fromLine(cells, line);
          return error && !row.error ? { ...row, error } : row;
        }),
      );
    }
  }
  return parseCsv(text, source);
}

function emptyList(): AppError {
  return new AppError("VALIDATION", "The list is empty: add at least one candidate.", { candidates: ["Add at least one candidate."] });
}

const DELIMITERS = [",", ";", "\t", "|"] as const;

/**
 * The separator of a line: the candidate occurring most often (outside quotes), comma if none.
 * Papaparse's own guess needs several consistent rows and falls back to a comma on a header
 * plus one row, so the header line decides here.
 */
function guessDelimiter(line: string): string {
  const unquoted = line.replace(/"[^"]*"/g, "");
  let best: string = ",";
  let most = 0;
  for (const d of DELIMITERS) {
    const n = unquoted.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

const papa = (text: string, sample = text) => Papa.parse<string[]>(text, { delimiter: guessDelimiter(sample), skipEmptyLines: false });

/** One line's cells. */
function cellsOf(line: string): { cells: string[]; error?: string } {
  const result = papa(line);
  const error = result.errors[0];
  return { cells: result.data[0] ?? [], error: error ? `This line could not be read: ${error.message}.` : undefined };
}

function parseCsv(text: string, source: "paste" | "file"): ParsedCandidate[] {
  // The first non-empty line (the header, usually) decides the separator.
  const result = papa(text, text.split(/\r\n|\n|\r/).find((l) => l.trim().length > 0) ?? "");
  // Rows keep their position (line numbers); blank ones are skipped below. Errors (an
  // unclosed quote) are reported on their row.
  const rowErrors = new Map<number, string>();
  for (const e of result.errors) {
    if (typeof e.row === "number") rowErrors.set(e.row, `This line could not be read: ${e.message}.`);
  }
  const rows = result.data
    .map((cells, i) => ({ cells, line: i + 1 }))
    .filter(({ cells }) => cells.some((c) => c.trim().length > 0));
  if (rows.length === 0) throw emptyList();

  const first = rows[0]!;
  const hasHeader = source === "file" ? first.cells.every((c) => !c.includes("@")) : true;
  const dataRows = hasHeader ? rows.slice(1) : rows;
  if (dataRows.length > MAX_CANDIDATES_PER_REQUEST) throw tooMany(dataRows.length);

  let parsed: ParsedCandidate[];
  if (hasHeader) {
    const columns = columnsOf(first.cells);
    if (!columns) {
      const found = first.cells.map((c) => c.trim()).filter(Boolean);
      throw new AppError(
        "VALIDATION",
        `Wrong columns: the file has no email column (columns found: ${found.map((c) => `“${c}”`).join(", ") || "none"}). Name the columns “name” and “email”.`,
        { file: ["The file needs an “email” column."] },
      );
    }
    if (dataRows.length === 0) throw new AppError("VALIDATION", "The file has a header but no candidates.", { file: ["Add at least one candidate."] });
    parsed = dataRows.map(({ cells, line }) => {
      const at = (i: number) => (i >= 0 ? (cells[i] ?? "").trim() : "");
      const name = at(columns.name) || [at(columns.first), at(columns.last)].filter(Boolean).join(" ");
      const email = at(columns.email);
      if (!email) return { line, name, email, error: "No email address on this line." };
      const angle = ANGLE.exec(email);
      return angle ? { line, name: name || angle[1]!.trim(), email: angle[2]! } : { line, name, email };
    });
  } else {
    parsed = dataRows.map(({ cells, line }) => fromLine(cells, line));
  }
  parsed = parsed.map((row) => {
    const error = rowErrors.get(row.line - 1);
    return error && !row.error ? { ...row, error } : row;
  });
  return check(parsed);
}
