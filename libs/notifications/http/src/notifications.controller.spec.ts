import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { DeliveryList, ListDeliveriesInput, NOTIFICATIONS_API, type NotificationsApi } from '@foodcourt/notifications-contract';
import { configureHttp, type ErrorResponseBody, type FieldViolation } from '@foodcourt/platform-runtime';
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
  transport: 'file' as const,
  location: '/data/mail/0b6f1c2e-5d4a-8b3c-9d2e-1f0a9b8c7d6e.eml',
  createdAt: new Date('2026-01-02T03:04:05.000Z'),
};

describe('GET /notifications/deliveries', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  // Real HTTP on a free port (Fastify's inject() loads the ESM-only `cookie`, which the Jest preset does not transform).
  const get = async (path: string) => {
    const res = await fetch(`${baseUrl}${path}`);
    return { statusCode: res.status, body: (await res.json()) as ResponseBody };
  };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [NotificationsHttpModule.withPort(FakeNotificationsPortModule)] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    configureHttp(app);
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });
  afterAll(() => app.close());

  beforeEach(() => listDeliveries.mockResolvedValue(Object.assign(new DeliveryList(), { items: [delivery], total: 7 })));

  it('passes the typed query to the port and answers its page', async () => {
    const res = await get('/notifications/deliveries?recipient=ann@example.com&limit=5&offset=10');
    expect(res.statusCode).toBe(200);
    expect(res.body).toEqual({ items: [{ ...delivery, createdAt: '2026-01-02T03:04:05.000Z' }], total: 7 });
    const [input] = listDeliveries.mock.calls[0];
    expect(input).toBeInstanceOf(ListDeliveriesInput);
    expect(input).toEqual({ recipient: 'ann@example.com', limit: 5, offset: 10 });
  });

  it('accepts no query at all', async () => {
    const res = await get('/notifications/deliveries');
    expect(res.statusCode).toBe(200);
    expect(listDeliveries.mock.calls[0][0]).toEqual({});
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['offset=-1', 'offset'],
    ['recipient=nope', 'recipient'],
    ['sort=asc', 'sort'],
  ])('rejects %s with 400 naming %s, without calling the port', async (query, field) => {
    const res = await get(`/notifications/deliveries?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.details?.violations.map((v) => v.field)).toEqual([field]);
    expect(listDeliveries).not.toHaveBeenCalled();
  });

  it('documents the endpoint in OpenAPI', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const operation = document.paths['/notifications/deliveries']?.get;
    expect(operation?.parameters?.map((p) => ('name' in p ? p.name : undefined)).sort()).toEqual(['limit', 'offset', 'recipient']);
    expect(operation?.responses['200']).toBeDefined();
  });
});
