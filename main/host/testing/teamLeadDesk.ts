/**
 * A team lead's desk on a central server and a PBX of the test's own (user `pbx`, secret
 * `pbx153`), logged in as the demo team lead: the desk that reads the server's queue figures.
 */
export function teamLeadDeskEnv(serverUrl: string, amiPort: number): Record<string, string> {
  return {
    DESK_ROLE: 'team-lead',
    DESK_SERVER_URL: serverUrl,
    DESK_SERVER_USER: 'lead',
    DESK_SERVER_PASSWORD: 'lead153',
    DESK_AMI_HOST: '127.0.0.1',
    DESK_AMI_PORT: String(amiPort),
    DESK_AMI_USER: 'pbx',
    DESK_AMI_SECRET: 'pbx153',
  };
}
