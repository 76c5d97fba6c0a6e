import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { rejection } from "@/tests/app-error";
import { createAccount } from "@/tests/fixtures";
import { addCandidate, draftInterview, expectNotFoundForOthers, publishedInterview } from "@/tests/interviews";
import { createInterview } from "./create-interview";
import { deleteInterview } from "./delete-interview";
import { getInterview } from "./get-interview";
import { INTERVIEW } from "@/tests/interviews";

describe("deleteInterview", () => {
  it("soft-deletes: the interview is a 404 from then on, links stop working, completed candidates are kept", async () => {
    const user = await createAccount();
    const interview = await publishedInterview(user);
    const invited = await addCandidate(interview.id, { status: "invited" });
    const working = await addCandidate(interview.id, { status: "in_progress", source: "public" });
    const done = await addCandidate(interview.id, { status: "completed" });

    await expect(deleteInterview({ actor: user, interviewId: interview.id })).resolves.toBeUndefined();

    const db = await getDb();
    const row = await db.interview.findUniqueOrThrow({ where: { id: interview.id } });
    expect(row.deletedAt).not.toBeNull();
    // The public link's token is still on the row, but no live interview answers to it.
    expect(await db.interview.findFirst({ where: { publicToken: row.publicToken!, deletedAt: null } })).toBeNull();
    const invitations = await db.invitation.findMany({ where: { interviewId: interview.id } });
    const byId = new Map(invitations.map((i) => [i.id, i]));
    expect(byId.get(invited.id)).toMatchObject({ status: "revoked", revokedAt: expect.any(Date) });
    expect(byId.get(working.id)).toMatchObject({ status: "revoked", revokedAt: expect.any(Date) });
    expect(byId.get(done.id)).toMatchObject({ status: "completed", revokedAt: null });

    expect((await rejection(getInterview({ actor: user, interviewId: interview.id }))).code).toBe("NOT_FOUND");
    expect((await rejection(deleteInterview({ actor: user, interviewId: interview.id }))).code).toBe("NOT_FOUND");
  });

  it("frees a slot of the plan", async () => {
    const user = await createAccount();
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await draftInterview(user, { title: `Role ${i}` }));
    expect((await rejection(createInterview({ actor: user, input: INTERVIEW }))).code).toBe("QUOTA_EXCEEDED");
    await deleteInterview({ actor: user, interviewId: made[0]!.id });
    await expect(createInterview({ actor: user, input: INTERVIEW })).resolves.toMatchObject({ status: "draft" });
  });

  it("is a 404 for another account's, a deleted, an unknown or a malformed interview, deleting nothing", async () => {
    const { theirs } = await expectNotFoundForOthers((actor, interviewId) => deleteInterview({ actor, interviewId }));
    const db = await getDb();
    expect((await db.interview.findUniqueOrThrow({ where: { id: theirs.id } })).deletedAt).toBeNull();
  });
});
