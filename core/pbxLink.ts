import { z } from 'zod';

/** The PBX (AMI) link as the operator sees it. */
export const PbxLinkState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('connecting') }),
  z.object({
    status: z.literal('connected'),
    since: z.number(),
    /**
     * What the PBX refused this session at its last resync, in Asterisk's words
     * (`CoreShowChannels: Permission denied`): the desk works, but with less than it needs.
     */
    refused: z.array(z.string()).optional(),
  }),
  z.object({ status: z.literal('reconnecting'), retryAt: z.number(), reason: z.string() }),
  z.object({ status: z.literal('auth-failed') }),
  z.object({ status: z.literal('stopped') }),
]);
export type PbxLinkState = z.infer<typeof PbxLinkState>;
