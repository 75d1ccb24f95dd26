import 'reflect-metadata';
import type { UserRegisteredPayload } from '@foodcourt/identity-contract';
import type { OrderCancelledPayload, OrderConfirmedPayload } from '@foodcourt/orders-contract';
import type { PaymentCapturedPayload, PaymentFailedPayload } from '@foodcourt/payments-contract';
import { formatMoney, formatUtc } from './format';
import { escapeHtml, html } from './html';
import { renderMail } from './template-registry';

const confirmed: OrderConfirmedPayload = {
  orderId: '11111111-1111-4111-8111-111111111111',
  customerId: '55555555-5555-4555-8555-555555555555',
  customerEmail: 'ann@example.com',
  total: 1250,
  currency: 'EUR',
  paymentId: '22222222-2222-4222-8222-222222222222',
  lines: [{ sku: '<script>alert(1)</script>', quantity: 2, unitPrice: 625 }],
  confirmedAt: new Date('2026-01-02T03:04:05Z'),
};

describe('formatMoney', () => {
  it.each([
    [1250, 'EUR', 'EUR 12.50'],
    [5, 'EUR', 'EUR 0.05'],
    [0, 'USD', 'USD 0.00'],
    [123456789, 'EUR', 'EUR 1,234,567.89'],
    [-1250, 'EUR', 'EUR -12.50'],
    [1500, 'JPY', 'JPY 1,500'],
    [12345, 'KWD', 'KWD 12.345'],
  ])('%d %s → %s', (minor, currency, expected) => {
    expect(formatMoney(minor, currency)).toBe(expected);
  });
});

describe('formatUtc', () => {
  it('shows minutes in UTC', () => expect(formatUtc(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02 03:04 UTC'));
});

describe('html', () => {
  it('escapes every interpolated value but keeps nested html', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"x"'}">${inner}${["a&b", "'"]}</p>`.value).toBe('<p title="&quot;x&quot;"><b>&lt;i&gt;</b>a&amp;b&#39;</p>');
    expect(escapeHtml('<>&"\'')).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('templates', () => {
  it('order-confirmed: subject, formatted total, escaped lines', () => {
    const mail = renderMail('order-confirmed', confirmed);
    expect(mail.subject).toBe(`Your order ${confirmed.orderId} is confirmed`);
    expect(mail.text).toContain('Total: EUR 12.50');
    expect(mail.text).toContain('2 x <script>alert(1)</script> @ EUR 6.25 = EUR 12.50');
    expect(mail.html).toContain('EUR 12.50');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
  });

  it('order-cancelled: refunded amount', () => {
    const payload: OrderCancelledPayload = { ...confirmed, cancelledAt: new Date('2026-01-03T00:00:00Z') };
    const mail = renderMail('order-cancelled', payload);
    expect(mail.subject).toBe(`Your order ${confirmed.orderId} was cancelled`);
    expect(mail.text).toContain('Refunded: EUR 12.50');
    expect(mail.html).toContain('2026-01-03 00:00 UTC');
  });

  it('payment-captured: a receipt with the amount paid, when, and the payment reference', () => {
    const payload: PaymentCapturedPayload = {
      paymentId: confirmed.paymentId,
      orderId: '<b>order</b>',
      amount: 1500,
      currency: 'JPY',
      receiptEmail: 'ann@example.com',
      capturedAt: new Date('2026-01-02T03:04:05Z'),
    };
    const mail = renderMail('payment-captured', payload);
    expect(mail.subject).toBe('Receipt for your payment for order <b>order</b>');
    expect(mail.text).toContain('Paid: JPY 1,500');
    expect(mail.text).toContain('When: 2026-01-02 03:04 UTC');
    expect(mail.text).toContain(`Payment: ${confirmed.paymentId}`);
    expect(mail.html).toContain('<strong>JPY 1,500</strong>');
    expect(mail.html).toContain('&lt;b&gt;order&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>order');
  });

  it('payment-failed: amount and escaped reason', () => {
    const payload: PaymentFailedPayload = {
      paymentId: confirmed.paymentId,
      orderId: confirmed.orderId,
      amount: 999,
      currency: 'USD',
      receiptEmail: 'ann@example.com',
      reason: 'card <declined> & "expired"',
      failedAt: new Date('2026-01-02T03:04:05Z'),
    };
    const mail = renderMail('payment-failed', payload);
    expect(mail.subject).toBe(`Payment for order ${confirmed.orderId} failed`);
    expect(mail.text).toContain('USD 9.99');
    expect(mail.html).toContain('card &lt;declined&gt; &amp; &quot;expired&quot;');
  });

  it('welcome: greets by name, escaped in the html', () => {
    const payload: UserRegisteredPayload = {
      userId: '44444444-4444-4444-8444-444444444444',
      email: 'ann@example.com',
      name: 'Ann <b>',
      registeredAt: new Date('2026-01-02T03:04:05Z'),
    };
    const mail = renderMail('welcome', payload);
    expect(mail.subject).toBe('Welcome to Foodcourt, Ann <b>');
    expect(mail.text).toContain('Hello Ann <b>,');
    expect(mail.text).toContain('ann@example.com was created on 2026-01-02 03:04 UTC');
    expect(mail.html).toContain('Welcome to Foodcourt, Ann &lt;b&gt;');
    expect(mail.html).not.toContain('<b>');
  });
});
