import { parseAmiUrl } from '../../telephony/ami/amiUrl.js';

/** One PBX the server's collector watches; `name` (HOST:PORT) tags its rows and never holds the secret. */
export interface PbxEndpoint {
  name: string;
  host: string;
  port: number;
  username: string;
  secret: string;
}

/**
 * SERVER_AMI_URL: `ami://USER:SECRET@HOST:PORT`, several PBXs separated by commas. The secret is
 * percent-encoded where it holds `@`, `:` or `,`. An error names the entry by position, never by
 * its text (it holds a secret).
 */
export function parsePbxUrls(value: string): PbxEndpoint[] {
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const pbxs = entries.map((entry, index) => {
    const url = parseAmiUrl(entry);
    if (url === null || url.secret === '' || !Number.isInteger(url.port) || url.port < 1 || url.port > 65_535) {
      throw new RangeError(`SERVER_AMI_URL entry ${index + 1} must look like ami://USER:SECRET@HOST:PORT`);
    }
    return { name: `${url.host}:${url.port}`, ...url };
  });
  const names = new Set(pbxs.map((p) => p.name));
  if (names.size !== pbxs.length) throw new RangeError('SERVER_AMI_URL names the same PBX twice');
  return pbxs;
}
