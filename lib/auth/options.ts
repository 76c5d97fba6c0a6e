import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import KeycloakProvider from "next-auth/providers/keycloak";
import { env } from "@/lib/env";
import { authSecret } from "@/lib/auth/secret";
import { AppError } from "@/lib/errors";
import { authenticateWithPassword } from "@/lib/server/users/authenticate-with-password";
import { signInWithKeycloak } from "@/lib/server/users/sign-in-with-keycloak";
import { recordSignIn, recordSignOut } from "@/lib/server/users/record-sign-in";

// next-auth v4 reads its public URL from NEXTAUTH_URL itself; APP_URL is our one name for it.
process.env.NEXTAUTH_URL ??= env.APP_URL;

export function clientIp(headers: Headers | Record<string, string | string[] | undefined> | undefined): string {
  const get = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return get("x-forwarded-for")?.split(",")[0]?.trim() || get("x-real-ip") || "local";
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
          ip: clientIp(req?.headers),
        });
        return { id: user.id, email: user.email, name: user.fullName };
      } catch (err) {
        // next-auth passes an thrown Error's message to the client as `error`.
        if (err instanceof AppError) throw new Error(err.message);
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

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  // Credentials sign-in requires JWT sessions in next-auth v4; the JWT lives in an httpOnly,
  // SameSite=Lax cookie (Secure and __Secure- prefixed whenever APP_URL is https).
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers,
  events: {
    async signOut({ token }) {
      if (typeof token?.uid === "string" && typeof token.sid === "string") {
        await recordSignOut({ userId: token.uid, authSessionId: token.sid, logoutReason: "user_action" });
      }
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
        if (err instanceof AppError) return `/sign-in?error=${encodeURIComponent(err.message)}`;
        throw err;
      }
    },
    async jwt({ token, user, account }) {
      // `user` is only present on the request that signs in.
      if (user) {
        token.uid = user.id;
        // JWT sessions have no server-side id; this one ties sign-in and sign-out events together.
        token.sid = randomUUID();
        await recordSignIn({
          userId: user.id,
          authSessionId: token.sid,
          authMethod: account?.provider === "keycloak" ? "oauth2" : "password",
        });
      }
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
