import Document, { Head, Html, Main, NextScript, type DocumentContext, type DocumentInitialProps } from "next/document";
import type { DocumentProps } from "@/lib/server/candidates/candidate-pages";

type Props = DocumentInitialProps & { nonce?: string };

/**
 * The candidate pages' document (the Pages Router renders it on the server only: none of this
 * reaches the browser as JavaScript). Its scripts carry the request's CSP nonce, which proxy.ts
 * passes in the x-nonce request header (the App Router reads it from the CSP header itself).
 * The language, title and robots rule come from the page's props (`document`).
 */
export default class CandidateDocument extends Document<Props> {
  static async getInitialProps(ctx: DocumentContext): Promise<Props> {
    const initial = await Document.getInitialProps(ctx);
    const nonce = ctx.req?.headers["x-nonce"];
    return { ...initial, nonce: typeof nonce === "string" ? nonce : undefined };
  }

  render() {
    const { nonce } = this.props;
    const doc = (this.props.__NEXT_DATA__.props as { pageProps?: { document?: DocumentProps } } | undefined)?.pageProps?.document;
    return (
      <Html lang={doc?.lang ?? "en"}>
        <Head nonce={nonce}>
          {doc && <title>{doc.title}</title>}
          {doc && <meta name="description" content={doc.description} />}
          {doc?.noindex && <meta name="robots" content="noindex, nofollow" />}
          {doc?.noindex && <meta name="referrer" content="no-referrer" />}
        </Head>
        <body className="min-h-dvh font-sans">
          <Main />
          <NextScript nonce={nonce} />
        </body>
      </Html>
    );
  }
}
