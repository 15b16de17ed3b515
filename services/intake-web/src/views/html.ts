import { createHash } from 'node:crypto';

const STYLE = `
body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
label{display:block;font-weight:600;margin-top:1rem}
textarea,input[type=file],input[type=text]{width:100%;box-sizing:border-box;font:inherit}
textarea,input[type=text]{padding:.5rem}
button{margin-top:1.5rem;padding:.6rem 1.4rem;font:inherit;font-weight:600;background:#0b5394;color:#fff;border:0;border-radius:4px}
.privacy{background:#eef4fa;padding:.75rem 1rem;border-radius:4px}
.warning{background:#fff4e5;padding:.75rem 1rem;border-radius:4px}
.error{background:#fdecea;color:#611a15;padding:.75rem 1rem .75rem 2rem;border-radius:4px}
.ref{font-family:monospace;font-size:1.1rem}
nav{text-align:right}
`;

/** The CSP source that admits exactly this stylesheet: no 'unsafe-inline', no second request for a CSS file. */
export const STYLE_CSP_SOURCE = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Plain server-rendered pages: no scripts, no external resources, no cookies. */
export function page(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>`;
}
