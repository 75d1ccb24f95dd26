import * as catalog from '@foodcourt/catalog-contract';
import * as identity from '@foodcourt/identity-contract';
import * as notifications from '@foodcourt/notifications-contract';
import * as orders from '@foodcourt/orders-contract';
import * as payments from '@foodcourt/payments-contract';
import * as search from '@foodcourt/search-contract';
import * as auth from '@foodcourt/platform-auth';
import * as kernel from '@foodcourt/platform-kernel';
import * as messaging from '@foodcourt/platform-messaging';
import { DomainError, domainErrorFromBody, isRegisteredDomainError, RemoteDomainError } from '@foodcourt/platform-kernel';
import { KNOWN_DOMAINS } from './domain-ports';

// Every DomainError a library exports must survive a trip across units as the same class: a class
// declared without @DomainErrorCode would arrive as a generic RemoteDomainError and lose its type.
const LIBRARIES = { catalog, identity, notifications, orders, payments, search, auth, kernel, messaging };

const errorClassesOf = (exports: Record<string, unknown>) =>
  Object.entries(exports).filter(
    ([, value]) => typeof value === 'function' && value.prototype instanceof DomainError && value !== RemoteDomainError,
  ) as [string, new (message: string, details?: Record<string, unknown>) => DomainError][];

describe('domain errors of every contract and platform library', () => {
  it('look at the contract of every domain the registry knows', () => {
    expect(KNOWN_DOMAINS.filter((domain) => !Object.hasOwn(LIBRARIES, domain))).toEqual([]);
  });

  it('are each declared with @DomainErrorCode, and rebuilt as the same class from their wire body', () => {
    const unregistered: string[] = [];
    let count = 0;
    for (const [library, exports] of Object.entries(LIBRARIES)) {
      for (const [name, errorClass] of errorClassesOf(exports as Record<string, unknown>)) {
        count++;
        if (!isRegisteredDomainError(errorClass)) {
          unregistered.push(`${library}.${name}`);
          continue;
        }
        const rebuilt = domainErrorFromBody(new errorClass('spec', { a: 1 }).toBody());
        expect({ name, rebuilt: rebuilt.constructor.name }).toEqual({ name, rebuilt: errorClass.name });
      }
    }
    expect(unregistered).toEqual([]);
    expect(count).toBeGreaterThan(15);
  });

  it('a class declared without the decorator is reported as unregistered', () => {
    class Forgotten extends DomainError {}
    expect(isRegisteredDomainError(Forgotten)).toBe(false);
  });
});
