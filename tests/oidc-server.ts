// A local OpenID Connect provider standing in for Keycloak in end-to-end tests: the real
// protocol (discovery, authorization code, PKCE, signed ID tokens) through the real next-auth
// Keycloak provider. Any login is accepted; the login becomes the account id.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3190);
const appUrl = process.env.APP_URL ?? "http://127.0.0.1:3100";

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: process.env.KEYCLOAK_CLIENT_ID ?? "intervue",
      client_secret: process.env.KEYCLOAK_CLIENT_SECRET ?? "intervue-secret",
      redirect_uris: [`${appUrl}/api/auth/callback/keycloak`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: `kc-${id}`, email: `${id}@sso.example.com`, email_verified: true, name: `${id} Sso` };
      },
    };
  },
  // Like Keycloak: the requested claims (email, name) travel in the ID token itself.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
});
provider.proxy = false;

const server = provider.listen(port, () => console.log(`[oidc] issuer http://127.0.0.1:${port}`));
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
