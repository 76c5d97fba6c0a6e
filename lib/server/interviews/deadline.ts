import { AppError } from "@/lib/errors";

/** A deadline must leave candidates time: at least a minute from now. */
export function assertFutureDeadline(deadline: Date, now = new Date()): void {
  if (deadline.getTime() < now.getTime() + 60_000) {
    const msg = "Set the deadline in the future.";
    throw new AppError("VALIDATION", msg, { deadline: [msg] });
  }
}
