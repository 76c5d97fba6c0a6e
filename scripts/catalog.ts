// CLI for the event catalog in lib/events (`npm run catalog -- <command>`): see
// scripts/catalog-cli.ts for the commands.
import { runCatalog } from "./catalog-cli";

process.exitCode = await runCatalog(process.argv.slice(2));
