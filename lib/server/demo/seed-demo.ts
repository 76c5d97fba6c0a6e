import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { CreateInterviewInput } from "@/lib/schemas/interview";
import { createInterview } from "@/lib/server/interviews/create-interview";
import { signUp } from "@/lib/server/users/sign-up";

export const DEMO_EMAIL = "demo@intervue.local";
export const DEMO_PASSWORD = "demo password 123";

export const DEMO_INTERVIEW = {
  title: "Frontend Developer Interview",
  description: "A short async screen for frontend engineers.",
  questions: [
    { prompt: "Tell us about yourself and what drew you to this role.", thinkSeconds: 30, maxSeconds: 120 },
    { prompt: "Describe a difficult bug you tracked down. How did you find it?", thinkSeconds: 45, maxSeconds: 180 },
    { prompt: "How do you keep a React application fast as it grows?", thinkSeconds: 45, maxSeconds: 180 },
  ],
} satisfies CreateInterviewInput;

export type SeedResult = {
  userId: string;
  interviewId: string;
  createdAccount: boolean;
  createdInterview: boolean;
};

/**
 * The demo account and its sample interview, written through the same use cases as the app
 * (so user.created and interview.created reach the outbox and every counter follows). Safe to
 * run again: what exists is found, not duplicated.
 */
export async function seedDemo(): Promise<SeedResult> {
  const db = await getDb();
  const findAccount = () => db.user.findFirst({ where: { email: DEMO_EMAIL, deletedAt: null }, select: { id: true } });

  let account = await findAccount();
  const createdAccount = !account;
  if (!account) {
    try {
      account = await signUp({
        input: { fullName: "Demo Recruiter", companyName: "Acme Inc", email: DEMO_EMAIL, password: DEMO_PASSWORD },
      });
    } catch (err) {
      // Another seed run got there first: use its account.
      if (!(err instanceof AppError && err.code === "CONFLICT")) throw err;
      account = await findAccount();
      if (!account) throw err;
    }
  }

  const existing = await db.interview.findFirst({
    where: { userId: account.id, title: DEMO_INTERVIEW.title, deletedAt: null },
    select: { id: true },
  });
  const interview = existing ?? (await createInterview({ actor: account, input: DEMO_INTERVIEW }));
  return { userId: account.id, interviewId: interview.id, createdAccount, createdInterview: !existing };
}
