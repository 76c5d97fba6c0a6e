/**
 * A stored email's HTML made safe to show in the mailbox page's sandboxed `<iframe srcDoc>`:
 * links open in a new tab (`<base target="_blank">`, the frame's sandbox allows popups that
 * escape it), and a CSP of its own (combined with the page's, which srcdoc frames inherit)
 * lets the email's inline styles and data: images through and nothing else: no scripts, no
 * remote images (tracking pixels), no fonts, no forms.
 */
export const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

const HEAD_EXTRA =
  `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">` +
  '<meta name="referrer" content="no-referrer">' +
  '<base target="_blank">';

export function emailPreviewDocument(html: string): string {
  const head = /<head(\s[^>]*)?>/i;
  if (head.test(html)) return html.replace(head, (m) => m + HEAD_EXTRA);
  const open = /<html(\s[^>]*)?>/i;
  if (open.test(html)) return html.replace(open, (m) => `${m}<head>${HEAD_EXTRA}</head>`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8">${HEAD_EXTRA}</head><body>${html}</body></html>`;
}
