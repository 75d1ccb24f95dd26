import type { UserRegisteredPayload } from '@foodcourt/identity-contract';
import { formatUtc } from './format';
import { html, htmlDocument } from './html';
import type { MailTemplate } from './mail-template';

const subject = (p: UserRegisteredPayload) => `Welcome to Foodcourt, ${p.name}`;

/** Sent when an account was created. */
export const welcomeTemplate: MailTemplate<UserRegisteredPayload> = {
  subject,
  text: (p) =>
    [
      `Hello ${p.name},`,
      '',
      `your Foodcourt account ${p.email} was created on ${formatUtc(p.registeredAt)}.`,
      'You can now order from every stall of the food court.',
      '',
      'If you did not sign up, you can ignore this e-mail.',
      '',
    ].join('\n'),
  html: (p) =>
    htmlDocument(
      subject(p),
      html`<h1>Welcome to Foodcourt, ${p.name}</h1>
<p>Your account <strong>${p.email}</strong> was created on ${formatUtc(p.registeredAt)}.</p>
<p>You can now order from every stall of the food court.</p>
<p>If you did not sign up, you can ignore this e-mail.</p>`,
    ),
};
