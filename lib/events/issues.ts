// Zod issues flattened into one { path, message } per failing field, for people and CLIs.
import type { z } from "zod";

export interface EventIssue {
  /** Dotted path such as `data.fileSize` or `data.skills[1]`; "" for the event itself. */
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    return out === "" ? String(key) : `${out}.${String(key)}`;
  }, "");
}

export function toIssues(error: z.ZodError): EventIssue[] {
  return error.issues.flatMap((issue) =>
    // Zod reports all unknown keys of an object as one issue on the object; name each field.
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: "unknown field" }))
      : [{ path: formatPath(issue.path), message: issue.message }],
  );
}

/** Error map for safeParse: "required" reads better than "expected string, received undefined". */
export const reportMissingAsRequired = (issue: { input?: unknown }) =>
  issue.input === undefined ? "required" : undefined;
