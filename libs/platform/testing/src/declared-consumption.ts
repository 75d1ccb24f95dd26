import type { INestApplicationContext } from '@nestjs/common';
import { SubscriptionRegistry } from '@foodcourt/platform-messaging';

/**
 * What differs between the event types the subscribers of `domain` registered in a running app and
 * the ones its contract declares (`declaredAs` names that list), as a message saying what to update;
 * null when they agree. The TCP relay routes events by the declaration alone (ADR 5), so a
 * subscriber it does not list would silently never get events from another unit.
 */
export function consumptionMismatch(app: INestApplicationContext, domain: string, declared: readonly string[], declaredAs: string): string | null {
  const registered = app.get(SubscriptionRegistry).eventTypes(domain);
  const undeclared = registered.filter((type) => !declared.includes(type));
  const unused = [...new Set(declared)].filter((type) => !registered.includes(type)).sort();
  const problems = [
    ...(undeclared.length > 0 ? [`add ${undeclared.join(', ')} to ${declaredAs} (a ${domain} subscriber consumes it; other units would never push it here)`] : []),
    ...(unused.length > 0 ? [`remove ${unused.join(', ')} from ${declaredAs} (no ${domain} subscriber consumes it; it only costs pushes)`] : []),
  ];
  return problems.length > 0 ? problems.join('; ') : null;
}
