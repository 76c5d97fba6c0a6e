// The invitation server actions as the invite form and the candidates table call them: pasted
// text and CSV files become per-line results; file-level problems come back as one message;
// nothing is thrown. The session is mocked (there is no request).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import type { User } from "@/lib/generated/prisma/client";
import { hrWithInterview } from "@/lib/server/invitations/invitations.fixtures";

const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const actions = await import("./invitations");

async function setup() {
  const ctx = await hrWithInterview();
  const db = await getDb();
  session.user = await db.user.findUniqueOrThrow({ where: { id: ctx.user.id } });
  return ctx;
}

function csv(content: string | Uint8Array, interviewId: string) {
  const form = new FormData();
  form.set("interviewId", interviewId);
  form.set("file", new Blob([content as BlobPart], { type: "text/csv" }), "candidates.csv");
  return form;
}

describe("invitation actions", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("invites pasted lines and reports the others on their line", async () => {
    const { interview } = await setup();
    const result = await actions.addInvitationsAction(interview.id, "Ada, ada@example.com\n\nbob@\nAda again <ADA@example.com>\ngrace@example.com");
    expect(result).toEqual({
      ok: true,
      data: {
        invited: 2,
        failed: 2,
        lines: [
          { line: 1, name: "Ada", email: "ada@example.com", status: "invited", message: undefined },
          { line: 3, name: "", email: "bob@", status: "error", message: "This is not a valid email address." },
          { line: 4, name: "Ada again", email: "ada@example.com", status: "error", message: "Listed twice: the same email is on line 1." },
          { line: 5, name: "grace", email: "grace@example.com", status: "invited", message: undefined },
        ],
      },
    });
    const again = await actions.addInvitationsAction(interview.id, "ada@example.com");
    expect(again).toMatchObject({ ok: true, data: { invited: 0, lines: [{ status: "error", message: "Already invited to this interview." }] } });
  });

  it("uploads a CSV with a BOM and columns in any order", async () => {
    const { interview } = await setup();
    const result = await actions.uploadCandidatesCsvAction(csv("\uFEFFEmail;Имя\r\nivan@example.ru;Иван\r\n", interview.id));
    expect(result).toMatchObject({ ok: true, data: { invited: 1, lines: [{ line: 2, name: "Иван", email: "ivan@example.ru", status: "invited" }] } });
  });

  it("refuses a bad encoding, wrong columns, 10,000 lines and an oversized file with one message, writing nothing", async () => {
    const { interview } = await setup();
    const cp1251 = new Uint8Array([0xc8, 0xec, 0xff, 0x2c, 0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0x41, 0x2c, 0x61, 0x40, 0x62, 0x2e, 0x63]);
    expect(await actions.uploadCandidatesCsvAction(csv(cp1251, interview.id))).toMatchObject({ ok: false, error: expect.stringMatching(/not UTF-8/) });
    expect(await actions.uploadCandidatesCsvAction(csv("Name,Phone\nAda,123", interview.id))).toMatchObject({
      ok: false,
      error: expect.stringContaining("columns found: “Name”, “Phone”"),
    });
    const many = Array.from({ length: 10_000 }, (_, i) => `c${i}@example.com`).join("\n");
    expect(await actions.addInvitationsAction(interview.id, many)).toMatchObject({ ok: false, error: expect.stringContaining("10,000 lines") });
    expect(await actions.uploadCandidatesCsvAction(csv("x".repeat(600 * 1024), interview.id))).toMatchObject({ ok: false, error: expect.stringContaining("too large") });
    expect(await actions.uploadCandidatesCsvAction(new FormData())).toMatchObject({ ok: false, error: "Choose a CSV file to upload." });
    // Junk instead of a form (anyone can call an action with any arguments): a 400, not an unexpected error.
    for (const junk of [null, "x", ["a"], { get: 1 }]) {
      expect(await actions.uploadCandidatesCsvAction(junk as unknown as FormData)).toMatchObject({ ok: false, error: "Choose a CSV file to upload." });
    }
    const db = await getDb();
    expect(await db.invitation.count({ where: { interviewId: interview.id } })).toBe(0);
  });

  it("revokes and resends through the table's buttons; another account gets a 404 message", async () => {
    const { interview } = await setup();
    const owner = session.user!;
    await actions.addInvitationsAction(interview.id, "a@example.com\nb@example.com");
    const db = await getDb();
    const [a, b] = await db.invitation.findMany({ where: { interviewId: interview.id }, orderBy: { email: "asc" } });
    expect(await actions.resendInvitationAction(a!.id)).toMatchObject({ ok: true, data: { sendCount: 1 } });
    expect(await actions.revokeInvitationAction(b!.id)).toMatchObject({ ok: true, data: { status: "revoked" } });

    const other = await hrWithInterview();
    session.user = await db.user.findUniqueOrThrow({ where: { id: other.user.id } });
    expect(await actions.revokeInvitationAction(a!.id)).toMatchObject({ ok: false, code: "NOT_FOUND", error: "This invitation does not exist or was deleted." });
    expect(await actions.addInvitationsAction(interview.id, "z@example.com")).toMatchObject({ ok: false, error: expect.stringMatching(/does not exist/) });
    session.user = null;
    expect(await actions.resendInvitationAction(a!.id)).toMatchObject({ ok: false, error: expect.stringMatching(/Sign in/) });
    session.user = owner;
  });
});
