// `npm run seed`: a demo HR account and a sample interview, so a fresh install has something
// to look at. Safe to run twice. With the embedded database, stop the app first.
import { closeDb, getDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { signUp } from "@/lib/server/users/sign-up";

export const DEMO_EMAIL = "demo@intervue.local";
export const DEMO_PASSWORD = "demo password 123";

const QUESTIONS = [
  { prompt: "Tell us about yourself and what drew you to this role.", thinkSeconds: 30, maxSeconds: 120 },
  { prompt: "Describe a difficult bug you tracked down. How did you find it?", thinkSeconds: 45, maxSeconds: 180 },
  { prompt: "How do you keep a React application fast as it grows?", thinkSeconds: 45, maxSeconds: 180 },
];

async function main() {
  await migrate();
  const db = await getDb();
  let user = await db.user.findFirst({ where: { email: DEMO_EMAIL, deletedAt: null } });
  if (!user) {
    user = await signUp({
      input: { fullName: "Demo Recruiter", companyName: "Acme Inc", email: DEMO_EMAIL, password: DEMO_PASSWORD },
    });
    console.log(`[seed] created ${DEMO_EMAIL} (password: ${DEMO_PASSWORD})`);
  } else {
    console.log(`[seed] ${DEMO_EMAIL} already exists`);
  }
  const existing = await db.interview.findFirst({ where: { userId: user.id, title: "Frontend Developer Interview" } });
  if (!existing) {
    await db.interview.create({
      data: {
        userId: user.id,
        title: "Frontend Developer Interview",
        description: "A short async screen for frontend engineers.",
        questions: { create: QUESTIONS.map((q, i) => ({ ...q, position: i + 1 })) },
      },
    });
    console.log("[seed] created the sample interview 'Frontend Developer Interview'");
  }
}

try {
  await main();
} catch (err) {
  console.error(`[seed] ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
