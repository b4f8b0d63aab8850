import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ANYONE, ApiIdempotencyKey, ApiProblems, type Caller, CurrentCaller } from '@mb/platform';
import { EndPortalSessionHandler } from '../../application/end-portal-session/end-portal-session.handler';
import { OpenPortalSessionHandler } from '../../application/open-portal-session/open-portal-session.handler';
import { RequestSignInLinkHandler } from '../../application/request-sign-in-link/request-sign-in-link.handler';
import { OpenPortalSessionDto, RequestSignInLinkDto } from './portal-sign-in.dto';
import { PORTAL_SESSION_FIELDS, PortalSessionResponse, portalSessionView, SignInLinkRequestedResponse } from './portal-sign-in.response';

/**
 * Issue 15, client portal sign-in: a client contact asks for a link by email and redeems it for a
 * portal session, a client-role API key that expires. Asking and redeeming come before the person
 * holds any credential, so they are open to anyone (ANYONE); the pre-authentication per-address
 * rate limit still applies to them. Signing out needs the session itself.
 */
@Controller('v1/portal')
@AccessPolicy<PortalSignInController>({
  requestSignInLink: ANYONE,
  openSession: ANYONE,
  endSession: ['client'],
})
export class PortalSignInController {
  constructor(
    private readonly requestSignInLinks: RequestSignInLinkHandler,
    private readonly openPortalSession: OpenPortalSessionHandler,
    private readonly endPortalSession: EndPortalSessionHandler,
  ) {}

  @Post('sign-in-links')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'requestPortalSignInLink',
    summary: 'Email a sign-in link to the client portal',
    description:
      'Open to anyone, no credential. For each client whose AP contact or approver is `email` (in any case), emails a link to `PORTAL_PUBLIC_URL/sign-in?token=…`, ' +
      'in the client\'s language, valid `PORTAL_SIGN_IN_LINK_TTL_SECONDS` (15 minutes unless configured) and usable once. Always answers 202 `accepted`, ' +
      'whether the address is known or not and before anything is looked up or sent, so neither the answer nor its timing tells whether the address is a client\'s. ' +
      'At most five links go to one address in fifteen minutes; past that, nothing is sent (still 202). 503 when no portal is configured.',
  })
  @ApiAcceptedResponse({ type: SignInLinkRequestedResponse, description: 'Accepted: a link is on its way if the address is a client contact.' })
  @ApiProblems({ 400: ['request.invalid'], 503: ['portal.sign_in_unavailable'] })
  @ApiIdempotencyKey()
  requestSignInLink(@Body() body: RequestSignInLinkDto): SignInLinkRequestedResponse {
    this.requestSignInLinks.accept({ email: body.email });
    return { status: 'accepted' };
  }

  @Post('sessions')
  @ApiOperation({
    operationId: 'openPortalSession',
    summary: 'Sign in to the client portal with an emailed link',
    description:
      "Open to anyone, no credential: the link's token is the credential. Uses the link up and opens a session, a client-role API key for the link's client that " +
      'expires after `PORTAL_SESSION_TTL_SECONDS` (8 hours unless configured); the answer shows it this once. An unknown, malformed, used or expired token is the same 401. ' +
      'The answer is kept nowhere: not in logs, and an `Idempotency-Key` replay answers without any of its fields.',
  })
  @ApiCreatedResponse({ type: PortalSessionResponse, description: 'The session, with its token shown this once.' })
  @ApiProblems({ 400: ['request.invalid'], 401: ['portal.sign_in_link_invalid'] })
  @ApiIdempotencyKey({ neverStored: PORTAL_SESSION_FIELDS })
  async openSession(@Body() body: OpenPortalSessionDto): Promise<PortalSessionResponse> {
    return portalSessionView(await this.openPortalSession.execute({ signInToken: body.sign_in_token }));
  }

  @Post('sessions/current/end')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'endPortalSession',
    summary: 'Sign out of the client portal',
    description:
      'Ends the portal session the request is authenticated with: its key is revoked, refused by contract-service at once and by the other services within `API_KEY_CACHE_SECONDS`. ' +
      'A request authenticated with an access token, or with a key an admin made, is no portal session (409).',
  })
  @ApiNoContentResponse({ description: 'Signed out.' })
  @ApiProblems({ 409: ['portal.not_a_session', 'api_key.already_revoked'] })
  @ApiIdempotencyKey()
  async endSession(@CurrentCaller() caller: Caller): Promise<void> {
    await this.endPortalSession.execute({ apiKeyId: caller.apiKeyId });
  }
}
