// `npm run db:migrate`: applies committed migrations to the configured database, then exits.
import { closeDb, dbTarget } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

const started = Date.now();
try {
  const { applied, total } = await migrate();
  const where = dbTarget().replace(/:\/\/[^@]*@/, "://***@");
  console.log(
    applied.length
      ? `[migrate] applied ${applied.length} of ${total} migration(s) to ${where} in ${Date.now() - started} ms: ${applied.join(", ")}`
      : `[migrate] ${where} is up to date (${total} migration(s))`,
  );
} catch (err) {
  console.error(`[migrate] ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
