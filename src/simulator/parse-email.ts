/**
 * Just enough MIME (RFC 2045–2047) to show an e-mail as a person would read it: the headers, the
 * subject with its encoded words, and the text and HTML versions out of a (nested) multipart,
 * decoded from base64 or quoted-printable and from their charset. Attachments are skipped.
 *
 * The raw message is handled as a "binary" string (one char per byte, latin1) until a part's
 * charset is known: an 8-bit body in ISO-8859-1 and one in UTF-8 both decode right that way.
 */
export interface ParsedEmail {
  /** Lower-cased names; a repeated header keeps its last value. */
  headers: Record<string, string>;
  subject: string;
  /** The From header, decoded (e.g. `"Assistência Técnica Demo" <atendimento@demo.ponte.local>`). */
  from: string;
  /** The To header, decoded. */
  to: string;
  /** The text/plain version, with \n line ends; '' when there is none. */
  text: string;
  /** The text/html version, with \n line ends; '' when there is none. */
  html: string;
}

export function parseEmail(raw: Buffer | string): ParsedEmail {
  const binary = typeof raw === 'string' ? Buffer.from(raw, 'utf8').toString('latin1') : raw.toString('latin1');
  const { headers, body } = splitEntity(binary);
  const found: { text?: string; html?: string } = {};
  collectBodies(headers, body, found, 0);
  const decoded = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, decodeHeader(value)]));
  return {
    headers: decoded,
    subject: decoded.subject ?? '',
    from: decoded.from ?? '',
    to: decoded.to ?? '',
    text: found.text ?? '',
    html: found.html ?? '',
  };
}

/** Headers and body of a message or a part: they end at the first empty line. */
function splitEntity(entity: string): { headers: Record<string, string>; body: string } {
  // A part may have no headers at all: it starts with the empty line.
  const bare = /^\r?\n/.exec(entity);
  if (bare) return { headers: {}, body: entity.slice(bare[0].length) };
  const blank = /\r?\n\r?\n/.exec(entity);
  if (!blank) return { headers: parseHeaderBlock(entity), body: '' };
  return { headers: parseHeaderBlock(entity.slice(0, blank.index)), body: entity.slice(blank.index + blank[0].length) };
}

function parseHeaderBlock(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  // A line starting with a space or tab continues the previous header (folding).
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

interface ContentType {
  type: string;
  params: Record<string, string>;
}

/** `text/plain; charset="utf-8"` → { type: 'text/plain', params: { charset: 'utf-8' } }. */
function parseContentType(value: string | undefined): ContentType {
  const [type = '', ...rest] = (value ?? 'text/plain').split(';');
  const params: Record<string, string> = {};
  for (const param of rest) {
    const equals = param.indexOf('=');
    if (equals < 0) continue;
    const name = param.slice(0, equals).trim().toLowerCase();
    params[name] = param
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase() || 'text/plain', params };
}

/** Walks the parts depth first; the first text/plain and text/html that are not attachments win. */
function collectBodies(
  headers: Record<string, string>,
  body: string,
  found: { text?: string; html?: string },
  depth: number,
): void {
  const contentType = parseContentType(headers['content-type']);
  const boundary = contentType.params.boundary;
  if (contentType.type.startsWith('multipart/') && boundary && depth < 10) {
    for (const part of splitMultipart(body, boundary)) {
      const entity = splitEntity(part);
      collectBodies(entity.headers, entity.body, found, depth + 1);
    }
    return;
  }
  if (/^attachment\b/i.test(headers['content-disposition'] ?? '')) return;
  const key = contentType.type === 'text/plain' ? 'text' : contentType.type === 'text/html' ? 'html' : undefined;
  if (key === undefined || found[key] !== undefined) return;
  const bytes = decodeTransfer(body, headers['content-transfer-encoding']);
  found[key] = decodeCharset(bytes, contentType.params.charset).replace(/\r\n?/g, '\n').replace(/\s+$/, '');
}

/** The parts between `--boundary` lines; the CRLF before each delimiter belongs to the delimiter. */
function splitMultipart(body: string, boundary: string): string[] {
  const escaped = boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${escaped}(--)?[ \\t]*(?:\\r?\\n|$)`, 'g');
  const parts: string[] = [];
  let start: number | undefined;
  for (const match of body.matchAll(delimiter)) {
    if (start !== undefined) parts.push(body.slice(start, match.index));
    if (match[1] === '--') return parts;
    start = match.index + match[0].length;
  }
  // No closing delimiter (a truncated message): keep what came after the last one.
  if (start !== undefined) parts.push(body.slice(start));
  return parts;
}

function decodeTransfer(body: string, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable':
      return Buffer.from(decodeQuotedPrintable(body), 'latin1');
    default:
      return Buffer.from(body, 'latin1');
  }
}

/** Soft line breaks (`=` at the end of a line) join lines; `=XX` is one byte. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/[ \t]+(?=\r?\n)/g, '')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  const label = charset?.trim().toLowerCase() || 'utf-8';
  try {
    return new TextDecoder(label === 'us-ascii' ? 'utf-8' : label).decode(bytes);
  } catch {
    // An unknown charset: UTF-8 is the likeliest, and shows ASCII right in any case.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/**
 * A header value: raw 8-bit bytes as UTF-8 (SMTPUTF8), then RFC 2047 encoded words
 * (`=?UTF-8?Q?Ol=C3=A1?=`, `=?ISO-8859-1?B?…?=`); the space between two encoded words is dropped.
 */
function decodeHeader(value: string): string {
  const text = Buffer.from(value, 'latin1').toString('utf8');
  return text
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(ENCODED_WORD, (_, charset: string, kind: string, encoded: string) => {
      // The charset may carry a language after `*` (RFC 2231): `UTF-8*pt-BR`.
      const label = charset.split('*')[0]!;
      const bytes =
        kind.toUpperCase() === 'B'
          ? Buffer.from(encoded, 'base64')
          : Buffer.from(decodeQuotedPrintable(encoded.replace(/_/g, ' ')), 'latin1');
      return decodeCharset(bytes, label);
    });
}
