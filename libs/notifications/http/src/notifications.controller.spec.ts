import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Caller, FieldViolation } from '@foodcourt/platform-kernel';
import { DeliveryList, NOTIFICATIONS_API, type NotificationsApi } from '@foodcourt/notifications-contract';
import type { ErrorResponseBody } from '@foodcourt/platform-http';
import { startHttpTestApp, type HttpTestApp } from '@foodcourt/platform-testing';
import { NotificationsHttpModule } from './notifications-http.module';

const listDeliveries = jest.fn<ReturnType<NotificationsApi['listDeliveries']>, Parameters<NotificationsApi['listDeliveries']>>();
const fakePort: NotificationsApi = { listDeliveries };

@Module({ providers: [{ provide: NOTIFICATIONS_API, useValue: fakePort }], exports: [NOTIFICATIONS_API] })
class FakeNotificationsPortModule {}

/** What the endpoint answers: a page, or the platform's error body. */
type ResponseBody = Partial<DeliveryList> & Partial<ErrorResponseBody> & { details?: { violations: FieldViolation[] } };

const delivery = {
  id: '0b6f1c2e-5d4a-8b3c-9d2e-1f0a9b8c7d6e',
  eventId: '3f2c1b0a-9e8d-4c7b-8a69-5f4e3d2c1b0a',
  template: 'order-confirmed' as const,
  recipient: 'ann@example.com',
  subject: 'Your order is confirmed',
  status: 'SENT' as const,
  transport: 'file' as const,
  location: '/data/mail/0b6f1c2e-5d4a-8b3c-9d2e-1f0a9b8c7d6e.eml',
  createdAt: new Date('2026-01-02T03:04:05.000Z'),
};

describe('GET /notifications/deliveries', () => {
  let t: HttpTestApp;
  let ann: { caller: Caller; token: string };
  /** Sends Ann's (a customer's) token unless told otherwise (null: no Authorization header). */
  const get = (path: string, token: string | null = ann.token) => t.request<ResponseBody>('GET', path, { token: token ?? undefined });

  beforeAll(async () => {
    t = await startHttpTestApp({ imports: [NotificationsHttpModule.withPort(FakeNotificationsPortModule)] });
    ann = await t.identity.customer({ email: 'ann@example.com' });
  });
  afterAll(() => t.close());

  beforeEach(() => listDeliveries.mockResolvedValue(Object.assign(new DeliveryList(), { items: [delivery], total: 7 })));

  it('answers 401 UNAUTHORIZED without a token, without calling the port', async () => {
    const res = await get('/notifications/deliveries', null);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    expect(listDeliveries).not.toHaveBeenCalled();
  });

  it('passes the typed query and the caller from the token to the port, and answers its page', async () => {
    const res = await get('/notifications/deliveries?recipient=ann@example.com&limit=5&offset=10');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [{ ...delivery, createdAt: '2026-01-02T03:04:05.000Z' }], total: 7 });
    expect(listDeliveries).toHaveBeenCalledTimes(1);
    expect(listDeliveries.mock.calls[0][0]).toEqual({
      recipient: 'ann@example.com',
      limit: 5,
      offset: 10,
      caller: { id: ann.caller.id, email: 'ann@example.com', roles: ['customer'] },
    });
  });

  it("leaves filtering to the port: a customer's recipient filter is passed as asked, with the caller", async () => {
    expect((await get('/notifications/deliveries?recipient=bob@example.com')).status).toBe(200);
    expect(listDeliveries.mock.calls[0][0]).toEqual({ recipient: 'bob@example.com', caller: ann.caller });
  });

  it('passes an admin caller with its roles', async () => {
    const admin = await t.identity.admin({ roles: ['customer', 'admin'] });
    expect((await get('/notifications/deliveries', admin.token)).status).toBe(200);
    expect(listDeliveries.mock.calls[0][0]).toEqual({ caller: { id: admin.caller.id, email: admin.caller.email, roles: ['customer', 'admin'] } });
  });

  it('accepts no query at all', async () => {
    const res = await get('/notifications/deliveries');
    expect(res.status).toBe(200);
    expect(listDeliveries.mock.calls[0][0]).toEqual({ caller: ann.caller });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['offset=-1', 'offset'],
    ['recipient=nope', 'recipient'],
    ['sort=asc', 'sort'],
    // The caller comes from the token only: a query naming one is refused.
    ['caller=admin', 'caller'],
  ])('rejects %s with 400 naming %s, without calling the port', async (query, field) => {
    const res = await get(`/notifications/deliveries?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.details?.violations.map((v) => v.field)).toEqual([field]);
    expect(listDeliveries).not.toHaveBeenCalled();
  });

  it('documents the endpoint in OpenAPI, behind a bearer token', () => {
    const document = SwaggerModule.createDocument(t.app, new DocumentBuilder().addBearerAuth().build());
    const operation = document.paths['/notifications/deliveries']?.get;
    expect(operation?.parameters?.map((p) => ('name' in p ? p.name : undefined)).sort()).toEqual(['limit', 'offset', 'recipient']);
    expect(operation?.responses['200']).toBeDefined();
    expect(operation?.security).toEqual([{ bearer: [] }]);
  });
});
