// Every keyset list refuses a cursor whose date PostgreSQL cannot read (year 0000, -000001,
// +275760) with a 4xx, instead of passing it to the query and answering the raw error (a 500).
import { describe, expect, it } from "vitest";
import { rejection } from "@/tests/app-error";
import { createAccount } from "@/tests/fixtures";
import { addSession, draftInterview } from "@/tests/interviews";
import { encodeSessionCursor } from "@/lib/server/sessions/session-cursor";
import { listSessions } from "@/lib/server/sessions/list-sessions";
import { encodeCursor as encodeCandidatesCursor, listCandidates } from "@/lib/server/invitations/list-candidates";

const ID = "00000000-0000-4000-8000-000000000000";
const BAD_DATES = ["0000-01-01T00:00:00.000Z", "-000001-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "1969-12-31T23:59:59.999Z"];

describe("cursors with dates out of range", () => {
  it.each(BAD_DATES)("candidates list: %s is a 400", async (iso) => {
    const user = await createAccount();
    const interview = await draftInterview(user);
    for (const sort of ["created", "updated"] as const) {
      const cursor = encodeCandidatesCursor({ s: sort, o: "desc", k: iso, i: ID });
      const err = await rejection(listCandidates({ actor: user, interviewId: interview.id, input: { sort, order: "desc", cursor } }));
      expect(err.status).toBe(400);
      expect(err.message).toMatch(/cursor is not valid/);
    }
  });

  it.each(BAD_DATES)("sessions list: %s is refused with the cursor field", async (iso) => {
    const user = await createAccount();
    const interview = await draftInterview(user);
    await addSession(interview.id);
    // What a forged cursor carries: the encoder only ever writes toISOString().
    const cursor = Buffer.from(`${iso}|${ID}`, "utf8").toString("base64url");
    const err = await rejection(listSessions({ actor: user, interviewId: interview.id, input: { cursor } }));
    expect(err.status).toBe(422);
    expect(Object.keys(err.fieldErrors ?? {})).toEqual(["cursor"]);
  });

  it("a real sessions cursor still pages", async () => {
    const user = await createAccount();
    const interview = await draftInterview(user);
    const a = await addSession(interview.id);
    const b = await addSession(interview.id);
    const first = await listSessions({ actor: user, interviewId: interview.id, input: { limit: 1 } });
    expect(first.nextCursor).not.toBeNull();
    const second = await listSessions({ actor: user, interviewId: interview.id, input: { limit: 1, cursor: first.nextCursor! } });
    expect([...first.data, ...second.data].map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(encodeSessionCursor({ startedAt: a.startedAt, id: a.id })).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
