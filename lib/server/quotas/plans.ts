// Plans as configuration. Limits: active interviews (draft or published, not deleted),
// candidates per interview (invitations plus public-link candidates), stored bytes; null
// means unlimited. Billing does not exist yet: a new account gets DEFAULT_PLAN (free), and an
// operator moves an account with `npm run plan -- <email> <plan>`.
import type { Env } from "@/lib/env";

const GB = 1024n * 1024n * 1024n;

export const plans = {
  free: { maxInterviews: 3, maxCandidatesPerInterview: 25, maxStorageBytes: 2n * GB, maxCandidatesPerMonth: null },
  plus: { maxInterviews: 100, maxCandidatesPerInterview: 1_000, maxStorageBytes: 100n * GB, maxCandidatesPerMonth: null },
  pro: { maxInterviews: null, maxCandidatesPerInterview: null, maxStorageBytes: 1024n * GB, maxCandidatesPerMonth: null },
} as const satisfies Record<
  string,
  {
    maxInterviews: number | null;
    maxCandidatesPerInterview: number | null;
    maxStorageBytes: bigint | null;
    maxCandidatesPerMonth: number | null;
  }
>;

export type Plan = keyof typeof plans;
export const PLAN_NAMES = Object.keys(plans) as Plan[];

export function isPlan(value: string): value is Plan {
  return Object.hasOwn(plans, value);
}

/** A plan's limits as the quotas row stores them. */
export function planLimits(plan: Plan) {
  const p = plans[plan];
  return {
    plan,
    maxInterviews: p.maxInterviews,
    maxCandidatesPerInterview: p.maxCandidatesPerInterview,
    maxStorageBytes: p.maxStorageBytes,
    maxCandidatesPerMonth: p.maxCandidatesPerMonth,
  };
}

// DEFAULT_PLAN (lib/env.ts) lists the same names; this fails to compile if they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _envPlansMatch: Same<Plan, Env["DEFAULT_PLAN"]> = true;
void _envPlansMatch;
