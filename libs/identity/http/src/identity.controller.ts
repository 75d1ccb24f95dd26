import { Body, Controller, Get, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  IDENTITY_API,
  LoginRequest,
  LogoutInput,
  RefreshInput,
  RegisterInput,
  TokenPair,
  UserView,
  type IdentityApi,
} from '@foodcourt/identity-contract';
import { CurrentCaller, Public, UnauthorizedError } from '@foodcourt/platform-auth';
import { type Caller } from '@foodcourt/platform-kernel';
import { TooManyAttemptsFilter } from './too-many-attempts.filter';

/** Accounts and sessions over HTTP; talks to the identity port only. */
@ApiTags('auth')
@Controller('auth')
@UseFilters(TooManyAttemptsFilter)
export class IdentityController {
  constructor(@Inject(IDENTITY_API) private readonly identity: IdentityApi) {}

  @Post('register')
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a customer account' })
  @ApiCreatedResponse({ type: UserView })
  @ApiBadRequestResponse({ description: 'Invalid e-mail, name or password (code VALIDATION_FAILED, the field named)' })
  @ApiConflictResponse({ description: 'The e-mail has an account already (code EMAIL_TAKEN)' })
  register(@Body() body: RegisterInput): Promise<UserView> {
    return this.identity.register(body);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for an access token and a refresh token' })
  @ApiOkResponse({ type: TokenPair })
  @ApiUnauthorizedResponse({ description: 'Unknown e-mail or wrong password (code INVALID_CREDENTIALS)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this e-mail or from this address (code TOO_MANY_ATTEMPTS, Retry-After header)' })
  login(@Body() body: LoginRequest, @Req() request: { ip: string }): Promise<TokenPair> {
    return this.identity.login({ ...body, clientIp: request.ip });
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade the refresh token for a new token pair (the old refresh token is used up)' })
  @ApiOkResponse({ type: TokenPair })
  @ApiUnauthorizedResponse({ description: 'Unknown, expired, revoked or reused refresh token (code INVALID_REFRESH_TOKEN); reuse ends the session' })
  refresh(@Body() body: RefreshInput): Promise<TokenPair> {
    return this.identity.refresh(body);
  }

  @Post('logout')
  @Public() // the refresh token in the body is the credential
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session the refresh token belongs to (idempotent)' })
  @ApiNoContentResponse({ description: 'The session is over (also when it was over already)' })
  async logout(@Body() body: LogoutInput): Promise<void> {
    await this.identity.logout(body);
  }

  @Get('me')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The account of the caller' })
  @ApiOkResponse({ type: UserView })
  @ApiUnauthorizedResponse({ description: 'Missing, invalid or expired access token (code UNAUTHORIZED)' })
  me(@CurrentCaller() caller: Caller | undefined): Promise<UserView> {
    // The global AuthGuard guarantees a caller here; without it installed, refuse rather than guess.
    if (!caller) throw new UnauthorizedError('an access token is required (Authorization: Bearer <token>)');
    return this.identity.getUser({ userId: caller.id });
  }
}
