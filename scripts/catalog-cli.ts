// The event catalog's CLI (scripts/catalog.ts runs it; its tests call it in-process): validates
// event files and generates the docs. It imports nothing that touches the database or
// `server-only`, so it runs anywhere (CI).
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderAsyncApi } from "../lib/events/asyncapi";
import { parseEvent } from "../lib/events/catalog";
import { renderEventsMd } from "../lib/events/events-md";

const usage = `Usage: npm run catalog -- <command>

  validate [--normalize] FILE...  validate JSON files, each holding one event or an array of
                                  events; --normalize prints each valid event in the standard
                                  envelope (one JSON per line; problems go to stderr)
  asyncapi                        print the AsyncAPI 3.0 document (docs/asyncapi.yaml)
  events-md                       print the catalog as markdown (docs/events.md)
  write [--dir DIR]               regenerate asyncapi.yaml and events.md in docs/ (or DIR)
  check [--dir DIR]               fail when they differ from what would be generated`;

/** Where the CLI writes: console.log, console.error and process.stdout.write when run. */
export type CatalogIo = { log: (line: string) => void; error: (line: string) => void; write: (text: string) => void };

const repoDocs = fileURLToPath(new URL("../docs/", import.meta.url));

// The registry says which consumers exist yet (imported lazily: it pulls in the use cases).
async function registeredFunctions(): Promise<Set<string>> {
  const { functions } = await import("../inngest/index");
  return new Set(functions.map((f) => f.id()));
}
const consoleIo: CatalogIo = {
  log: (line) => console.log(line),
  error: (line) => console.error(line),
  write: (text) => void process.stdout.write(text),
};

const generatedDocs = async () => ({
  "asyncapi.yaml": renderAsyncApi(),
  "events.md": renderEventsMd(await registeredFunctions()),
});

function readError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "file not found";
  if (code === "EISDIR") return "is a directory";
  if (error instanceof SyntaxError) return `invalid JSON: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

async function readEvents(file: string): Promise<unknown[]> {
  const parsed: unknown = JSON.parse(await readFile(file, "utf8"));
  return Array.isArray(parsed) ? parsed : [parsed];
}

/** "media.uploaded <eventId>" as far as the input says, to help find a bad event. */
function label(input: unknown): string {
  const { eventType, eventId } = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  return [eventType, eventId].filter((part) => typeof part === "string").join(" ");
}

async function validate(args: string[], io: CatalogIo): Promise<number> {
  const normalize = args.includes("--normalize");
  const files = args.filter((arg) => arg !== "--normalize");
  if (files.length === 0) return fail(io, usage, 2);
  // With --normalize stdout carries only events, so it can be piped into another tool.
  const report = normalize ? io.error : io.log;
  let allValid = true;

  for (const file of files) {
    let events: unknown[];
    try {
      events = await readEvents(file);
    } catch (error) {
      io.error(`ERROR ${file}: ${readError(error)}`);
      allValid = false;
      continue;
    }
    events.forEach((input, index) => {
      const result = parseEvent(input);
      if (result.ok) {
        const { event } = result;
        io.log(normalize ? JSON.stringify(event) : `OK ${event.eventType} ${event.eventId}`);
        return;
      }
      allValid = false;
      report(`INVALID ${file}[${index}] ${label(input)}`.trimEnd());
      for (const issue of result.errors) report(`  ${issue.path || "(event)"}: ${issue.message}`);
    });
  }
  return allValid ? 0 : 1;
}

function docsDir(args: string[]): string {
  const at = args.indexOf("--dir");
  return at >= 0 && args[at + 1] ? path.resolve(args[at + 1]!) : repoDocs;
}

async function write(args: string[], io: CatalogIo): Promise<number> {
  const dir = docsDir(args);
  for (const [name, content] of Object.entries(await generatedDocs())) {
    await writeFile(path.join(dir, name), content);
    io.log(`wrote ${path.relative(process.cwd(), path.join(dir, name))}`);
  }
  return 0;
}

async function check(args: string[], io: CatalogIo): Promise<number> {
  const dir = docsDir(args);
  const stale: string[] = [];
  for (const [name, content] of Object.entries(await generatedDocs())) {
    const file = path.join(dir, name);
    const current = await readFile(file, "utf8").catch(() => undefined);
    // A CRLF checkout is not a stale document.
    if (current?.replace(/\r\n/g, "\n") !== content) stale.push(path.relative(process.cwd(), file));
  }
  if (stale.length > 0) {
    return fail(
      io,
      `${stale.join(" and ")} ${stale.length > 1 ? "are" : "is"} missing or out of date with lib/events/. ` +
        "Run `npm run catalog -- write` and commit the result.",
      1,
    );
  }
  io.log("docs/asyncapi.yaml and docs/events.md match the catalog.");
  return 0;
}

function fail(io: CatalogIo, message: string, status: number): number {
  io.error(message);
  return status;
}

const commands: Record<string, (args: string[], io: CatalogIo) => number | Promise<number>> = {
  validate,
  asyncapi: (_args, io) => (io.write(renderAsyncApi()), 0),
  "events-md": async (_args, io) => (io.write(renderEventsMd(await registeredFunctions())), 0),
  write,
  check,
};

/** Runs one command line (without "node script"); returns the exit status. */
export async function runCatalog(argv: string[], io: CatalogIo = consoleIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === "--help" || command === "help") {
    io.log(usage);
    return 0;
  }
  const run = command ? commands[command] : undefined;
  return run ? await run(args, io) : fail(io, command ? `Unknown command "${command}".\n\n${usage}` : usage, 2);
}
