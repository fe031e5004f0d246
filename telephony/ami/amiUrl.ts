/** The parts of `ami://USER[:SECRET]@HOST[:PORT]` (port 5038 when absent; the secret may be empty); null when it is not one. */
export function parseAmiUrl(text: string): { host: string; port: number; username: string; secret: string } | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'ami:' || url.hostname === '' || url.username === '') return null;
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? 5038 : Number(url.port),
    username: decodeURIComponent(url.username),
    secret: decodeURIComponent(url.password),
  };
}
