import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { LINK_NOT_FOUND, LINK_TOKEN } from "./open-link";

/**
 * The candidate opened their personal link: invited → opened, with openedAt. Called by the
 * landing page's script (a same-origin Server Action), not by the page's GET, so a mail
 * scanner or a chat preview fetching the link marks no one. Idempotent (conditional update: a
 * second call, or two at once, changes nothing); nothing is written unless the interview is
 * open (published, before its deadline). The token is the only credential: an unknown,
 * malformed or revoked token, a public link's token, a draft or deleted interview are all the
 * same 404 (openLink's message), so the answer tells nothing about the token.
 */
export async function markInvitationOpened({ token }: { token: unknown }): Promise<{ opened: boolean }> {
  if (typeof token !== "string" || !LINK_TOKEN.test(token)) throw new AppError("NOT_FOUND", LINK_NOT_FOUND);
  const db = await getDb();
  const invitation = await db.invitation.findFirst({
    where: { token, status: { not: "revoked" }, interview: { deletedAt: null, status: { not: "draft" }, user: { deletedAt: null } } },
    select: { id: true, status: true, interview: { select: { status: true, expiresAt: true } } },
  });
  if (!invitation) throw new AppError("NOT_FOUND", LINK_NOT_FOUND);
  const now = new Date();
  const open = invitation.interview.status === "published" && !(invitation.interview.expiresAt && invitation.interview.expiresAt <= now);
  if (!open || invitation.status !== "invited") return { opened: false };
  const { count } = await db.invitation.updateMany({
    where: { id: invitation.id, status: "invited" },
    data: { status: "opened", openedAt: now },
  });
  return { opened: count === 1 };
}
