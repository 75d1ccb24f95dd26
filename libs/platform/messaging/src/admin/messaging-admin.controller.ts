import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@foodcourt/platform-auth';
import { uuidParam } from '@foodcourt/platform-http';
import { UnitsAdmin } from './units-admin';
import { DeadLetterView, EventActionResult } from './dead-letter.view';

/** Operator endpoints for events held in any unit's databases (asked through the unit transport). */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin')
export class MessagingAdminController {
  constructor(private readonly deadLetters: UnitsAdmin) {}

  @Get('dead-letters')
  @ApiOperation({ summary: 'Events a subscriber gave up on, newest first' })
  @ApiOkResponse({ type: [DeadLetterView] })
  list(): Promise<DeadLetterView[]> {
    return this.deadLetters.list();
  }

  @Post('dead-letters/:id/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Give a dead-lettered event back to its subscriber with fresh attempts' })
  replay(@Param('id', uuidParam('id')) id: string): Promise<EventActionResult> {
    return this.deadLetters.replay(id);
  }

  @Post('outbox/:eventId/republish')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a published event again; subscribers that handled it already ignore it' })
  republish(@Param('eventId', uuidParam('eventId')) eventId: string): Promise<EventActionResult> {
    return this.deadLetters.republish(eventId);
  }
}
