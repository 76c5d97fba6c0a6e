import { inngest, subscribe } from "@/inngest/client";
import { LOGIN_ANALYTICS, recordLoginAnalytics } from "@/lib/server/analytics/record-login-analytics";

/** Sign-ins and sign-outs → login count, last login, last logout. */
export const loginAnalyticsFn = inngest.createFunction(
  { id: LOGIN_ANALYTICS, name: "Login analytics", retries: 5, ...subscribe("user.authenticated", "user.logged_out") },
  async ({ event, step }) => step.run("record", () => recordLoginAnalytics(event.data)),
);
