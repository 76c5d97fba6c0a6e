// Test data for the invitation tests, written with the real use cases.
import { createInterview } from "@/lib/server/interviews/create-interview";
import { publishInterview } from "@/lib/server/interviews/publish-interview";
import { createAccount } from "@/tests/fixtures";

export const HOUR = 60 * 60 * 1000;

export async function hrWithInterview({
  publish = true,
  deadline = new Date(Date.now() + 7 * 24 * HOUR),
  language = "en",
  companyName = "Acme",
}: { publish?: boolean; deadline?: Date | null; language?: "en" | "ru"; companyName?: string } = {}) {
  const user = await createAccount({ companyName });
  const interview = await createInterview({
    actor: user,
    input: {
      title: "Backend engineer",
      language,
      introMessage: "Thanks for applying!",
      ...(deadline ? { deadline: deadline.toISOString() } : {}),
      questions: [
        { prompt: "Tell us about yourself", type: "video", thinkSeconds: 30, maxSeconds: 120 },
        { prompt: "Why this job?", type: "text", thinkSeconds: 0, maxCharacters: 500 },
      ],
    },
  });
  if (publish) await publishInterview({ actor: user, interviewId: interview.id });
  return { user, interview };
}
