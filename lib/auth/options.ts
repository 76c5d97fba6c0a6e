import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import KeycloakProvider from "next-auth/providers/keycloak";
import { appUrlConfigured, env } from "@/lib/env";
import { authSecret } from "@/lib/auth/secret";
import { clientAddress, installPeerAddressHook } from "@/lib/auth/client-address";
import { TooManyAttemptsError } from "@/lib/auth/rate-limit";
import { createSession, isSessionActive, revokeSession } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { authenticateWithPassword } from "@/lib/server/users/authenticate-with-password";
import { signInWithKeycloak } from "@/lib/server/users/sign-in-with-keycloak";
import { recordSignIn, recordSignOut } from "@/lib/server/users/record-sign-in";

/**
 * next-auth v4 reads its public URL from NEXTAUTH_URL itself; APP_URL is our one name for it.
 * In development without APP_URL, next-auth derives it from each request's host instead
 * (AUTH_TRUST_HOST), rather than assuming port 3000: `next dev -p 3001` would otherwise send
 * people to the wrong port after signing in.
 */
export function nextAuthUrlEnv(e: { appUrl: string; appUrlConfigured: boolean; nodeEnv: string }): Record<string, string> {
  return e.appUrlConfigured || e.nodeEnv === "production" ? { NEXTAUTH_URL: e.appUrl } : { AUTH_TRUST_HOST: "1" };
}
for (const [key, value] of Object.entries(nextAuthUrlEnv({ appUrl: env.APP_URL, appUrlConfigured, nodeEnv: env.NODE_ENV }))) {
  process.env[key] ??= value;
}

// Normally installed at start-up; this covers a server whose instrumentation did not run.
installPeerAddressHook();

/** The client's address for throttling (see lib/auth/client-address.ts). */
export const clientIp = clientAddress;

/**
 * Sign-in errors travel to the browser in `?error=` and next-auth's JSON: they are codes the
 * sign-in page maps to fixed messages, never free text someone could put in a link.
 */
export function signInErrorCode(err: AppError): string {
  if (err instanceof TooManyAttemptsError) return `RateLimited:${err.retryAfterSeconds}`;
  if (err.code === "RATE_LIMITED") return "RateLimited";
  if (err.code === "FORBIDDEN") return "AccountDeleted";
  if (err.code === "BAD_REQUEST") return "SsoNoEmail";
  return "CredentialsSignin";
}

const providers: NextAuthOptions["providers"] = [
  CredentialsProvider({
    id: "credentials",
    name: "Email and password",
    credentials: { email: { type: "email" }, password: { type: "password" } },
    async authorize(credentials, req) {
      try {
        const user = await authenticateWithPassword({
          email: credentials?.email,
          password: credentials?.password,
          ip: clientAddress(req?.headers),
        });
        return { id: user.id, email: user.email, name: user.fullName };
      } catch (err) {
        // next-auth passes a thrown Error's message to the client as `error`: a code, not text.
        if (err instanceof AppError) throw new Error(signInErrorCode(err));
        throw err;
      }
    },
  }),
];

if (env.KEYCLOAK_ISSUER && env.KEYCLOAK_CLIENT_ID && env.KEYCLOAK_CLIENT_SECRET) {
  providers.push(
    KeycloakProvider({
      clientId: env.KEYCLOAK_CLIENT_ID,
      clientSecret: env.KEYCLOAK_CLIENT_SECRET,
      issuer: env.KEYCLOAK_ISSUER,
    }),
  );
}

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

class SessionEndedError extends Error {
  constructor() {
    super("This session has ended.");
    this.name = "SessionEndedError";
  }
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  // Credentials sign-in requires JWT sessions in next-auth v4; the JWT lives in an httpOnly,
  // SameSite=Lax cookie (Secure and __Secure- prefixed whenever APP_URL is https).
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers,
  events: {
    async signOut({ token }) {
      // Ends the session on the server: a copy of the cookie is worthless from now on.
      await revokeSession(token?.sid, "user_action");
      if (typeof token?.uid === "string" && typeof token.sid === "string") {
        await recordSignOut({ userId: token.uid, authSessionId: token.sid, logoutReason: "user_action" });
      }
    },
  },
  logger: {
    // An ended session is expected, not an error worth a stack trace in the log.
    error(code, metadata) {
      const err = metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error;
      if (err instanceof SessionEndedError) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
  },
  callbacks: {
    async signIn({ account, profile, user }) {
      if (account?.provider !== "keycloak") return true;
      try {
        const { user: local } = await signInWithKeycloak({
          keycloakId: account.providerAccountId,
          email: profile?.email ?? user.email,
          fullName: profile?.name ?? user.name,
        });
        // The JWT must carry our account id, not the identity provider's subject.
        user.id = local.id;
        return true;
      } catch (err) {
        if (err instanceof AppError) return `/sign-in?error=${signInErrorCode(err)}`;
        throw err;
      }
    },
    async jwt({ token, user, account }) {
      // `user` is only present on the request that signs in.
      if (user) {
        const method = account?.provider === "keycloak" ? "oauth2" : "password";
        token.uid = user.id;
        // The server-side session this cookie stands for; it also ties sign-in and sign-out events together.
        token.sid = await createSession({ userId: user.id, method, maxAgeSeconds: SESSION_MAX_AGE_SECONDS });
        await recordSignIn({ userId: user.id, authSessionId: token.sid, authMethod: method });
        return token;
      }
      // Every later request: a revoked session, an expired one or a deleted account ends here.
      // next-auth answers a throwing jwt callback with an empty session and clears the cookie.
      if (!(await isSessionActive(token.sid, token.uid))) throw new SessionEndedError();
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
};

declare module "next-auth" {
  interface Session {
    user?: { id?: string; name?: string | null; email?: string | null; image?: string | null };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sid?: string;
  }
}
