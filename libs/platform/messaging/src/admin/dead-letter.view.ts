import { ApiProperty } from '@nestjs/swagger';

/** A parked event as operators see it. */
export class DeadLetterView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Domain whose database holds the subscriber and this dead letter' }) domain: string;
  @ApiProperty() eventId: string;
  @ApiProperty() subscriber: string;
  @ApiProperty() type: string;
  @ApiProperty({ description: 'The event payload as JSON text' }) payload: string;
  @ApiProperty() attempts: number;
  @ApiProperty() error: string;
  @ApiProperty() failedAt: Date;
}

/** Result of an operator action on an event. */
export class EventActionResult {
  @ApiProperty() eventId: string;
  @ApiProperty() domain: string;
  @ApiProperty({ enum: ['replayed', 'republished'] }) action: 'replayed' | 'republished';
}
