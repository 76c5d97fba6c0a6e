// Runs once when the server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { closeDbOnShutdown } = await import("@/lib/lifecycle");
  closeDbOnShutdown();
}
