// `npm run seed`: the demo account and a sample interview (lib/server/demo/seed-demo.ts), so a
// fresh install has something to look at. Safe to run twice.
// With the embedded database, stop the app first (one process per PGlite directory). The
// events the seed publishes wait in the outbox and are delivered when the app starts.
import { closeDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { DEMO_EMAIL, DEMO_INTERVIEW, DEMO_PASSWORD, seedDemo } from "@/lib/server/demo/seed-demo";

try {
  await migrate();
  const result = await seedDemo();
  console.log(
    result.createdAccount
      ? `[seed] created ${DEMO_EMAIL} (password: ${DEMO_PASSWORD})`
      : `[seed] ${DEMO_EMAIL} already exists`,
  );
  console.log(
    result.createdInterview
      ? `[seed] created the sample interview '${DEMO_INTERVIEW.title}'`
      : `[seed] the sample interview '${DEMO_INTERVIEW.title}' already exists`,
  );
} catch (err) {
  console.error(`[seed] ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
