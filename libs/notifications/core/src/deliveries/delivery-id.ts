import { createHash } from 'node:crypto';
import type { MailTemplateName } from '@foodcourt/notifications-contract';

/**
 * The id of the one delivery an event causes with a template: sha256(eventId + ':' + template)
 * laid out as an RFC 9562 version-8 (custom, name-based) UUID, so a redelivered event maps
 * to the same row and the same .eml file.
 */
export function deliveryIdFor(eventId: string, template: MailTemplateName): string {
  const hex = createHash('sha256').update(`${eventId}:${template}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
