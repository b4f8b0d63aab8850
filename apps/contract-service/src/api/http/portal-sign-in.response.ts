import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import type { OpenedPortalSession } from '../../application/open-portal-session/open-portal-session.handler';

/** The answer to asking for a sign-in link: the same whether or not the address is known. */
export class SignInLinkRequestedResponse {
  @ApiProperty({ enum: ['accepted'], description: 'Always `accepted`: whether a link was sent is told only to the mailbox it was sent to.', example: 'accepted' })
  status!: 'accepted';
}

/** A portal session just opened: the only time its token is shown. */
export class PortalSessionResponse {
  @ApiIdProperty('mbk', "The session's id: the id of its API key, as listed by GET /v1/api-keys and named in the audit log")
  id!: string;

  @ApiProperty({
    description: 'The session: a client-role API key, sent as `Authorization: Bearer <token>` to any of the five services until `expires_at`. Shown this once; stored only as a hash.',
    example: 'mbk_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E_q3Zx9c1V0bR7kT2mW8nY4pL6sD5fG1hJ3aK9eU0iO7w',
  })
  token!: string;

  @ApiIdProperty('cli', 'The client the session sees, and only it')
  client_id!: string;

  @ApiProperty({ example: 'Acme Corp' })
  client_name!: string;

  @ApiProperty({ enum: ['en', 'de'], description: "The client's language (English when it names none): the portal's language.", example: 'en' })
  client_language!: 'en' | 'de';

  @ApiProperty({ format: 'email', description: 'Who signed in: the address the link was sent to.', example: 'ap@acme.example' })
  email!: string;

  @ApiProperty({ format: 'date-time', description: 'When the session ends by itself (PORTAL_SESSION_TTL_SECONDS after sign-in).', example: '2026-12-05T04:00:00.000Z' })
  expires_at!: string;
}

/** Every field of the session: none is kept by the idempotency store (a replay answers without them). */
export const PORTAL_SESSION_FIELDS = ['id', 'token', 'client_id', 'client_name', 'client_language', 'email', 'expires_at'] as const satisfies readonly (keyof PortalSessionResponse)[];

export function portalSessionView(opened: OpenedPortalSession): PortalSessionResponse {
  const expiresAt = opened.session.expiresAt;
  if (expiresAt === null) throw new Error(`portal session ${opened.session.id} has no expiry`);
  return {
    id: opened.session.id,
    token: opened.token,
    client_id: opened.client.id,
    client_name: opened.client.name,
    client_language: opened.client.language === 'de' ? 'de' : 'en',
    email: opened.email,
    expires_at: expiresAt.toISOString(),
  };
}
