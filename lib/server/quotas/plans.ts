// What a new account may use until billing exists: the "free" plan.
export const plans = {
  free: {
    maxInterviews: 10,
    maxStorageBytes: 5n * 1024n * 1024n * 1024n,
    maxCandidatesPerMonth: 100,
  },
} as const;

export type Plan = keyof typeof plans;
