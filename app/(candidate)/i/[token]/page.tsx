import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CandidateLanding } from "@/components/candidates/candidate-landing";
import { AppError } from "@/lib/errors";
import { openLink } from "@/lib/server/invitations/open-link";

// A link is a capability: never indexed, never sent on as a Referer.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/** /i/<token>: the public link of an interview or a candidate's personal link. Read-only (see openLink). */
export default async function CandidateLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await openLink({ token }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  return <CandidateLanding link={link} token={token} />;
}
