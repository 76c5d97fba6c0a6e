// Most cases call the CLI in-process (runCatalog, what scripts/catalog.ts runs); the committed
// docs check and the exit status also run it as CI and people do: a child process through tsx.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, it } from "vitest";
import { runCatalog } from "./catalog-cli";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const valid = "tests/fixtures/events/valid.json";
const invalid = "tests/fixtures/events/invalid.json";
// The seed catalog's two auth events verbatim: old envelope from a gateway in front of Keycloak.
const gateway = "tests/fixtures/events/keycloak-gateway.json";

type Result = { code: number; stdout: string; stderr: string };

/** `npm run catalog -- ...args` in-process: stdout and stderr as console.log/error would write them. */
async function run(...args: string[]): Promise<Result> {
  let stdout = "";
  let stderr = "";
  const code = await runCatalog(args, {
    log: (line) => void (stdout += `${line}\n`),
    error: (line) => void (stderr += `${line}\n`),
    write: (text) => void (stdout += text),
  });
  return { code, stdout, stderr };
}

/** The same through a real process (the package.json script's command). */
function runProcess(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(tsx, ["--import", "./scripts/server-only.mjs", "scripts/catalog.ts", ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const lines = (text: string) => text.split("\n").filter(Boolean);

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "catalog-cli-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

// The two tests that spawn a process run side by side with the rest.
describe.concurrent("catalog validate", () => {
  it("prints OK per event of a valid file, legacy auth event included, and exits 0", async ({ expect }) => {
    const { code, stdout, stderr } = await run("validate", valid);
    expect(lines(stdout)).toEqual([
      "OK user.created 3f1c2a9e-7b4d-4e8a-9c1f-2d3e4f5a6b01",
      "OK interview.published 3f1c2a9e-7b4d-4e8a-9c1f-2d3e4f5a6b02",
      "OK candidate.response_submitted 3f1c2a9e-7b4d-4e8a-9c1f-2d3e4f5a6b03",
      "OK media.uploaded 3f1c2a9e-7b4d-4e8a-9c1f-2d3e4f5a6b04",
      "OK analysis.completed 3f1c2a9e-7b4d-4e8a-9c1f-2d3e4f5a6b05",
      "OK user.authenticated 550e8400-e29b-41d4-a716-446655440000",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("names file, position and every failing field of each invalid event, and exits 1", async ({ expect }) => {
    const { code, stdout } = await run("validate", invalid);
    expect(lines(stdout)).toEqual([
      "OK interview.created 3f1c2a9e-7b4d-4e8a-9c1f-2d3e4f5a6b11",
      `INVALID ${invalid}[1] media.uploaded 3f1c2a9e-7b4d-4e8a-9c1f-2d3e4f5a6b12`,
      "  data.fileId: Invalid UUID",
      "  data.fileSize: Too small: expected number to be >=0",
      "  data.mimeType: Expected a MIME type such as video/mp4",
      `INVALID ${invalid}[2] analysis.completed 3f1c2a9e-7b4d-4e8a-9c1f-2d3e4f5a6b13`,
      "  timestamp: Invalid ISO datetime",
      '  data.sentiment: Invalid option: expected one of "positive"|"neutral"|"negative"|"mixed"',
      "  data.skills[1]: Invalid input: expected string, received number",
      "  data.overallScore: Too big: expected number to be <=10",
      "  data.completedAt: required",
      `INVALID ${invalid}[3] candidate.started 3f1c2a9e-7b4d-4e8a-9c1f-2d3e4f5a6b14`,
      "  sessionId: required",
      "  metadata: required",
      "  userId: unknown field",
      `INVALID ${invalid}[4] interview.archived 3f1c2a9e-7b4d-4e8a-9c1f-2d3e4f5a6b15`,
      '  eventType: unknown event type "interview.archived"',
    ]);
    expect(code).toBe(1);
  });

  it("fails on a missing file or broken JSON, and still checks the other files", async ({ expect }) => {
    const broken = path.join(tmp, "broken.json");
    await writeFile(broken, '{"eventId": ');
    const { code, stdout, stderr } = await run("validate", "tests/fixtures/events/nope.json", broken, valid);
    expect(lines(stderr)).toEqual([
      "ERROR tests/fixtures/events/nope.json: file not found",
      expect.stringMatching(new RegExp(`^ERROR ${broken}: invalid JSON: `)),
    ]);
    expect(lines(stdout)).toHaveLength(6);
    expect(code).toBe(1);
  });

  it("takes a file holding a single event", async ({ expect }) => {
    const single = path.join(tmp, "single.json");
    const events = JSON.parse(await readFile(path.join(root, valid), "utf8")) as unknown[];
    await writeFile(single, JSON.stringify(events[2]));
    const { code, stdout } = await run("validate", single);
    expect(stdout).toBe("OK candidate.response_submitted 3f1c2a9e-7b4d-4e8a-9c1f-2d3e4f5a6b03\n");
    expect(code).toBe(0);
  });

  it("--normalize prints the standard form of valid events and reports the rest on stderr", async ({ expect }) => {
    const { code, stdout, stderr } = await run("validate", "--normalize", valid, invalid);
    const events = lines(stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((e) => e.eventType)).toEqual([
      "user.created",
      "interview.published",
      "candidate.response_submitted",
      "media.uploaded",
      "analysis.completed",
      "user.authenticated",
      "interview.created",
    ]);
    expect(events[5]).toEqual({
      eventId: "550e8400-e29b-41d4-a716-446655440000",
      eventType: "user.authenticated",
      timestamp: "2024-10-06T11:00:00.000Z",
      userId: "123e4567-e89b-12d3-a456-426614174000",
      data: {
        userId: "123e4567-e89b-12d3-a456-426614174000",
        email: "user@example.com",
        sessionId: "sess-550e8400-e29b-41d4-a716-446655440000",
        authMethod: "oauth2",
        firstName: "John",
        lastName: "Doe",
      },
      metadata: { service: "api-gateway", version: "1.0" },
    });
    expect(stderr).toContain(`INVALID ${invalid}[1] media.uploaded`);
    expect(code).toBe(1);
  });

  it("--normalize accepts a Keycloak gateway's legacy auth events, keyed and identified by the subject", async ({ expect }) => {
    const { code, stdout, stderr } = await run("validate", "--normalize", gateway);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const envelope = {
      eventId: "550e8400-e29b-41d4-a716-446655440000",
      timestamp: "2024-10-06T11:00:00.000Z",
      userId: "kc-123",
      metadata: { service: "api-gateway", version: "1.0" },
    };
    expect(lines(stdout).map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        ...envelope,
        eventType: "user.authenticated",
        data: {
          userId: "kc-123",
          email: "user@example.com",
          sessionId: "sess-550e8400-...",
          authMethod: "oauth2",
          firstName: "John",
          lastName: "Doe",
        },
      },
      {
        ...envelope,
        eventType: "user.logged_out",
        data: { userId: "kc-123", sessionId: "sess-550e8400-...", logoutReason: "user_action" },
      },
    ]);
  });

  it("exits 2 with usage when no file is given or the command is unknown", async ({ expect }) => {
    const none = await run("validate");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: npm run catalog");
    // Through a process: the status is the exit code.
    const unknown = await runProcess("lint");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "lint"');
  });
});

describe.concurrent("catalog docs", () => {
  it("check passes on the committed docs", async ({ expect }) => {
    // What CI runs, as a process.
    const { code, stdout } = await runProcess("check");
    expect(stdout).toContain("match the catalog");
    expect(code).toBe(0);
  });

  it("check fails, naming the file, when a document is stale or missing", async ({ expect }) => {
    const dir = path.join(tmp, "docs");
    await cp(path.join(root, "docs/asyncapi.yaml"), path.join(dir, "asyncapi.yaml"), { recursive: true });
    await writeFile(path.join(dir, "asyncapi.yaml"), "asyncapi: 3.0.0\n", { flag: "a" });
    const { code, stderr } = await run("check", "--dir", dir);
    expect(stderr).toMatch(/asyncapi\.yaml and .*events\.md are missing or out of date/);
    expect(stderr).toContain("npm run catalog -- write");
    expect(code).toBe(1);
  });

  it("write regenerates documents that check then accepts", async ({ expect }) => {
    const dir = path.join(tmp, "written");
    await cp(path.join(root, "docs/events.md"), path.join(dir, "events.md"), { recursive: true });
    expect((await run("write", "--dir", dir)).code).toBe(0);
    expect((await run("check", "--dir", dir)).code).toBe(0);
    expect(await readFile(path.join(dir, "events.md"), "utf8")).toBe(
      await readFile(path.join(root, "docs/events.md"), "utf8"),
    );
  });

  it("asyncapi and events-md print the committed documents", async ({ expect }) => {
    expect((await run("asyncapi")).stdout).toBe(await readFile(path.join(root, "docs/asyncapi.yaml"), "utf8"));
    expect((await run("events-md")).stdout).toBe(await readFile(path.join(root, "docs/events.md"), "utf8"));
  });
});
