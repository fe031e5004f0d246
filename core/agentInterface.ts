/**
 * The extension in a queue member interface, as the floor calls an operator ("1001"):
 * Local/1001@agents/n, PJSIP/1001, SIP/1001-0000002a. Null for anything else.
 */
export function extensionOf(agentInterface: string): string | null {
  return /^(?:Local|PJSIP|SIP|IAX2|DAHDI|Custom)\/([^@/-]+)/i.exec(agentInterface)?.[1] ?? null;
}
