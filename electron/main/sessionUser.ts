import { z } from 'zod';
import { ROLES, type PublicUser } from '../../shared/domain/records';
import { TIERS } from '../../shared/domain/ticket';

// Read from the server and from the session file: neither is trusted to have the right shape.
const publicUserSchema = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  displayName: z.string(),
  role: z.enum(ROLES),
  tier: z.union([z.literal(TIERS[0]), z.literal(TIERS[1]), z.literal(TIERS[2])]).nullable(),
  active: z.boolean(),
});

/** The user in `value` with only the public fields, or null when it is not one. */
export const parsePublicUser = (value: unknown): PublicUser | null => {
  const parsed = publicUserSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** A server address as the session keeps it: http(s) only, without a trailing slash, so `${url}/api/...` is right. */
export const normaliseServerUrl = (value: string): string | null => {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.search = '';
    url.hash = '';
    return url.href.replace(/\/+$/, '');
  } catch {
    return null;
  }
};
