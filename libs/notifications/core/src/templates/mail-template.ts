/** What a template produces for one event: a subject line and both bodies. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Renders one kind of e-mail from an event payload. */
export interface MailTemplate<P> {
  subject(payload: P): string;
  text(payload: P): string;
  html(payload: P): string;
}
